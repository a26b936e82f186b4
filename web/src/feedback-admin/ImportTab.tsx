// Importing a unit's register kept in Excel: choose the unit and a CSV or XLSX file, check it (a dry run: which
// columns were recognised, the first rows as they will be read, or every problem by line and column), then import
// all rows in one transaction — or none — and see the register numbers given.
import { useEffect, useRef, useState } from 'react';
import { ApiError, qs } from '../api.ts';
import { formatDate } from '../dates.ts';
import { useT } from '../i18n.ts';
import { useSession } from '../session.ts';
import { ErrorBanner, Notice } from '../ui/Alert.tsx';
import { Link } from '../ui/Link.tsx';
import { useImportFlow } from '../ui/useImportFlow.ts';
import { UnitPicker } from '../units/UnitPicker.tsx';
import { IssueTable, typeOfFile, upload } from '../surveys/ImportTab.tsx';
import { defaultUnit, formatTrackingCode, type ImportDone, type ImportPreview } from './model.ts';
import { ImportFileField } from '../ui/ImportFileField.tsx';

/** The server's limit (src/core/feedback/import-rows.ts FEEDBACK_IMPORT_MAX_BYTES). */
const MAX_BYTES = 5 * 1024 * 1024;

export function ImportTab() {
  const t = useT();
  const { me } = useSession();
  const [unitId, setUnitId] = useState<number | null>(() => defaultUnit(me, ['leader', 'officer', 'clerk', 'admin']));
  const send = (dryRun: boolean, file: File | null) => {
    if (!unitId) throw new ApiError(400, 'validation', t('errors.validation'), { unitId: t('validation.required') });
    if (!file) throw new ApiError(400, 'validation', t('errors.validation'), { file: t('ui.fbadmin.imp.no_file') });
    if (file.size > MAX_BYTES) throw new ApiError(400, 'validation', t('errors.validation'), { file: t('ui.fbadmin.imp.too_big') });
    return upload<ImportPreview | ImportDone>(`/api/feedback-imports${qs({ unitId, dryRun: dryRun ? 1 : 0, filename: file.name })}`, file, typeOfFile(file), me.csrfToken);
  };

  const { fileKey, preview, done, go, check, active, reset, choose, submitCheck, runImport, errs, rows } = useImportFlow<ImportPreview, ImportDone>(send);

  return (
    <div className="fba-import">
      <p className="hint">{t('ui.fbadmin.imp.intro')}</p>
      <p className="alert warn">{t('ui.fbadmin.imp.all_or_nothing')}</p>
      <form className="form-grid fba-import-form" onSubmit={submitCheck} noValidate aria-label={t('ui.fbadmin.imp.form')}>
        <UnitPicker label={t('ui.fbadmin.imp.unit')} value={unitId} required error={errs.unitId} onChange={(id) => {
          setUnitId(id);
          reset();
        }} />
        <ImportFileField id="fb-import-file" label={t('ui.fbadmin.imp.file')} hint={t('ui.fbadmin.imp.file_hint')} error={errs.file} inputKey={fileKey} onFile={choose} />
        <ErrorBanner error={active.error} />
        <div className="form-actions">
          <button type="submit" className={preview ? '' : 'primary'} disabled={check.busy || go.busy}>
            {check.busy ? t('ui.busy') : t('ui.fbadmin.imp.check')}
          </button>
        </div>
      </form>
      <IssueTable rows={rows} caption={t('ui.fbadmin.imp.errors', { n: rows.length })} />
      {rows.length > 0 && <p className="muted">{t('ui.fbadmin.imp.fix_and_retry')}</p>}
      {preview && <PreviewBox preview={preview} busy={go.busy} onImport={runImport} />}
      {done && <DoneBox done={done} />}
    </div>
  );
}

