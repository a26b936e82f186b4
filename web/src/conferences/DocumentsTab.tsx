// Official documents built from the conference's data: the invitation (to the whole list or to one delegate),
// the report and the minutes. Creating one makes a draft (its address keeps ?draft=), edited and issued in the
// documents' editor (web/src/documents/DraftEditor.tsx); issuing gives the number and the DOCX and PDF files.
// The conference's drafts and issued documents are listed below.
import { useState } from 'react';
import { qs, request } from '../api.ts';
import { useT } from '../i18n.ts';
import { navigate, useRoute } from '../router.ts';
import { ErrorBanner } from '../ui/Alert.tsx';
import { SelectField } from '../ui/Field.tsx';
import { Link } from '../ui/Link.tsx';
import { useLoad, useSubmit } from '../ui/useAsync.ts';
import { DraftEditor } from '../documents/DraftEditor.tsx';
import type { Conference, Delegate } from './model.ts';

type Kind = 'invitation' | 'report' | 'minutes';

interface DraftRow {
  id: number;
  type: string;
  subject: string;
  state: string;
  issuedDocumentId: number | null;
}

export function DocumentsTab({ conference: c }: { conference: Conference }) {
  const t = useT();
  const { query } = useRoute();
  const draftId = /^\d{1,9}$/.test(query.get('draft') ?? '') ? Number(query.get('draft')) : null;
  const delegates = useLoad(() => request<{ delegates: Delegate[] }>('GET', `/api/conferences/${c.id}/delegates`), [c.id]);
  const [delegateId, setDelegateId] = useState('');
  const drafts = useLoad(() => request<{ drafts: DraftRow[] }>('GET', `/api/documents/drafts${qs({ entityType: 'conference', entityId: c.id })}`), [c.id, draftId]);
  const make = useSubmit();
  const canDraft = c.allowed.includes('plan') || c.allowed.includes('publish');

  const create = (kind: Kind, oneDelegate?: string) => void make.run(async () => {
    const d = await request<{ id: number }>('POST', `/api/conferences/${c.id}/documents/${kind}${qs({ delegateId: oneDelegate })}`);
    navigate(`/conferences/${c.id}${qs({ tab: 'documents', draft: d.id })}`, true);
  });

  return (
    <div className="conf-docs">
      <p className="hint">{t('ui.conf.doc.intro')}</p>
      <ErrorBanner error={make.error} />
      {canDraft ? (
        <div className="conf-doc-buttons">
          <section className="conf-doc-card" aria-labelledby="conf-doc-inv">
            <h3 id="conf-doc-inv">{t('ui.conf.doc.invitation')}</h3>
            <p className="hint">{t('ui.conf.doc.invitation_hint')}</p>
            <button type="button" onClick={() => create('invitation')} disabled={make.busy}>{t('ui.conf.doc.invitation_all')}</button>
            <div className="conf-inline conf-doc-one">
              <SelectField label={t('ui.conf.doc.one_delegate')} value={delegateId} onChange={setDelegateId}
                options={[{ value: '', label: t('ui.conf.doc.choose_delegate') }, ...(delegates.data?.delegates ?? []).map((d) => ({ value: String(d.id), label: d.fullName }))]} />
              <button type="button" onClick={() => create('invitation', delegateId)} disabled={make.busy || !delegateId}>{t('ui.conf.doc.invitation_one')}</button>
            </div>
          </section>
          <section className="conf-doc-card" aria-labelledby="conf-doc-rep">
            <h3 id="conf-doc-rep">{t('ui.conf.doc.report')}</h3>
            <p className="hint">{t('ui.conf.doc.report_hint')}</p>
            <button type="button" onClick={() => create('report')} disabled={make.busy}>{t('ui.conf.doc.create_report')}</button>
          </section>
          <section className="conf-doc-card" aria-labelledby="conf-doc-min">
            <h3 id="conf-doc-min">{t('ui.conf.doc.minutes')}</h3>
            <p className="hint">{t('ui.conf.doc.minutes_hint')}</p>
            <button type="button" onClick={() => create('minutes')} disabled={make.busy}>{t('ui.conf.doc.create_minutes')}</button>
          </section>
        </div>
      ) : <p className="muted">{t('ui.conf.doc.read_only')}</p>}
      {draftId !== null && <div className="conf-draft" data-draft={draftId}><DraftEditor key={draftId} draftId={draftId} onIssued={drafts.reload} /></div>}
      {(drafts.data?.drafts.length ?? 0) > 0 && (
        <section className="conf-doc-list" aria-labelledby="conf-doc-list">
          <h3 id="conf-doc-list">{t('ui.conf.doc.list')}</h3>
          <ul>
            {drafts.data!.drafts.map((d) => (
              <li key={d.id} aria-current={d.id === draftId ? 'true' : undefined}>
                <span className="tag">{t(`ui.conf.doc.state.${d.state}`)}</span> <strong>{t(`ui.conf.doc.type.${d.type}`)}</strong> {d.subject}
                {' '}<Link to={`/conferences/${c.id}${qs({ tab: 'documents', draft: d.id })}`}>{t('ui.conf.doc.open')}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
