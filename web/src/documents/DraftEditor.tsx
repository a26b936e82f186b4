// Editing a draft of an official document before it is issued: the subject, each block's text (tables are shown,
// not edited: they come from the data), the signers and "Nơi nhận" one per line; save; previews as PDF and DOCX
// (of what was saved); "Ban hành" after a confirmation, which numbers it for good and offers the stored files.
// Reusable: the conference screen embeds it as <DraftEditor draftId={id} onIssued={...} />.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { request } from '../api.ts';
import { formatDate } from '../dates.ts';
import { useT } from '../i18n.ts';
import { ErrorBanner, Notice, fieldErrors } from '../ui/Alert.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { useLoad, useSubmit } from '../ui/useAsync.ts';
import { BlockEditor } from './BlockEditor.tsx';
import { AUTHORITIES, PLAIN_FIELDSET, issuedFile, lines, previewFile, type Block, type Draft, type IssuedDocument, type Signer } from './model.ts';

interface Props {
  draftId: number;
  onIssued?: (doc: IssuedDocument) => void;
}

interface Form {
  subject: string;
  blocks: Block[];
  signers: { authority: string; titleLines: string; name: string }[];
  recipients: string;
}

function toForm(d: Draft): Form {
  return {
    subject: d.model.subject,
    blocks: d.model.blocks,
    signers: d.model.signers.map((s) => ({ authority: s.authority ?? '', titleLines: s.titleLines.join('\n'), name: s.name ?? '' })),
    recipients: d.model.recipients.join('\n'),
  };
}

function fromForm(f: Form) {
  const signers: Signer[] = f.signers.map((s) => ({ authority: s.authority || null, titleLines: lines(s.titleLines), name: s.name.trim() || null }));
  return { subject: f.subject, blocks: f.blocks, signers, recipients: lines(f.recipients) };
}

