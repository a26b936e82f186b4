// Importing delegates from the template (XLSX) or a CSV: check first (a dry run: every row's problems by row and
// column, or what will be added), then import all rows — or none.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api.ts';
import { useT } from '../i18n.ts';
import { useSession } from '../session.ts';
import { ErrorBanner, Notice, fieldErrors } from '../ui/Alert.tsx';
import { useSubmit } from '../ui/useAsync.ts';
import { IssueTable } from '../surveys/ImportTab.tsx';
import { rowErrors, sendForm, type Delegate } from './model.ts';
import { ImportFileField } from '../ui/ImportFileField.tsx';

interface DryRun {
  total?: number;
  count?: number;
  imported?: number;
  delegates?: Partial<Delegate>[];
  preview?: Partial<Delegate>[];
}

// The server's limit (core/conferences/delegate-rows.ts DELEGATE_IMPORT_MAX_BYTES), checked before sending.
const MAX_BYTES = 2 * 1024 * 1024;

export function DelegateImport({ conferenceId, onImported }: { conferenceId: number; onImported: () => void }) {
  const t = useT();
  const { me } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [checked, setChecked] = useState<DryRun | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const check = useSubmit();
  const go = useSubmit();
  const active = go.error ? go : check;
  const errs = fieldErrors(active.error);
  const rows = rowErrors(active.error);

  const send = (dryRun: boolean) => {
    if (!file) throw new ApiError(400, 'validation', t('errors.validation'), { file: t('ui.conf.imp.no_file') });
    if (file.size > MAX_BYTES) throw new ApiError(400, 'validation', t('errors.validation'), { file: t('ui.conf.imp.too_big') });
    const form = new FormData();
    form.append('file', file, file.name);
    return sendForm<DryRun>('POST', `/api/conferences/${conferenceId}/delegates/import${dryRun ? '?dryRun=1' : ''}`, form, me.csrfToken);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    setChecked(null);
    go.setError(null);
    void check.run(async () => {
      setChecked(await send(true));
    });
  };
  const runImport = () => {
    void go.run(async () => {
      const r = await send(false);
      const n = r.imported ?? r.count ?? r.total ?? r.delegates?.length ?? checkedCount;
      setDone(t('ui.conf.imp.done', { n }));
      setChecked(null);
      setFile(null);
      setFileKey((k) => k + 1);
      onImported();
    });
  };
  const list = checked?.delegates ?? checked?.preview ?? [];
  const checkedCount = checked ? checked.total ?? checked.count ?? list.length : 0;

  return (
    <div className="conf-import">
      <p className="hint">{t('ui.conf.imp.intro')} <a href="/api/conferences/delegates-template.xlsx" download>{t('ui.conf.imp.template')}</a></p>
      <form onSubmit={submit} noValidate className="conf-inline conf-import-form" aria-label={t('ui.conf.imp.title')}>
        <ImportFileField id="conf-import-file" label={t('ui.conf.imp.file')} hint={t('ui.conf.imp.file_hint')} error={errs.file} inputKey={fileKey} onFile={(f) => {
          setFile(f);
          setChecked(null);
          setDone(null);
          check.setError(null);
          go.setError(null);
        }} />
        <button type="submit" disabled={check.busy || go.busy}>{check.busy ? t('ui.busy') : t('ui.conf.imp.check')}</button>
      </form>
      <ErrorBanner error={active.error} />
      <IssueTable rows={rows} caption={t('ui.conf.imp.errors', { n: rows.length })} />
      {checked && (
        <div className="conf-import-ok">
          <Notice>{t('ui.conf.imp.checked', { n: checkedCount })}</Notice>
          {list.length > 0 && (
            <ul className="conf-import-preview">
              {list.slice(0, 20).map((d, i) => <li key={i}>{d.fullName}{d.title ? ` — ${d.title}` : ''}{d.organisation ? `, ${d.organisation}` : ''}</li>)}
            </ul>
          )}
          <button type="button" className="primary" onClick={runImport} disabled={go.busy}>{go.busy ? t('ui.busy') : t('ui.conf.imp.run', { n: checkedCount })}</button>
        </div>
      )}
      <Notice>{done}</Notice>
    </div>
  );
}
