// /documents: issued official documents in the user's scope (filters: unit, type, year; the stored PDF and DOCX of
// each) and the chosen unit's header form. /documents/drafts/<id> opens one draft in the editor.
import { useState } from 'react';
import { qs, request } from '../api.ts';
import { formatDate, formatDateTime, todayVN } from '../dates.ts';
import { useT } from '../i18n.ts';
import { useSession } from '../session.ts';
import { ErrorBanner } from '../ui/Alert.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { useLoad } from '../ui/useAsync.ts';
import { Link } from '../ui/Link.tsx';
import { UnitPicker } from '../units/UnitPicker.tsx';
import { DraftEditor } from './DraftEditor.tsx';
import { HeaderForm } from './HeaderForm.tsx';
import { DOC_TYPES, issuedFile, type DraftList, type IssuedList } from './model.ts';

const PAGE = 50;

/** The documents screen, or one draft's editor when `draftId` is given. */
export function DocumentsScreen({ draftId }: { draftId?: number }) {
  const t = useT();
  if (draftId) {
    return (
      <section className="panel" aria-label={t('ui.documents.title')}>
        <DraftEditor draftId={draftId} />
      </section>
    );
  }
  return (
    <>
      <IssuedSection />
      <DraftsSection />
      <HeaderSection />
    </>
  );
}

function IssuedSection() {
  const t = useT();
  const [unitId, setUnitId] = useState<number | null>(null);
  const [type, setType] = useState('');
  const [year, setYear] = useState(todayVN().slice(0, 4));
  const [offset, setOffset] = useState(0);
  const validYear = /^\d{4}$/.test(year) ? year : '';
  const list = useLoad(
    () => request<IssuedList>('GET', `/api/documents${qs({ unitId, type, year: validYear, limit: PAGE, offset })}`),
    [unitId, type, validYear, offset],
  );
  const docs = list.data?.documents ?? [];
  const filter = <T,>(fn: (v: T) => void) => (v: T) => {
    fn(v);
    setOffset(0);
  };

  return (
    <section className="panel" aria-labelledby="documents-title">
      <h1 id="documents-title">{t('ui.documents.title')}</h1>
      <div className="filters">
        <UnitPicker label={t('ui.documents.unit')} value={unitId} onChange={filter(setUnitId)} emptyLabel={t('ui.unit.all_in_scope')} />
        <SelectField label={t('ui.documents.type')} value={type} onChange={filter(setType)}
          options={[{ value: '', label: t('ui.documents.all_types') }, ...DOC_TYPES.map((x) => ({ value: x, label: t(`ui.documents.type.${x}`) }))]} />
        <TextField label={t('ui.documents.year')} value={year} onChange={filter(setYear)} />
      </div>
      <ErrorBanner error={list.error} />
      {list.loading && !list.data && <p role="status">{t('ui.loading')}</p>}
      {list.data && (docs.length === 0 ? <p className="muted">{t('ui.documents.none')}</p> : (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{t('ui.documents.list_caption', { n: list.data.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ui.documents.symbol')}</th>
                <th scope="col">{t('ui.documents.issued_on')}</th>
                <th scope="col">{t('ui.documents.doc_title')}</th>
                <th scope="col">{t('ui.documents.unit')}</th>
                <th scope="col">{t('ui.documents.files')}</th>
              </tr>
            </thead>
            <tbody>
              {docs.map((d) => (
                <tr key={d.id}>
                  <td className="nowrap">{d.symbol}</td>
                  <td className="nowrap">{formatDate(d.issuedOn)}</td>
                  <td>{d.title}</td>
                  <td>{d.unitName}</td>
                  <td className="row-actions">
                    <a className="button-link small" href={issuedFile(d.id, 'pdf')} target="_blank" rel="noopener">
                      PDF<span className="sr-only"> {d.symbol}</span>
                    </a>
                    <a className="button-link small" href={issuedFile(d.id, 'docx')} download>
                      DOCX<span className="sr-only"> {d.symbol}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {list.data && (offset > 0 || offset + PAGE < list.data.total) && (
        <nav className="pager" aria-label={t('ui.pager.label')}>
          <button type="button" disabled={offset === 0} onClick={() => setOffset((o) => Math.max(0, o - PAGE))}>{t('ui.pager.prev')}</button>
          <button type="button" disabled={offset + PAGE >= list.data.total} onClick={() => setOffset((o) => o + PAGE)}>{t('ui.pager.next')}</button>
        </nav>
      )}
    </section>
  );
}

/** Drafts waiting to be issued (made from the conference screens), newest first. */
function DraftsSection() {
  const t = useT();
  const list = useLoad(() => request<DraftList>('GET', '/api/documents/drafts?limit=100'), []);
  const drafts = (list.data?.drafts ?? []).filter((d) => d.state === 'draft');
  return (
    <section className="panel" aria-labelledby="documents-drafts-title">
      <h2 id="documents-drafts-title">{t('ui.documents.drafts')}</h2>
      <ErrorBanner error={list.error} />
      {list.data && (drafts.length === 0 ? <p className="muted">{t('ui.documents.no_drafts')}</p> : (
        <ul>
          {drafts.map((d) => (
            <li key={d.id}>
              <Link to={`/documents/drafts/${d.id}`}>{t(`ui.documents.type.${d.type}`)}: {d.subject}</Link>{' '}
              <span className="hint">({formatDateTime(d.updatedAt)})</span>
            </li>
          ))}
        </ul>
      ))}
    </section>
  );
}

function HeaderSection() {
  const t = useT();
  const { me } = useSession();
  const [unitId, setUnitId] = useState<number | null>(() => me.grants.find((g) => g.role === 'admin' || g.role === 'leader')?.unitId ?? me.user.unitId);
  return (
    <section className="panel" aria-labelledby="documents-header-title">
      <h2 id="documents-header-title">{t('ui.documents.header')}</h2>
      <p className="hint">{t('ui.documents.header_intro')}</p>
      <UnitPicker label={t('ui.documents.unit')} value={unitId} onChange={setUnitId} required />
      {unitId && <HeaderForm key={unitId} unitId={unitId} />}
    </section>
  );
}
