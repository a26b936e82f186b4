// Importing delegates from the template (XLSX) or a CSV: check first (a dry run: every row's problems by row and
// column, or what will be added), then import all rows — or none. The flow is the console's one import flow
// (ui/useImportFlow.ts); the file goes as the request body, as in the other imports.
import { ApiError, qs } from '../api.ts';
import { useT } from '../i18n.ts';
import { useSession } from '../session.ts';
import { ErrorBanner, Notice } from '../ui/Alert.tsx';
import { useImportFlow } from '../ui/useImportFlow.ts';
import { IssueTable, typeOfFile, upload } from '../surveys/ImportTab.tsx';
import { ImportFileField } from '../ui/ImportFileField.tsx';
import type { Delegate } from './model.ts';

/** The dry run's answer (src/commands/conferences/delegate-import.ts): the count and the first rows as read. */
interface DelegatePreview {
  total: number;
  preview: (Pick<Delegate, 'fullName' | 'title' | 'organisation'> & { line: number })[];
}
interface DelegatesImported {
  imported: number;
}

// The server's limit (core/conferences/delegate-rows.ts DELEGATE_IMPORT_MAX_BYTES), checked before sending.
const MAX_BYTES = 2 * 1024 * 1024;

export function DelegateImport({ conferenceId, onImported }: { conferenceId: number; onImported: () => void }) {
  const t = useT();
  const { me } = useSession();
  const send = async (dryRun: boolean, file: File | null) => {
    if (!file) throw new ApiError(400, 'validation', t('errors.validation'), { file: t('ui.conf.imp.no_file') });
    if (file.size > MAX_BYTES) throw new ApiError(400, 'validation', t('errors.validation'), { file: t('ui.conf.imp.too_big') });
    const r = await upload<DelegatePreview | DelegatesImported>(
      `/api/conferences/${conferenceId}/delegates/import${qs({ dryRun: dryRun ? 1 : 0, filename: file.name })}`, file, typeOfFile(file), me.csrfToken);
    if (!dryRun) onImported();
    return r;
  };
  const { fileKey, preview, done, check, go, active, choose, submitCheck, runImport, errs, rows } = useImportFlow<DelegatePreview, DelegatesImported>(send);

  return (
    <div className="conf-import">
      <p className="hint">{t('ui.conf.imp.intro')} <a href="/api/conferences/delegates-template.xlsx" download>{t('ui.conf.imp.template')}</a></p>
      <form onSubmit={submitCheck} noValidate className="conf-inline conf-import-form" aria-label={t('ui.conf.imp.title')}>
        <ImportFileField id="conf-import-file" label={t('ui.conf.imp.file')} hint={t('ui.conf.imp.file_hint')} error={errs.file} inputKey={fileKey} onFile={choose} />
        <button type="submit" disabled={check.busy || go.busy}>{check.busy ? t('ui.busy') : t('ui.conf.imp.check')}</button>
      </form>
      <ErrorBanner error={active.error} />
      <IssueTable rows={rows} caption={t('ui.conf.imp.errors', { n: rows.length })} />
      {preview && (
        <div className="conf-import-ok">
          <Notice>{t('ui.conf.imp.checked', { n: preview.total })}</Notice>
          {preview.preview.length > 0 && (
            <ul className="conf-import-preview">
              {preview.preview.map((d) => <li key={d.line}>{d.fullName}{d.title ? ` — ${d.title}` : ''}{d.organisation ? `, ${d.organisation}` : ''}</li>)}
            </ul>
          )}
          <button type="button" className="primary" onClick={runImport} disabled={go.busy}>{go.busy ? t('ui.busy') : t('ui.conf.imp.run', { n: preview.total })}</button>
        </div>
      )}
      <Notice>{done ? t('ui.conf.imp.done', { n: done.imported }) : null}</Notice>
    </div>
  );
}
