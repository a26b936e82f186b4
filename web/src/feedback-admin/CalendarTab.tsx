// The working-day calendar deadlines are counted on: a year, month by month, with its statutory holidays (Tết,
// Giỗ Tổ... computed), days in lieu, the administrators' own days off and make-up working days, and the working
// days of each month. A root administrator adds and removes the hand-entered days.
import { useState, type FormEvent } from 'react';
import { ApiError, qs, request } from '../api.ts';
import { formatDate, isIsoDate } from '../dates.ts';
import { useT } from '../i18n.ts';
import { ErrorBanner, Notice, fieldErrors } from '../ui/Alert.tsx';
import { DateInput } from '../ui/DateInput.tsx';
import { TextField } from '../ui/Field.tsx';
import { useLoad, useSubmit } from '../ui/useAsync.ts';
import type { CalendarYear } from './model.ts';

type Special = {
  date: string;
  weekday: string;
  name: string;
  /** holiday | in_lieu | off | work */
  type: 'holiday' | 'in_lieu' | 'off' | 'work';
  working: boolean;
  /** A hand-entered day that can be removed. */
  override: boolean;
  /** A holiday an override turned into a working day. */
  overridden: boolean;
};

/** Holidays and overrides of the year, one entry per day (an override on a holiday stays on the holiday's line). */
function specialDays(cal: CalendarYear): Special[] {
  const out = new Map<string, Special>();
  for (const h of cal.holidays) {
    out.set(h.date, {
      date: h.date, weekday: h.weekday, name: h.name, type: h.inLieu ? 'in_lieu' : 'holiday', working: h.working,
      override: h.override !== null, overridden: h.override?.kind === 'work',
    });
  }
  for (const o of cal.overrides) {
    const h = out.get(o.day);
    if (h) out.set(o.day, { ...h, override: true, overridden: o.kind === 'work', working: o.kind === 'work', name: o.name ? `${h.name} — ${o.name}` : h.name });
    else out.set(o.day, { date: o.day, weekday: o.weekday, name: o.name ?? '', type: o.kind, working: o.kind === 'work', override: true, overridden: false });
  }
  return [...out.values()].sort((a, b) => a.date.localeCompare(b.date));
}

