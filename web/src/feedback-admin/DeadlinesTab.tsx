// Deadlines per kind (working days to acknowledge, to forward what is outside the unit's competence, to resolve)
// and how long closed items are kept. Everyone may read them; only a root administrator changes them, since they
// apply to every unit; a change applies from then on and never moves dates already set. Below, read-only: when the
// deadline reminders go out, what the last run sent, and whom it could not reach (links to
// their accounts, to add an email or a phone).
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, request } from '../api.ts';
import { useT } from '../i18n.ts';
import { ErrorBanner, Notice, fieldErrors } from '../ui/Alert.tsx';
import { TextField } from '../ui/Field.tsx';
import { Link } from '../ui/Link.tsx';
import { useLoad, useSubmit } from '../ui/useAsync.ts';
import { formatDate } from '../dates.ts';
import { FLAGGED_KINDS, KINDS, type DeadlineRule, type Kind, type Settings } from './model.ts';

const FIELDS = ['ack', 'forward', 'resolve'] as const;
type Field = (typeof FIELDS)[number];
type Draft = Record<Kind, Record<Field, string>>;

const toDraft = (d: Record<Kind, DeadlineRule>): Draft =>
  Object.fromEntries(KINDS.map((k) => [k, { ack: String(d[k].ack), forward: String(d[k].forward), resolve: d[k].resolve === null ? '' : String(d[k].resolve) }])) as Draft;

/** A whole number as typed, or the text itself so the server names what is wrong with it. */
const num = (s: string): number | string => (/^\s*\d+\s*$/.test(s) ? Number(s) : s.trim());

