// Import units from a CSV file: all rows or none. Row errors come back as a table (line, column, message).
import { useRef, useState, type FormEvent } from 'react';
import { ApiError, request } from '../api.ts';
import { useT } from '../i18n.ts';
import { ErrorBanner, Notice } from '../ui/Alert.tsx';
import { useSubmit } from '../ui/useAsync.ts';

export function CsvImport({ onImported }: { onImported: () => void }) {
  const t = useT();
  const file = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<string | null>(null);
  const { busy, error, run } = useSubmit();
  const rows = error instanceof ApiError ? error.rows : [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    const f = file.current?.files?.[0];
    void run(async () => {
      if (!f) throw new ApiError(400, 'validation', t('ui.import.choose_file'));
      const r = await request<{ created: number; updated: number; unchanged: number }>('POST', '/api/units/import', await f.text(), 'text/csv');
      setResult(t('ui.import.done', r));
      onImported();
    });
  };

  return (
    <form onSubmit={submit} className="csv-import">
      <p className="hint">{t('ui.import.help')}</p>
      <label htmlFor="csv-file">{t('ui.import.file')}</label>
      <input id="csv-file" ref={file} type="file" accept=".csv,text/csv" />
      <button type="submit" className="primary" disabled={busy}>{busy ? t('ui.busy') : t('ui.import.submit')}</button>
      <ErrorBanner error={error} />
      <Notice>{result}</Notice>
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="row-errors">
            <caption>{t('ui.import.rows', { n: rows.length })}</caption>
            <thead><tr><th scope="col">{t('ui.import.line')}</th><th scope="col">{t('ui.import.column')}</th><th scope="col">{t('ui.import.message')}</th></tr></thead>
            <tbody>
              {rows.map((r, i) => <tr key={i}><td>{r.line}</td><td><code>{r.field}</code></td><td>{r.message}</td></tr>)}
            </tbody>
          </table>
        </div>
      )}
    </form>
  );
}
