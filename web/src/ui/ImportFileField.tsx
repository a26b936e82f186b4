// The file field of an import (CSV or XLSX): required, its hint, and the server's message for `file` under it.
// `inputKey` changes to clear the chosen file after an import.

export const IMPORT_ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function ImportFileField({ id, label, hint, error, inputKey, onFile }: {
  id: string; label: string; hint: string; error?: string; inputKey: number; onFile: (file: File | null) => void;
}) {
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <span className="label-row"><label htmlFor={id}>{label}</label><span aria-hidden="true" className="req">*</span></span>
      <input key={inputKey} id={id} type="file" accept={IMPORT_ACCEPT}
        required aria-invalid={error ? true : undefined} aria-describedby={`${id}-hint${error ? ` ${id}-err` : ''}`}
        onChange={(e) => onFile(e.target.files?.[0] ?? null)} />
      <small id={`${id}-hint`} className="hint">{hint}</small>
      {error && <small id={`${id}-err`} className="field-error">{error}</small>}
    </div>
  );
}