export function CalendarTab() {
  const t = useT();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const cal = useLoad(() => request<CalendarYear>('GET', `/api/calendar${qs({ year })}`), [year]);
  const [notice, setNotice] = useState<string | null>(null);
  const remove = useSubmit();
  const data = cal.data?.year === year ? cal.data : null;

  const removeDay = (d: Special) => void remove.run(async () => {
    if (!window.confirm(t('ui.fbadmin.cal.confirm_remove', { date: formatDate(d.date) }))) return;
    await request('DELETE', `/api/calendar-days/${d.date}`);
    setNotice(t('ui.fbadmin.cal.removed', { date: formatDate(d.date) }));
    cal.reload();
  });

  const days = data ? specialDays(data) : [];
  return (
    <div className="fba-calendar">
      <p className="hint">{t('ui.fbadmin.cal.intro')}</p>
      <div className="fba-year" role="group" aria-label={t('ui.fbadmin.cal.year_nav')}>
        <button type="button" onClick={() => setYear((y) => y - 1)} aria-label={t('ui.fbadmin.cal.prev_year', { year: year - 1 })}>← {year - 1}</button>
        <p className="fba-year-now" aria-live="polite"><strong>{t('ui.fbadmin.cal.year', { year })}</strong>
          {data && <span> · {t('ui.fbadmin.cal.working_total', { n: data.workingDays })}</span>}</p>
        <button type="button" onClick={() => setYear((y) => y + 1)} aria-label={t('ui.fbadmin.cal.next_year', { year: year + 1 })}>{year + 1} →</button>
      </div>
      <ErrorBanner error={cal.error} />
      {cal.loading && !data && <p role="status">{t('ui.loading')}</p>}
      {data && (
        <>
          {data.canEdit
            ? <AddDay onAdded={(msg, day) => {
              setNotice(msg);
              // A day of another year: show that year.
              if (Number(day.slice(0, 4)) !== year) setYear(Number(day.slice(0, 4)));
              else cal.reload();
            }} />
            : <p className="alert warn">{t('ui.fbadmin.cal.read_only')}</p>}
          <Notice>{notice}</Notice>
          <ErrorBanner error={remove.error} />
          <ul className="fba-legend" aria-label={t('ui.fbadmin.cal.legend')}>
            {(['holiday', 'in_lieu', 'off', 'work'] as const).map((k) => <li key={k}><span className={`tag fba-day-${k}`}>{t(`ui.fbadmin.cal.type.${k}`)}</span></li>)}
          </ul>
          <ol className="fba-months">
            {data.months.map((m) => {
              const inMonth = days.filter((d) => Number(d.date.slice(5, 7)) === m.month);
              return (
                <li key={m.month} className="fba-month" data-month={m.month}>
                  <h3>{t(`ui.fbadmin.cal.m${m.month}`, { year })}</h3>
                  <p className="fba-month-count">{t('ui.fbadmin.cal.month_working', { n: m.workingDays, days: m.days })}</p>
                  {inMonth.length === 0 ? <p className="muted small">{t('ui.fbadmin.cal.no_special')}</p> : (
                    <ul className="fba-days">
                      {inMonth.map((d) => (
                        <li key={d.date} data-day={d.date} className={d.working ? 'fba-working' : undefined}>
                          <span className="fba-date">{t(`ui.fbadmin.wd.${d.weekday}`)} {formatDate(d.date)}</span>
                          <span className="fba-day-name">
                            <span className={`tag fba-day-${d.overridden ? 'work' : d.type}`}>
                              {t(`ui.fbadmin.cal.type.${d.overridden ? 'work' : d.type}`)}
                            </span>{' '}
                            {d.name}
                            {d.overridden && d.type !== 'work' && <em className="small"> ({t('ui.fbadmin.cal.made_working')})</em>}
                          </span>
                          {data.canEdit && d.override && (
                            <button type="button" className="small danger" disabled={remove.busy}
                              aria-label={t('ui.fbadmin.cal.remove_label', { date: formatDate(d.date) })} onClick={() => removeDay(d)}>
                              {t('ui.fbadmin.cal.remove')}
                            </button>
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </div>
  );
}

function AddDay({ onAdded }: { onAdded: (notice: string, day: string) => void }) {
  const t = useT();
  const [day, setDay] = useState('');
  const [kind, setKind] = useState<'off' | 'work'>('off');
  const [name, setName] = useState('');
  const { busy, error, run } = useSubmit();
  const errs = fieldErrors(error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      if (!isIsoDate(day)) throw new ApiError(400, 'validation', t('errors.validation'), { day: day ? t('validation.date') : t('validation.required') });
      const r = await request<{ day: string; created: boolean }>('PUT', `/api/calendar-days/${encodeURIComponent(day)}`, { kind, name: name.trim() || null });
      onAdded(t(kind === 'off' ? 'ui.fbadmin.cal.added_off' : 'ui.fbadmin.cal.added_work', { date: formatDate(r.day) }), r.day);
      setDay('');
      setName('');
    });
  };

  return (
    <section className="create-box fba-add-day" aria-labelledby="add-day-title">
      <h3 id="add-day-title">{t('ui.fbadmin.cal.add')}</h3>
      <form onSubmit={submit} noValidate className="form-grid" aria-labelledby="add-day-title">
        <ErrorBanner error={error} />
        <DateInput label={t('ui.fbadmin.cal.day')} value={day} onChange={setDay} required error={errs.day} />
        <fieldset className="rate-choices fba-kind-choice">
          <legend>{t('ui.fbadmin.cal.kind')}</legend>
          <label className="radio"><input type="radio" name="day-kind" value="off" checked={kind === 'off'} onChange={() => setKind('off')} /> {t('ui.fbadmin.cal.kind_off')}</label>
          <label className="radio"><input type="radio" name="day-kind" value="work" checked={kind === 'work'} onChange={() => setKind('work')} /> {t('ui.fbadmin.cal.kind_work')}</label>
          {errs.kind && <small className="field-error">{errs.kind}</small>}
        </fieldset>
        <TextField label={t('ui.fbadmin.cal.name')} value={name} onChange={setName} error={errs.name} hint={t('ui.fbadmin.cal.name_hint')} />
        <p className="hint form-note">{t('ui.fbadmin.cal.add_hint')}</p>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>{busy ? t('ui.busy') : t('ui.fbadmin.cal.add_submit')}</button>
        </div>
      </form>
    </section>
  );
}