function PreviewBox({ preview, busy, onImport }: { preview: ImportPreview; busy: boolean; onImport: () => void }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const columns = Object.entries(preview.columns);
  return (
    <section className="fba-preview" aria-labelledby="imp-preview-title">
      <h3 id="imp-preview-title" ref={heading} tabIndex={-1}>{t('ui.fbadmin.imp.preview_title')}</h3>
      <Notice>{t('ui.fbadmin.imp.checked_ok', { n: preview.total })}</Notice>
      {preview.alreadyImported && <p className="alert warn">{t('ui.fbadmin.imp.already')}</p>}
      <dl className="facts">
        <dt>{t('ui.fbadmin.imp.columns')}</dt>
        <dd>{columns.map(([name, field]) => `${name} → ${t(`ui.fbadmin.imp.field.${field}`)}`).join('; ')}</dd>
        {preview.ignoredColumns.length > 0 && <>
          <dt>{t('ui.fbadmin.imp.ignored')}</dt>
          <dd>{preview.ignoredColumns.join(', ')}</dd>
        </>}
      </dl>
      <div className="table-wrap">
        <table className="stack fba-preview-table">
          <caption>{t('ui.fbadmin.imp.preview_caption', { shown: preview.preview.length, n: preview.total })}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">{t('ui.import.line')}</th>
              <th scope="col">{t('ui.fbadmin.imp.received')}</th>
              <th scope="col">{t('ui.fbadmin.imp.channel')}</th>
              <th scope="col">{t('ui.fbadmin.imp.kind')}</th>
              <th scope="col">{t('ui.fbadmin.imp.content')}</th>
              <th scope="col">{t('ui.fbadmin.imp.person')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.preview.map((r) => (
              <tr key={r.line} data-line={r.line}>
                <td data-label={t('ui.import.line')} className="num">{r.line}</td>
                <td data-label={t('ui.fbadmin.imp.received')} className="nowrap">{formatDate(r.receivedOn)}</td>
                <td data-label={t('ui.fbadmin.imp.channel')}>{t(`ui.feedback.channel.${r.channel}`)}</td>
                <td data-label={t('ui.fbadmin.imp.kind')}>{t(`ui.feedback.kind.${r.kind}`)}</td>
                <td data-label={t('ui.fbadmin.imp.content')} className="fba-cell-text">{r.summary ? <strong>{r.summary}: </strong> : null}{r.content}</td>
                <td data-label={t('ui.fbadmin.imp.person')}>{r.hasSubmitter ? t('ui.fbadmin.imp.person_yes') : t('ui.fbadmin.imp.person_no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="form-actions">
        <button type="button" className="primary" disabled={busy} onClick={onImport}>
          {busy ? t('ui.busy') : t('ui.fbadmin.imp.run', { n: preview.total })}
        </button>
      </div>
    </section>
  );
}

function DoneBox({ done }: { done: ImportDone }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section className="fba-done" aria-labelledby="imp-done-title">
      <h3 id="imp-done-title" ref={heading} tabIndex={-1}>{t('ui.fbadmin.imp.done_title')}</h3>
      <Notice>{t('ui.fbadmin.imp.done', { n: done.imported })}</Notice>
      <div className="table-wrap">
        <table className="stack fba-done-table">
          <caption className="sr-only">{t('ui.fbadmin.imp.done_title')}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">{t('ui.import.line')}</th>
              <th scope="col">{t('ui.fbadmin.imp.register_no')}</th>
              <th scope="col">{t('ui.fbadmin.imp.tracking')}</th>
            </tr>
          </thead>
          <tbody>
            {done.items.map((i) => (
              <tr key={i.id} data-line={i.line}>
                <td data-label={t('ui.import.line')} className="num">{i.line}</td>
                <td data-label={t('ui.fbadmin.imp.register_no')}>
                  <Link to={`/feedback/${i.id}`}><strong data-testid="register-no">{i.registerNo}/{i.registerYear}</strong></Link>
                </td>
                <td data-label={t('ui.fbadmin.imp.tracking')}><code>{formatTrackingCode(i.trackingCode)}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
