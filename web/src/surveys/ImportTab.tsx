// Importing responses collected with another tool (Google Forms, KoboToolbox, a spreadsheet): upload a CSV or
// XLSX for one participating unit, see its header and first rows, map each column to a question and each raw
// value to an answer code (prefilled from the server's suggestion, the unmapped ones marked), check every row,
// then import all rows in one transaction — or none — with a progress bar while it runs.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError, qs, request, type RowError } from '../api.ts';
import { useT } from '../i18n.ts';
import { useSession } from '../session.ts';
import type { CampaignDetail, ImportCheck, ImportStatus, ImportUpload, QuestionnaireDetail, SurveyChoice, SurveyQuestion } from '../types.ts';
import { ErrorBanner, Notice } from '../ui/Alert.tsx';
import { SelectField } from '../ui/Field.tsx';
import { useLoad, useSubmit } from '../ui/useAsync.ts';
import { useFormat } from './format.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_BYTES = 10 * 1024 * 1024;
const POLL_MS = 500;

/** Posts a file's raw bytes (the API's request() sends text): CSRF token from the session, errors as ApiError. */
export async function upload<T>(url: string, file: Blob, contentType: string, csrfToken: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', body: file, credentials: 'same-origin', headers: { accept: 'application/json', 'content-type': contentType, 'x-csrf-token': csrfToken } });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  const data = await res.json().catch(() => null) as unknown;
  if (res.ok) return data as T;
  const e = (data && typeof data === 'object' ? data : {}) as { code?: string; message?: string; fields?: Record<string, string>; rows?: RowError[] };
  throw new ApiError(res.status, e.code ?? 'internal', e.message ?? '', e.fields ?? {}, e.rows ?? []);
}

export const typeOfFile = (f: File) => (/\.xlsx$/i.test(f.name) ? XLSX_MIME : 'text/csv');

