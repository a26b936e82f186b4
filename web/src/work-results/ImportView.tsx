// Importing figures from a CSV or XLSX file (columns: unit code, period, indicator code, value): check it first
// (a dry run listing the rows as they will be read, or every problem by line and column), then import all rows in
// one transaction — or none.
import { useContext, useEffect, useRef } from 'react';
import { ApiError, qs } from '../api.ts';
import { LangContext, useT } from '../i18n.ts';
import { useSession } from '../session.ts';
import { IssueTable, typeOfFile, upload } from '../surveys/ImportTab.tsx';
import { ErrorBanner, Notice } from '../ui/Alert.tsx';
import { useImportFlow } from '../ui/useImportFlow.ts';
import { formatFigure, type ImportDone, type ImportPreview } from './model.ts';
import { ImportFileField } from '../ui/ImportFileField.tsx';

/** The server's limit (src/core/work-results/import-rows.ts WORK_IMPORT_MAX_BYTES). */
const MAX_BYTES = 2 * 1024 * 1024;

export function ImportView() {
  const t = useT();
  const { lang } = useContext(LangContext);
  const { me } = useSession();
  const send = (dryRun: boolean, file: File | null) => {
    if (!file) throw new ApiError(400, 'validation', t('errors.validation'), { file: t('ui.wr.imp.no_file') });
    if (file.size > MAX_BYTES) throw new ApiError(400, 'validation', t('errors.validation'), { file: t('ui.wr.imp.too_big') });
    return upload<ImportPreview | ImportDone>(`/api/work-results/import${qs({ dryRun: dryRun ? 1 : 0, filename: file.name, lang })}`, file, typeOfFile(file), me.csrfToken);
  };
  const { fileKey, preview, done, check, go, active, choose, submitCheck, runImport, errs, rows } = useImportFlow<ImportPreview, ImportDone>(send);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (preview || done) heading.current?.focus();
  }, [preview, done]);

  return (
    <div className="wr-import">
      <p className="hint">{t('ui.wr.imp.intro')}</p>
      <p className="alert warn">{t('ui.wr.imp.all_or_nothing')}</p>
      <form className="form-grid" onSubmit={submitCheck} noValidate aria-label={t('ui.wr.imp.form')}>
        <ImportFileField id="wr-import-file" label={t('ui.wr.imp.file')} hint={t('ui.wr.imp.file_hint')} error={errs.file} inputKey={fileKey} onFile={choose} />
        <ErrorBanner error={active.error} />
        <div className="form-actions">
          <button type="submit" className={preview ? '' : 'primary'} disabled={check.busy || go.busy}>{check.busy ? t('ui.busy') : t('ui.wr.imp.check')}</button>
        </div>
      </form>
      <IssueTable rows={rows} caption={t('ui.wr.imp.errors', { n: rows.length })} />
      {preview && (
        <section aria-labelledby="wr-preview-title">
          <h3 id="wr-preview-title" ref={heading} tabIndex={-1}>{t('ui.wr.imp.preview_title')}</h3>
          <Notice>{t('ui.wr.imp.checked_ok', { n: preview.total, units: preview.units, changes: preview.changes })}</Notice>
          <div className="table-wrap">
            <table className="stack">
              <caption>{t('ui.wr.imp.preview_caption', { shown: preview.preview.length, n: preview.total })}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">{t('ui.import.line')}</th>
                  <th scope="col">{t('ui.wr.imp.unit')}</th>
                  <th scope="col">{t('ui.wr.imp.period')}</th>
                  <th scope="col">{t('ui.wr.indicator')}</th>
                  <th scope="col" className="num">{t('ui.wr.imp.value')}</th>
                  <th scope="col" className="num">{t('ui.wr.imp.stored')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.preview.map((r) => (
                  <tr key={r.line} data-line={r.line}>
                    <td data-label={t('ui.import.line')} className="num">{r.line}</td>
                    <td data-label={t('ui.wr.imp.unit')}>{r.unitName} <code>{r.unitCode}</code></td>
                    <td data-label={t('ui.wr.imp.period')}>{r.period}</td>
                    <td data-label={t('ui.wr.indicator')}>{r.indicatorName}</td>
                    <td data-label={t('ui.wr.imp.value')} className="num">{formatFigure(r.value, lang)}</td>
                    <td data-label={t('ui.wr.imp.stored')} className="num">{r.stored === null ? '—' : formatFigure(r.stored, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="form-actions">
            <button type="button" className="primary" disabled={go.busy} onClick={runImport}>{go.busy ? t('ui.busy') : t('ui.wr.imp.run', { n: preview.total })}</button>
          </div>
        </section>
      )}
      {done && (
        <section aria-labelledby="wr-done-title">
          <h3 id="wr-done-title" ref={heading} tabIndex={-1}>{t('ui.wr.imp.done_title')}</h3>
          <Notice>{t('ui.wr.imp.done', { n: done.imported, changed: done.changed })}</Notice>
        </section>
      )}
    </div>
  );
}
