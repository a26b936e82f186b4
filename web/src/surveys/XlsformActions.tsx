// XLSForm in and out: download any version as an XLSForm (for ODK/KoboToolbox), import one as the next draft of
// a questionnaire, or start a new questionnaire from one. The server's warnings and errors come back by sheet,
// row and column and are shown as a table.
import { useState, type FormEvent } from 'react';
import { ApiError, qs } from '../api.ts';
import { useT } from '../i18n.ts';
import { navigate } from '../router.ts';
import { useSession } from '../session.ts';
import type { XlsformIssue, XlsformResult } from '../types.ts';
import { ErrorBanner, Notice, fieldErrors } from '../ui/Alert.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { useSubmit } from '../ui/useAsync.ts';
import { IssueTable, XLSX_MIME, upload } from './ImportTab.tsx';
import { managedUnits } from './manage.ts';

/** The download link of one version's XLSForm. */
export function XlsformDownload({ versionId, version }: { versionId: number; version: number }) {
  const t = useT();
  return (
    <a className="button-link" href={`/api/questionnaire-versions/${versionId}/xlsform`} download data-testid="xlsform-download"
      aria-label={t('ui.xlsform.download_label', { n: version })}>{t('ui.xlsform.download')}</a>
  );
}

function Issues({ error, warnings }: { error: unknown; warnings: XlsformIssue[] }) {
  const t = useT();
  const rows = error instanceof ApiError ? (error.rows as XlsformIssue[]) : [];
  return (
    <>
      {rows.length > 0 && <IssueTable sheet rows={rows} caption={t('ui.xlsform.errors', { n: rows.length })} />}
      {warnings.length > 0 && <IssueTable sheet rows={warnings} caption={t('ui.xlsform.warnings', { n: warnings.length })} />}
    </>
  );
}

function FileField({ id, error, onFile }: { id: string; error?: string; onFile: (f: File | null) => void }) {
  const t = useT();
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <span className="label-row"><label htmlFor={id}>{t('ui.xlsform.file')}</label><span aria-hidden="true" className="req">*</span></span>
      <input id={id} type="file" accept=".xlsx" required aria-invalid={error ? true : undefined} aria-describedby={`${id}-hint${error ? ` ${id}-err` : ''}`}
        onChange={(e) => onFile(e.target.files?.[0] ?? null)} />
      <small id={`${id}-hint`} className="hint">{t('ui.xlsform.help')}</small>
      {error && <small id={`${id}-err`} className="field-error">{error}</small>}
    </div>
  );
}

/** On a questionnaire, for managers: a spreadsheet becomes its next draft. */
export function XlsformImportDraft({ questionnaireId, canStart, onDone }: { questionnaireId: number; canStart: boolean; onDone: (versionId: number) => void }) {
  const t = useT();
  const { me } = useSession();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [result, setResult] = useState<XlsformResult | null>(null);
  const act = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissing(!file);
    if (!file) return;
    void act.run(async () => {
      setResult(null);
      const r = await upload<XlsformResult>(`/api/questionnaires/xlsform${qs({ questionnaireId })}`, file, XLSX_MIME, me.csrfToken);
      setResult(r);
      setOpen(false);
      onDone(r.versionId);
    });
  };
  if (!canStart && !result && !open) return null;
  return (
    <div className="xlsform-import">
      {!open && canStart && <button type="button" onClick={() => setOpen(true)} aria-expanded={false}>{t('ui.xlsform.import_draft')}</button>}
      {result && <Notice>{t('ui.xlsform.draft_done')}</Notice>}
      {result && <Issues error={null} warnings={result.warnings} />}
      {open && (
        <form className="create-box xlsform-form" onSubmit={submit} noValidate aria-label={t('ui.xlsform.import_draft')}>
          <h3>{t('ui.xlsform.import_draft')}</h3>
          <FileField id="xlsform-draft-file" error={missing ? t('ui.xlsform.no_file') : fieldErrors(act.error).file} onFile={setFile} />
          <ErrorBanner error={act.error} />
          <Issues error={act.error} warnings={[]} />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={act.busy}>{t('ui.xlsform.submit_draft')}</button>
            <button type="button" onClick={() => setOpen(false)}>{t('ui.xlsform.cancel')}</button>
          </div>
        </form>
      )}
    </div>
  );
}

/** On the surveys list, for managers: a new questionnaire (unit, code) from a spreadsheet. */
export function XlsformCreate({ onCreated }: { onCreated: () => void }) {
  const t = useT();
  const { me } = useSession();
  const units = managedUnits(me);
  const [open, setOpen] = useState(false);
  const [unitId, setUnitId] = useState(String(units[0]?.unitId ?? ''));
  const [code, setCode] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [result, setResult] = useState<XlsformResult | null>(null);
  const act = useSubmit();
  if (!units.length) return null;
  const fields = fieldErrors(act.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissing(!file);
    if (!file) return;
    void act.run(async () => {
      setResult(null);
      setResult(await upload<XlsformResult>(`/api/questionnaires/xlsform${qs({ unitId, code: code.trim() })}`, file, XLSX_MIME, me.csrfToken));
      onCreated();
    });
  };
  return (
    <div className="xlsform-create">
      {!open && <button type="button" onClick={() => setOpen(true)}>{t('ui.xlsform.create')}</button>}
      {open && (
        <form className="create-box xlsform-form" onSubmit={submit} noValidate aria-labelledby="xlsform-create-title">
          <h3 id="xlsform-create-title">{t('ui.xlsform.create')}</h3>
          <div className="form-grid">
            <SelectField label={t('ui.xlsform.unit')} value={unitId} onChange={setUnitId} required error={fields.unitId}
              options={units.map((u) => ({ value: String(u.unitId), label: u.unitName ?? `#${u.unitId}` }))} />
            <TextField label={t('ui.xlsform.code')} value={code} onChange={setCode} required hint={t('ui.xlsform.code_hint')} error={fields.code} />
            <FileField id="xlsform-create-file" error={missing ? t('ui.xlsform.no_file') : fields.file} onFile={setFile} />
          </div>
          <ErrorBanner error={act.error} />
          <Issues error={act.error} warnings={result?.warnings ?? []} />
          {result && <Notice>{t('ui.xlsform.created')}</Notice>}
          <div className="form-actions">
            {!result && <button type="submit" className="primary" disabled={act.busy}>{t('ui.xlsform.submit_create')}</button>}
            {result && <button type="button" className="primary" onClick={() => navigate(`/surveys/questionnaires/${result.questionnaireId}`)}>{t('ui.xlsform.open_created')}</button>}
            <button type="button" onClick={() => {
              setOpen(false);
              setResult(null);
            }}>{t('ui.xlsform.cancel')}</button>
          </div>
        </form>
      )}
    </div>
  );
}