/** Problems by row and column (and sheet, for XLSForm), as a table; nothing when there are none. */
export function IssueTable({ rows, caption, sheet }: { rows: (RowError & { sheet?: string })[]; caption: string; sheet?: boolean }) {
  const t = useT();
  if (!rows.length) return null;
  return (
    <div className="table-wrap issue-table">
      <table className="stack">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {sheet && <th scope="col">{t('ui.xlsform.sheet')}</th>}
            <th scope="col" className="num">{t('ui.import.line')}</th><th scope="col">{t('ui.import.column')}</th><th scope="col">{t('ui.import.message')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} data-line={r.line}>
              {sheet && <td data-label={t('ui.xlsform.sheet')}>{r.sheet ?? ''}</td>}
              <td data-label={t('ui.import.line')} className="num">{r.line}</td>
              <td data-label={t('ui.import.column')}>{r.field}</td>
              <td data-label={t('ui.import.message')}>{r.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface FormQuestion {
  id: string;
  label: string;
  type: SurveyQuestion['type'];
  options: SurveyChoice[];
  demographic: boolean;
}

/** The campaign's questions, as everyone taking part in it may read them. */
export async function loadQuestions(campaign: CampaignDetail): Promise<FormQuestion[]> {
  const { definition: def } = await request<{ definition: QuestionnaireDetail['versions'][number]['definition'] }>('GET', `/api/campaigns/${campaign.id}/questionnaire`);
  return def.sections.flatMap((s) => s.questions).filter((q) => q.type !== 'note').map((q) => {
    const scale = q.type === 'rating' ? def.scales.find((s) => s.id === q.scale) : undefined;
    return { id: q.id, label: q.label.vi, type: q.type, demographic: q.demographic ?? false, options: [...(q.choices ?? []), ...(scale?.levels ?? []), ...(scale?.noOpinion ? [scale.noOpinion] : [])] };
  });
}

export function ImportTab({ campaign }: { campaign: CampaignDetail }) {
  const t = useT();
  const { me } = useSession();
  const units = campaign.participants;
  const [unitId, setUnitId] = useState(String(units[0]?.unitId ?? ''));
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [up, setUp] = useState<{ data: ImportUpload; file: string; unitId: number } | null>(null);
  const send = useSubmit();
  const questions = useLoad(() => loadQuestions(campaign), [campaign.id]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFileError(null);
    if (!file) return setFileError(t('ui.import.no_file'));
    if (file.size > MAX_BYTES) return setFileError(t('ui.import.too_big'));
    void send.run(async () => {
      const data = await upload<ImportUpload>(`/api/campaigns/${campaign.id}/imports${qs({ unitId, filename: file.name })}`, file, typeOfFile(file), me.csrfToken);
      setUp({ data, file: file.name, unitId: Number(unitId) });
    });
  };

  if (!units.length) return <section className="panel"><p className="muted">{t('ui.import.no_units')}</p></section>;
  const uploadRows = send.error instanceof ApiError ? send.error.rows : [];

  return (
    <section className="panel import-tab" aria-labelledby="import-title">
      <h2 id="import-title">{t('ui.import.title')}</h2>
      <p className="muted">{t('ui.import.intro')}</p>
      <p className="alert warn" data-testid="all-or-nothing">{t('ui.import.all_or_nothing')}</p>
      {!up && (
        <form className="form-grid import-upload" onSubmit={submit} noValidate>
          <SelectField label={t('ui.import.unit')} value={unitId} onChange={setUnitId} required
            options={units.map((p) => ({ value: String(p.unitId), label: p.name ?? p.slug }))} />
          <div className={`field${fileError ? ' has-error' : ''}`}>
            <span className="label-row"><label htmlFor="import-file">{t('ui.import.data_file')}</label><span aria-hidden="true" className="req">*</span></span>
            <input id="import-file" type="file" accept=".csv,.xlsx,text/csv" required aria-invalid={fileError ? true : undefined}
              aria-describedby={fileError ? 'import-file-err' : undefined}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            {fileError && <small id="import-file-err" className="field-error">{fileError}</small>}
          </div>
          <ErrorBanner error={send.error} />
          <IssueTable rows={uploadRows} caption={t('ui.import.errors')} />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={send.busy}>{t('ui.import.upload')}</button>
          </div>
        </form>
      )}
      {up && (
        <ImportMapper key={up.data.id} campaign={campaign} upload={up.data} fileName={up.file}
          unitName={units.find((p) => p.unitId === up.unitId)?.name ?? ''} questions={questions.data ?? null}
          questionsFailed={!questions.loading && !questions.data}
          onAgain={() => {
            setUp(null);
            setFile(null);
          }} />
      )}
    </section>
  );
}

type ValueMap = Record<string, Record<string, string | undefined>>;

function ImportMapper({ upload: up, fileName, unitName, questions, questionsFailed, onAgain }: {
  campaign: CampaignDetail; upload: ImportUpload; fileName: string; unitName: string; questions: FormQuestion[] | null; questionsFailed: boolean; onAgain: () => void;
}) {
  const t = useT();
  const fmt = useFormat();
  const [columns, setColumns] = useState<Record<string, string>>(() => ({ ...up.suggestion.columns }));
  // Per column: raw value -> code ('' = leave blank, undefined = not mapped yet).
  const [values, setValues] = useState<ValueMap>(() => {
    const v: ValueMap = {};
    for (const [h, qid] of Object.entries(up.suggestion.columns)) {
      const s = up.suggestion.values[qid];
      if (s) v[h] = Object.fromEntries(Object.entries(s).map(([raw, code]) => [raw, code === '' ? undefined : code]));
    }
    return v;
  });
  const [check, setCheck] = useState<ImportCheck | null>(null);
  const [failed, setFailed] = useState<RowError[] | null>(null);
  const [progress, setProgress] = useState<{ processed: number; total: number } | null>(null);
  const [imported, setImported] = useState<number | null>(null);
  const act = useSubmit();
  // The outcome of a check or an import appears below a long mapping: bring it into view.
  const outcome = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (check || failed || progress) outcome.current?.scrollIntoView({ block: 'nearest' });
  }, [check, failed, progress, imported]);

  const byId = useMemo(() => new Map((questions ?? []).map((q) => [q.id, q])), [questions]);
  const questionIds = useMemo(() => {
    const ids = questions?.map((q) => q.id) ?? [];
    for (const qid of [...Object.values(up.suggestion.columns), ...Object.keys(up.suggestion.values)]) if (!ids.includes(qid)) ids.push(qid);
    return ids;
  }, [questions, up]);
  const labelOf = (qid: string) => byId.get(qid)?.label ?? qid;

  /** The distinct values of a column: all of them when the server suggested its question, else from the first rows. */
  const distinct = (h: string, qid: string): string[] => {
    const known = up.suggestion.columns[h];
    if (known && up.suggestion.values[known]) return Object.keys(up.suggestion.values[known]);
    const col = up.header.indexOf(h);
    const multi = byId.get(qid)?.type === 'multiple';
    const cells = up.sample.map((r) => (r[col] ?? '').trim()).filter(Boolean).flatMap((c) => (multi ? c.split(/[;,]/).map((x) => x.trim()).filter(Boolean) : [c]));
    return [...new Set(cells)];
  };
  const hasOptions = (qid: string) => (byId.get(qid)?.options.length ?? (up.suggestion.values[qid] ? 1 : 0)) > 0;
  const mapped = Object.entries(columns).filter(([, qid]) => qid && hasOptions(qid));
  const unmappedCount = mapped.reduce((n, [h, qid]) => n + distinct(h, qid).filter((raw) => values[h]?.[raw] === undefined).length, 0);

  const mapping = () => {
    const cols: Record<string, string> = {};
    const vals: Record<string, Record<string, string>> = {};
    for (const [h, qid] of Object.entries(columns)) {
      if (!qid) continue;
      cols[h] = qid;
      if (hasOptions(qid)) vals[qid] = Object.fromEntries(Object.entries(values[h] ?? {}).filter((e): e is [string, string] => e[1] !== undefined));
    }
    return { columns: cols, values: vals };
  };
  const changed = () => {
    setCheck(null);
    setFailed(null);
  };
  const setColumn = (h: string, qid: string) => {
    changed();
    setColumns((c) => ({ ...c, [h]: qid }));
    if (qid && hasOptions(qid)) {
      // Start from the labels that match the question's options exactly.
      const opts = byId.get(qid)?.options ?? [];
      setValues((v) => ({ ...v, [h]: Object.fromEntries(distinct(h, qid).map((raw) => [raw, opts.find((o) => o.code === raw || o.label.vi.toLowerCase() === raw.toLowerCase())?.code])) }));
    }
  };
  const setValue = (h: string, raw: string, code: string | undefined) => {
    changed();
    setValues((v) => ({ ...v, [h]: { ...v[h], [raw]: code } }));
  };

  const runCheck = () => void act.run(async () => {
    setFailed(null);
    setCheck(await request<ImportCheck>('POST', `/api/imports/${up.id}/check`, mapping()));
  });

  const runImport = () => void act.run(async () => {
    if (!window.confirm(t('ui.import.confirm_run', { n: fmt.int(up.total), unit: unitName }))) return;
    setFailed(null);
    setProgress({ processed: 0, total: up.total });
    let live = true;
    const poll = async () => {
      while (live) {
        await new Promise((r) => window.setTimeout(r, POLL_MS));
        if (!live) break;
        const s = await request<ImportStatus>('GET', `/api/imports/${up.id}`).catch(() => null);
        if (s && live && s.state === 'importing') setProgress({ processed: s.processed ?? 0, total: s.total });
      }
    };
    void poll();
    try {
      const r = await request<{ imported: number }>('POST', `/api/imports/${up.id}/run`, mapping());
      setProgress({ processed: r.imported, total: r.imported });
      setImported(r.imported);
    } catch (e) {
      setProgress(null);
      if (e instanceof ApiError && e.rows.length) setFailed(e.rows);
      else throw e;
    } finally {
      live = false;
    }
  });

  const cols = up.header;

  return (
    <div className="import-mapper" data-import={up.id}>
      <h3>{t('ui.import.preview')}</h3>
      <p>{t('ui.import.preview_of', { file: fileName, n: fmt.int(up.total), shown: fmt.int(up.sample.length) })}</p>
      <div className="table-wrap import-preview" tabIndex={0} role="region" aria-label={t('ui.import.preview')}>
        <table>
          <thead><tr><th scope="col" className="num">{t('ui.import.line')}</th>{cols.map((h) => <th scope="col" key={h}>{h}</th>)}</tr></thead>
          <tbody>
            {up.sample.map((row, i) => (
              <tr key={i}><td className="num">{i + 2}</td>{cols.map((h, j) => <td key={h}>{row[j] ?? ''}</td>)}</tr>
            ))}
          </tbody>
        </table>
      </div>

      {questionsFailed && <p className="alert warn">{t('ui.import.questions_unavailable')}</p>}
      <h3 id="map-cols-title">{t('ui.import.mapping')}</h3>
      <p className="hint">{t('ui.import.mapping_help')}</p>
      <div className="table-wrap">
        <table className="stack import-columns" aria-labelledby="map-cols-title">
          <thead><tr><th scope="col">{t('ui.import.column')}</th><th scope="col">{t('ui.import.question')}</th></tr></thead>
          <tbody>
            {cols.map((h) => {
              const id = `col-${cols.indexOf(h)}`;
              return (
                <tr key={h} data-column={h} className={columns[h] ? undefined : 'skipped'}>
                  <th scope="row" data-label={t('ui.import.column')}>{h}</th>
                  <td data-label={t('ui.import.question')}>
                    <select id={id} value={columns[h] ?? ''} aria-label={t('ui.import.column_label', { column: h })} onChange={(e) => setColumn(h, e.target.value)}>
                      <option value="">{t('ui.import.skip_column')}</option>
                      {questionIds.map((qid) => <option key={qid} value={qid}>{labelOf(qid)}</option>)}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      {mapped.length > 0 && (
        <>
          <h3>{t('ui.import.values')}</h3>
          <p className="hint">{t('ui.import.values_help')}</p>
          {unmappedCount > 0 && <p className="alert warn" data-testid="unmapped-count">{t('ui.import.unmapped_count', { n: fmt.int(unmappedCount) })}</p>}
          <div className="value-maps">
            {mapped.map(([h, qid]) => {
              const q = byId.get(qid);
              const order = (raw: string) => {
                const code = values[h]?.[raw];
                if (code === undefined) return -1;
                const i = (q?.options ?? []).findIndex((o) => o.code === code);
                return i < 0 ? 1000 : i;
              };
              const raws = [...distinct(h, qid)].sort((a, b) => order(a) - order(b));
              if (!raws.length) return null;
              const heading = labelOf(qid).trim().toLowerCase() === h.trim().toLowerCase() ? `«${h}»` : t('ui.import.values_of', { question: labelOf(qid), column: h });
              return (
                <div key={h} className="value-map" data-question={qid}>
                  <table className="stack">
                    <caption>{heading}</caption>
                    <thead><tr><th scope="col">{t('ui.import.raw_value')}</th><th scope="col">{t('ui.import.answer')}</th></tr></thead>
                    <tbody>
                      {raws.map((raw) => {
                        const code = values[h]?.[raw];
                        return (
                          <tr key={raw} data-value={raw} className={code === undefined ? 'unmapped' : undefined}>
                            <th scope="row" data-label={t('ui.import.raw_value')}>
                              «{raw}»{code === undefined && <span className="tag tag-unmapped">{t('ui.import.unmapped')}</span>}
                            </th>
                            <td data-label={t('ui.import.answer')}>
                              <select value={code === undefined ? '\u0000' : code} aria-label={t('ui.import.value_label', { value: raw, question: labelOf(qid) })}
                                aria-invalid={code === undefined ? true : undefined}
                                onChange={(e) => setValue(h, raw, e.target.value === '\u0000' ? undefined : e.target.value)}>
                                <option value={'\u0000'}>{t('ui.import.choose')}</option>
                                {(q?.options ?? []).map((o) => <option key={o.code} value={o.code}>{fmt.local(o.label)}</option>)}
                                {!q && code && <option value={code}>{code}</option>}
                                <option value="">{t('ui.import.leave_blank')}</option>
                              </select>
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              );
            })}
          </div>
        </>
      )}

      <div ref={outcome} className="import-outcome">
      <ErrorBanner error={act.error} />
      {check && (
        <div data-testid="check-result">
          {check.valid === check.total && check.rows.length === 0
            ? <Notice>{t('ui.import.checked_ok', { total: fmt.int(check.total) })}</Notice>
            : <p role="status" className="alert error">{t('ui.import.checked', { valid: fmt.int(check.valid), total: fmt.int(check.total) })}</p>}
          <IssueTable rows={check.rows} caption={t('ui.import.errors')} />
          {check.more > 0 && <p className="muted">{t('ui.import.more_errors', { n: fmt.int(check.more) })}</p>}
        </div>
      )}
      {failed && (
        <div data-testid="run-failed">
          <p role="alert" className="alert error">{t('ui.import.nothing_imported')}</p>
          <IssueTable rows={failed} caption={t('ui.import.errors')} />
        </div>
      )}
      {progress && (
        <div className="import-progress" data-testid="import-progress">
          <label htmlFor="import-progress">{t('ui.import.progress')}</label>
          <progress id="import-progress" max={progress.total || 1} value={progress.processed} />
          <span role="status" data-testid="progress-text">
            {imported === null ? t('ui.import.running', { processed: fmt.int(progress.processed), total: fmt.int(progress.total) }) : `${fmt.int(progress.processed)}/${fmt.int(progress.total)}`}
          </span>
        </div>
      )}
      {imported !== null
        ? (
          <>
            <Notice>{t('ui.import.imported', { n: fmt.int(imported), unit: unitName })}</Notice>
            <div className="form-actions"><button type="button" onClick={onAgain}>{t('ui.import.again')}</button></div>
          </>
        )
        : (
          <div className="form-actions">
            <button type="button" disabled={act.busy} onClick={runCheck}>{t('ui.import.check')}</button>
            <button type="button" className="primary" disabled={act.busy} onClick={runImport}>{t('ui.import.run', { n: fmt.int(up.total) })}</button>
            <button type="button" disabled={act.busy} onClick={onAgain}>{t('ui.import.again')}</button>
          </div>
        )}
      </div>
    </div>
  );
}
