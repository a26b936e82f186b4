// Entering a unit's figures for a period: a table of the indicators by group with an input for this period, the
// same period of the previous year and the change (coloured by direction), then Save. Keyboard first: Enter and
// the arrow keys move between inputs, changed rows are marked, and the server's per-field messages sit by their input.
import { useContext, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ApiError, qs, request } from '../api.ts';
import { LangContext, useT } from '../i18n.ts';
import { ErrorBanner, Notice } from '../ui/Alert.tsx';
import { useLoad, useSubmit } from '../ui/useAsync.ts';
import { formatFigure, parseFigure, type ComparisonRow, type WorkResults } from './model.ts';

interface Props {
  unitId: number;
  period: string;
}

export function EntryView({ unitId, period }: Props) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const data = useLoad(() => request<WorkResults>('GET', `/api/work-results${qs({ unitId, period })}`), [unitId, period, lang]);
  const [drafts, setDrafts] = useState<Record<number, string>>({});
  const [errors, setErrors] = useState<Record<number, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const save = useSubmit();
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const saveButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!data.data) return;
    setDrafts(Object.fromEntries(data.data.rows.map((r) => [r.indicatorId, r.value === null ? '' : String(r.value)])));
    setErrors({});
  }, [data.data]);

  if (data.error) return <ErrorBanner error={data.error} />;
  const wr = data.data;
  if (!wr) return <p role="status">{t('ui.loading')}</p>;

  const canEnter = wr.allowed.includes('enter') && !wr.entryProblem;
  const changed = wr.rows.filter((r) => (drafts[r.indicatorId] ?? '') !== (r.value === null ? '' : String(r.value)));
  const nameOf = new Map(wr.rows.map((r) => [r.code, r.name]));

  const move = (i: number, e: KeyboardEvent<HTMLInputElement>) => {
    const next = e.key === 'Enter' || e.key === 'ArrowDown' ? i + 1 : e.key === 'ArrowUp' ? i - 1 : null;
    if (next === null) return;
    e.preventDefault();
    if (next >= inputs.current.length) saveButton.current?.focus();
    else {
      // As in a spreadsheet: the figure already there is selected, so typing replaces it.
      const el = inputs.current[Math.max(0, next)];
      el?.focus();
      el?.select();
    }
  };

  const submit = () => {
    setSaved(null);
    const bad: Record<number, string> = {};
    const values = changed.map((r) => {
      const v = parseFigure(drafts[r.indicatorId] ?? '');
      if (v === undefined) bad[r.indicatorId] = t('ui.wr.not_number');
      return { indicatorId: r.indicatorId, value: v ?? null };
    });
    setErrors(bad);
    if (Object.keys(bad).length) return;
    void save.run(async () => {
      try {
        const res = await request<{ changed: number }>('PUT', '/api/work-results', { unitId, period, values });
        setSaved(t('ui.wr.saved', { n: res.changed }));
        data.reload();
      } catch (e) {
        // values.<i>.value names the i-th value sent: put each message by its input.
        if (e instanceof ApiError) {
          const byRow: Record<number, string> = {};
          for (const [field, msg] of Object.entries(e.fields)) {
            const m = /^values\.(\d+)\./.exec(field);
            const v = m ? values[Number(m[1])] : undefined;
            if (v) byRow[v.indicatorId] = msg;
          }
          setErrors(byRow);
        }
        throw e;
      }
    });
  };

  let index = -1;
  const groups = [...new Set(wr.rows.map((r) => r.group))];
  return (
    <form onSubmit={(e) => { e.preventDefault(); submit(); }} aria-label={t('ui.wr.form', { period: wr.label })} noValidate>
      <h3>{wr.unitName} — {wr.label}</h3>
      {wr.entryProblem && <p className="alert warn">{wr.entryProblem}</p>}
      {!wr.allowed.includes('enter') && <p className="muted">{t('ui.wr.read_only')}</p>}
      {wr.sources.previous.some((u) => u.id !== unitId) && (
        <p className="wr-sources muted">{t('ui.wr.previous_from', { period: wr.previousLabel ?? '', units: wr.sources.previous.map((u) => u.name).join(', ') })}</p>
      )}
      <div className="table-wrap">
        <table className="wr-table">
          <caption className="sr-only">{t('ui.wr.table', { period: wr.label })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ui.wr.indicator')}</th>
              <th scope="col">{t('ui.wr.measure')}</th>
              <th scope="col" className="num">{wr.label}</th>
              <th scope="col" className="num">{wr.previousLabel ?? t('ui.wr.previous')}</th>
              <th scope="col" className="num">{t('ui.wr.change')}</th>
            </tr>
          </thead>
          {groups.map((g) => (
            <tbody key={g}>
              <tr><th scope="colgroup" colSpan={5} className="wr-group">{t(`ui.wr.group.${g}`)}</th></tr>
              {wr.rows.filter((r) => r.group === g).map((r) => {
                const i = ++index;
                const dirty = changed.includes(r);
                const err = errors[r.indicatorId];
                return (
                  <tr key={r.indicatorId} className={dirty ? 'wr-dirty' : undefined} data-code={r.code}>
                    <th scope="row"><label htmlFor={`wr-${r.indicatorId}`}>{r.name}</label></th>
                    <td>{r.measure}</td>
                    <td className="num">
                      <input id={`wr-${r.indicatorId}`} ref={(el) => { inputs.current[i] = el; }} inputMode="decimal" autoComplete="off"
                        value={drafts[r.indicatorId] ?? ''} disabled={!canEnter || !r.active} aria-invalid={err ? true : undefined}
                        aria-describedby={err ? `wr-${r.indicatorId}-err` : undefined}
                        onChange={(e) => setDrafts((d) => ({ ...d, [r.indicatorId]: e.target.value }))} onKeyDown={(e) => move(i, e)} />
                      {err && <small id={`wr-${r.indicatorId}-err`} className="field-error">{err}</small>}
                    </td>
                    <td className="num" data-testid="previous">{formatFigure(r.previous, lang)}</td>
                    <td className="num"><Change row={r} /></td>
                  </tr>
                );
              })}
            </tbody>
          ))}
        </table>
      </div>
      {wr.warnings.length > 0 && (
        <div className="alert warn" role="status">
          {wr.warnings.map((w) => <p key={w.code}>{t('ui.wr.warning', { a: nameOf.get(w.code) ?? w.code, b: nameOf.get(w.exceeds) ?? w.exceeds })}</p>)}
        </div>
      )}
      {canEnter && (
        // Sticky under the table's visible part, so the outcome of Save shows where it was pressed.
        <div className="wr-actions">
          <button ref={saveButton} type="submit" className="primary" disabled={save.busy || !changed.length}>
            {save.busy ? t('ui.busy') : t('ui.wr.save')}
          </button>
          <ErrorBanner error={save.error} />
          {changed.length ? <span className="muted">{t('ui.wr.changed', { n: changed.length })}</span> : <Notice>{saved}</Notice>}
          {!changed.length && !saved && <span className="muted">{t('ui.wr.keys_hint')}</span>}
        </div>
      )}
    </form>
  );
}

/** The change from the previous year: arrow, amount and percentage; a dash when either figure is missing. */
function Change({ row }: { row: ComparisonRow }) {
  const t = useT();
  const { lang } = useContext(LangContext);
  if (row.change === null) return <span className="wr-same" aria-label={t('ui.wr.no_change')}>—</span>;
  const cls = row.change > 0 ? 'wr-up' : row.change < 0 ? 'wr-down' : 'wr-same';
  const arrow = row.change > 0 ? '▲' : row.change < 0 ? '▼' : '=';
  const words = row.change > 0 ? t('ui.wr.up') : row.change < 0 ? t('ui.wr.down') : t('ui.wr.same');
  const pct = row.changePct === null ? '' : ` (${row.changePct > 0 ? '+' : ''}${formatFigure(row.changePct, lang)}%)`;
  return (
    <span className={cls} data-testid="change">
      <span aria-hidden="true">{arrow} </span><span className="sr-only">{words} </span>
      {formatFigure(Math.abs(row.change), lang)}{pct}
    </span>
  );
}