/** A draft's editor; once issued, its number and the stored files. */
export function DraftEditor({ draftId, onIssued }: Props) {
  const t = useT();
  const draft = useLoad(() => request<Draft>('GET', `/api/documents/drafts/${draftId}`), [draftId]);
  const [form, setForm] = useState<Form | null>(null);
  const [dirty, setDirty] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [issued, setIssued] = useState<IssuedDocument | null>(null);
  const save = useSubmit();
  const issue = useSubmit();
  const headingId = useId();

  useEffect(() => {
    if (draft.data) {
      setForm(toForm(draft.data));
      setDirty(false);
    }
  }, [draft.data]);

  if (draft.error) return <ErrorBanner error={draft.error} />;
  if (!draft.data || !form) return <p role="status">{t('ui.loading')}</p>;
  const d = draft.data;
  const canEdit = d.allowed.includes('edit');
  const errs = fieldErrors(save.error);
  const change = (f: Partial<Form>) => {
    setForm({ ...form, ...f });
    setDirty(true);
    setNotice(null);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run(async () => {
      await request<Draft>('PUT', `/api/documents/drafts/${draftId}`, fromForm(form));
      setNotice(t('ui.documents.saved'));
      draft.reload();
    });
  };
  const doIssue = () => void issue.run(async () => {
    if (dirty && !window.confirm(t('ui.documents.issue_unsaved'))) return;
    if (!window.confirm(t('ui.documents.issue_confirm', { type: d.typeName, unit: d.unitName }))) return;
    const r = await request<IssuedDocument>('POST', `/api/documents/drafts/${draftId}/issue`);
    setIssued(r);
    onIssued?.(r);
    draft.reload();
  });

  const ref = issued ?? d.issued;
  if (d.state === 'issued' && ref) {
    return (
      <section aria-labelledby={headingId} className="document-issued">
        <h2 id={headingId}>{d.typeName} {d.model.subject}</h2>
        <p role="status" className="alert ok">
          {t('ui.documents.issued_as', { symbol: ref.symbol, date: formatDate(ref.issuedOn) })}
        </p>
        <p className="row-actions">
          <a className="button-link" href={issuedFile(ref.id, 'pdf')} target="_blank" rel="noopener">{t('ui.documents.download_pdf')}</a>
          <a className="button-link" href={issuedFile(ref.id, 'docx')} download>{t('ui.documents.download_docx')}</a>
        </p>
      </section>
    );
  }

  return (
    <form onSubmit={submit} aria-labelledby={headingId} className="draft-editor" noValidate>
      <h2 id={headingId}>{t('ui.documents.draft_title', { type: d.typeName, unit: d.unitName })}</h2>
      <p className="hint">{t('ui.documents.draft_hint', { number: `Số:      /${d.type}-${d.model.header.symbolSuffix}` })}</p>
      {!canEdit && <p className="alert warn">{t('ui.documents.read_only')}</p>}
      <ErrorBanner error={save.error} />
      <Notice>{notice}</Notice>
      <fieldset disabled={!canEdit || save.busy} style={PLAIN_FIELDSET}>
        <legend className="sr-only">{t('ui.documents.content')}</legend>
        <TextField label={t('ui.documents.subject')} value={form.subject} onChange={(v) => change({ subject: v })} required multiline error={errs.subject} />
        <h3>{t('ui.documents.body')}</h3>
        {form.blocks.map((b, i) => (
          <BlockEditor key={i} index={i} block={b} errors={errs}
            onChange={(nb) => change({ blocks: form.blocks.map((x, j) => (j === i ? nb : x)) })} />
        ))}
        <h3>{t('ui.documents.signers')}</h3>
        <div className="form-grid">
          {form.signers.map((s, i) => (
            <div key={i}>
              <SelectField label={t('ui.documents.signer_authority', { n: i + 1 })} value={s.authority}
                options={AUTHORITIES.map((a) => ({ value: a, label: a || t('ui.documents.authority_none') }))}
                onChange={(v) => change({ signers: form.signers.map((x, j) => (j === i ? { ...x, authority: v } : x)) })} />
              <TextField label={t('ui.documents.signer_title', { n: i + 1 })} multiline value={s.titleLines} hint={t('ui.documents.signer_title_hint')}
                error={errs[`signers.${i}.titleLines`] ?? errs.signers}
                onChange={(v) => change({ signers: form.signers.map((x, j) => (j === i ? { ...x, titleLines: v } : x)) })} />
              <TextField label={t('ui.documents.signer_name', { n: i + 1 })} value={s.name} error={errs[`signers.${i}.name`]}
                onChange={(v) => change({ signers: form.signers.map((x, j) => (j === i ? { ...x, name: v } : x)) })} />
            </div>
          ))}
        </div>
        <TextField label={t('ui.documents.recipients')} multiline value={form.recipients} hint={t('ui.documents.recipients_hint')}
          error={errs.recipients ?? Object.entries(errs).find(([k]) => k.startsWith('recipients.'))?.[1]}
          onChange={(v) => change({ recipients: v })} />
      </fieldset>
      <div className="form-actions row-actions">
        {canEdit && <button type="submit" className="primary" disabled={save.busy}>{save.busy ? t('ui.busy') : t('ui.save')}</button>}
        <a className="button-link" href={previewFile(draftId, 'pdf')} target="_blank" rel="noopener">{t('ui.documents.preview_pdf')}</a>
        <a className="button-link" href={previewFile(draftId, 'docx')} download>{t('ui.documents.preview_docx')}</a>
        {d.allowed.includes('issue') && (
          <button type="button" onClick={doIssue} disabled={issue.busy || save.busy}>{issue.busy ? t('ui.busy') : t('ui.documents.issue')}</button>
        )}
      </div>
      {dirty && <p className="hint">{t('ui.documents.preview_saved_only')}</p>}
      <ErrorBanner error={issue.error} />
    </form>
  );
}
