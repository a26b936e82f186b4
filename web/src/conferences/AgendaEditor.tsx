// The agenda: time, title and presenter per item; add, remove and move up or down (buttons, so the keyboard
// can do all of it). Focus follows a moved item.
import { useEffect, useRef } from 'react';
import { useT } from '../i18n.ts';
import { TimeInput } from './bits.tsx';
import { parseTime, type AgendaItem } from './model.ts';

export interface AgendaRow {
  key: number;
  time: string;
  title: string;
  presenter: string;
}

let nextKey = 1;
export const agendaRow = (a?: Partial<AgendaItem>): AgendaRow => ({ key: nextKey++, time: a?.time ?? '', title: a?.title ?? '', presenter: a?.presenter ?? '' });
export const agendaOut = (rows: AgendaRow[]): AgendaItem[] => rows
  .filter((r) => r.title.trim() || r.time || r.presenter.trim())
  .map((r) => ({ time: r.time ? parseTime(r.time) ?? r.time : null, title: r.title.trim(), presenter: r.presenter.trim() || null }));

export function AgendaEditor({ rows, onChange, errors }: { rows: AgendaRow[]; onChange: (rows: AgendaRow[]) => void; errors: Record<string, string> }) {
  const t = useT();
  const focusKey = useRef<{ key: number; field: string } | null>(null);
  const box = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    const f = focusKey.current;
    if (!f) return;
    focusKey.current = null;
    box.current?.querySelector<HTMLElement>(`[data-row="${f.key}"] [data-f="${f.field}"]`)?.focus();
  });
  const set = (i: number, patch: Partial<AgendaRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= rows.length) return;
    const next = rows.slice();
    [next[i], next[j]] = [next[j]!, next[i]!];
    focusKey.current = { key: rows[i]!.key, field: d < 0 ? 'up' : 'down' };
    onChange(next);
  };
  const remove = (i: number) => {
    const neighbour = rows[i + 1] ?? rows[i - 1];
    focusKey.current = neighbour ? { key: neighbour.key, field: 'title' } : null;
    onChange(rows.filter((_, j) => j !== i));
  };
  const add = () => {
    const r = agendaRow();
    focusKey.current = { key: r.key, field: 'time' };
    onChange([...rows, r]);
  };
  return (
    <fieldset className="conf-agenda" ref={box}>
      <legend>{t('ui.conf.agenda')}</legend>
      {errors.agenda && <p className="field-error">{errors.agenda}</p>}
      <ol className="conf-agenda-list">
        {rows.map((r, i) => {
          const n = i + 1;
          const err = (f: string) => errors[`agenda.${i}.${f}`] ?? errors[`agenda[${i}].${f}`];
          return (
            <li key={r.key} data-row={r.key} className="conf-agenda-row">
              <span className="conf-agenda-n" aria-hidden="true">{n}.</span>
              <label className="conf-agenda-time">
                <span className="sr-only">{t('ui.conf.agenda.time_n', { n })}</span>
                <TimeInput dataF="time" value={r.time} onChange={(time) => set(i, { time })} invalid={!!err('time')} />
              </label>
              <label className="conf-agenda-title">
                <span className="sr-only">{t('ui.conf.agenda.title_n', { n })}</span>
                <input type="text" data-f="title" value={r.title} placeholder={t('ui.conf.agenda.title')} onChange={(e) => set(i, { title: e.target.value })}
                  aria-invalid={err('title') ? true : undefined} />
                {err('title') && <small className="field-error">{err('title')}</small>}
              </label>
              <label className="conf-agenda-presenter">
                <span className="sr-only">{t('ui.conf.agenda.presenter_n', { n })}</span>
                <input type="text" data-f="presenter" value={r.presenter} placeholder={t('ui.conf.agenda.presenter')} onChange={(e) => set(i, { presenter: e.target.value })} />
              </label>
              <span className="conf-agenda-buttons">
                <button type="button" className="small icon" data-f="up" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('ui.conf.agenda.up', { n })} title={t('ui.conf.agenda.up', { n })}>↑</button>
                <button type="button" className="small icon" data-f="down" disabled={i === rows.length - 1} onClick={() => move(i, 1)} aria-label={t('ui.conf.agenda.down', { n })} title={t('ui.conf.agenda.down', { n })}>↓</button>
                <button type="button" className="small icon danger" onClick={() => remove(i)} aria-label={t('ui.conf.agenda.remove', { n })} title={t('ui.conf.agenda.remove', { n })}>✕</button>
              </span>
            </li>
          );
        })}
      </ol>
      <button type="button" className="small" onClick={add}>+ {t('ui.conf.agenda.add')}</button>
    </fieldset>
  );
}