export function DeadlinesTab() {
  const t = useT();
  const load = useLoad(() => request<Settings>('GET', '/api/feedback-settings'), []);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [retention, setRetention] = useState('');
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useSubmit();
  const errs = fieldErrors(error);
  const s = load.data;

  useEffect(() => {
    if (!s) return;
    setDraft(toDraft(s.deadlines));
    setRetention(String(s.retentionDays));
  }, [s]);

  const set = (k: Kind, f: Field) => (v: string) => {
    setSaved(false);
    setDraft((d) => (d ? { ...d, [k]: { ...d[k], [f]: v } } : d));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    setSaved(false);
    void run(async () => {
      // Checked here first so every problem shows at once, in the server's words (src/http/routes/feedback/config.ts
      // sets the same limits and stays the authority).
      const problems: Record<string, string> = {};
      const check = (key: string, raw: string, min: number, max: number, optional = false) => {
        const v = raw.trim();
        if (!v) {
          if (!optional) problems[key] = t('validation.required');
        } else if (!/^\d+$/.test(v)) problems[key] = t('ui.fbadmin.dl.whole_number');
        else if (Number(v) < min) problems[key] = t('validation.too_small', { min });
        else if (Number(v) > max) problems[key] = t('validation.too_big', { max });
      };
      for (const k of KINDS) for (const f of FIELDS) check(`deadlines.${k}.${f}`, draft[k][f], 1, 90, f === 'resolve');
      check('retentionDays', retention, 30, 3650);
      if (Object.keys(problems).length) throw new ApiError(400, 'validation', t('errors.validation'), problems);
      const deadlines = Object.fromEntries(KINDS.map((k) => [k, {
        ack: num(draft[k].ack), forward: num(draft[k].forward), resolve: draft[k].resolve.trim() ? num(draft[k].resolve) : null,
      }]));
      const next = await request<Settings>('PUT', '/api/feedback-settings', { deadlines, retentionDays: num(retention) });
      setDraft(toDraft(next.deadlines));
      setRetention(String(next.retentionDays));
      setSaved(true);
    });
  };

  if (load.error) return <ErrorBanner error={load.error} />;
  if (!s || !draft) return <p role="status">{t('ui.loading')}</p>;
  const edit = s.canEdit;
  const def = s.defaults.deadlines;
  const kindLabel = (k: Kind) => t(`ui.feedback.kind.${k}`);
  const colLabel = (f: Field) => t(`ui.fbadmin.dl.${f}`);
  const shown = (v: number | null) => (v === null ? t('ui.fbadmin.dl.no_limit') : String(v));

  return (
    <form className="fba-deadlines" onSubmit={submit} noValidate aria-labelledby="fba-view">
      <p className="hint">{t('ui.fbadmin.dl.intro')}</p>
      {!edit && <p className="alert warn" data-testid="read-only">{t('ui.fbadmin.dl.read_only')}</p>}
      <ErrorBanner error={error} />
      <Notice>{saved ? t('ui.fbadmin.dl.saved') : null}</Notice>
      <div className="table-wrap">
        <table className="stack fba-dl-table">
          <caption className="sr-only">{t('ui.fbadmin.dl.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" id="dl-kind">{t('ui.fbadmin.dl.kind')}</th>
              {FIELDS.map((f) => <th scope="col" key={f} id={`dl-col-${f}`}>{colLabel(f)}</th>)}
            </tr>
          </thead>
          <tbody>
            {KINDS.map((k) => (
              <tr key={k} data-kind={k}>
                <th scope="row" id={`dl-row-${k}`}>
                  {kindLabel(k)}
                  {FLAGGED_KINDS.includes(k) && <span className="fba-sub">{t('ui.fbadmin.dl.own_procedure')}</span>}
                </th>
                {FIELDS.map((f) => {
                  const err = errs[`deadlines.${k}.${f}`];
                  const changed = String(def[k][f] ?? '') !== draft[k][f].trim();
                  const id = `dl-${k}-${f}`;
                  return (
                    <td key={f} data-label={colLabel(f)}>
                      {edit ? (
                        <div className={`fba-num${err ? ' has-error' : ''}`}>
                          <input id={id} type="text" inputMode="numeric" size={4} value={draft[k][f]} onChange={(e) => set(k, f)(e.target.value)}
                            aria-labelledby={`dl-row-${k} dl-col-${f}`} aria-invalid={err ? true : undefined}
                            aria-describedby={`${id}-def${err ? ` ${id}-err` : ''}`} required={f !== 'resolve'} />
                          <small id={`${id}-def`} className={`hint${changed ? ' fba-changed' : ''}`}>
                            {t('ui.fbadmin.dl.default', { value: shown(def[k][f]) })}
                          </small>
                          {err && <small id={`${id}-err`} className="field-error">{err}</small>}
                        </div>
                      ) : (
                        <span>
                          <strong>{shown(s.deadlines[k][f])}</strong>
                          {String(def[k][f]) !== String(s.deadlines[k][f]) && (
                            <small className="hint"> ({t('ui.fbadmin.dl.default', { value: shown(def[k][f]) })})</small>
                          )}
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">{t('ui.fbadmin.dl.units')} {t('ui.fbadmin.dl.flagged')}</p>
      {edit && <p className="hint">{t('ui.fbadmin.dl.resolve_blank')}</p>}
      <div className="fba-retention">
        {edit ? (
          <TextField label={t('ui.fbadmin.dl.retention')} value={retention} onChange={(v) => {
            setSaved(false);
            setRetention(v);
          }} required error={errs.retentionDays} hint={t('ui.fbadmin.dl.retention_hint', { value: s.defaults.retentionDays })} />
        ) : (
          <dl className="facts">
            <dt>{t('ui.fbadmin.dl.retention')}</dt>
            <dd><strong>{s.retentionDays}</strong> <span className="hint">{t('ui.fbadmin.dl.retention_hint', { value: s.defaults.retentionDays })}</span></dd>
          </dl>
        )}
      </div>
      {edit && (
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>{busy ? t('ui.busy') : t('ui.save')}</button>
          <button type="button" onClick={() => {
            setSaved(false);
            setDraft(toDraft(s.defaults.deadlines));
            setRetention(String(s.defaults.retentionDays));
          }}>{t('ui.fbadmin.dl.reset')}</button>
        </div>
      )}
      <section className="fba-reminders" aria-labelledby="fba-rem-title">
        <h3 id="fba-rem-title">{t('ui.fbadmin.rem.title')}</h3>
        <p className="hint">{t('ui.fbadmin.rem.intro', { hour: s.reminders.fromHour, days: s.reminders.withinDays })}</p>
        <p data-testid="reminders-last">
          {s.reminders.last
            ? t('ui.fbadmin.rem.last', { day: formatDate(s.reminders.last.day), messages: s.reminders.last.messages, items: s.reminders.last.items })
            : t('ui.fbadmin.rem.none')}
          {s.reminders.last && s.reminders.last.unreachable > 0 && <> <strong>{t('ui.fbadmin.rem.unreachable', { n: s.reminders.last.unreachable })}</strong></>}
        </p>
        {s.reminders.unreachablePeople.length > 0 && (
          <>
            <p className="hint">{t('ui.fbadmin.rem.unreachable_fix')}</p>
            <ul className="fba-unreachable" data-testid="reminders-unreachable">
              {s.reminders.unreachablePeople.map((p) => (
                <li key={p.id} data-user={p.id}>
                  <Link to={`/users?user=${p.id}`}>{p.fullName}</Link> <span className="muted">{p.username} · {p.unitName}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </form>
  );
}
