// A unit's past: its versions (name, parent over time) and the lineage events it took part in, one line per
// event with the units on each side.
import { dayBefore, formatDate } from '../dates.ts';
import { useT } from '../i18n.ts';
import type { UnitDetail, UnitRef } from '../types.ts';
import { Link } from '../ui/Link.tsx';

export function UnitHistory({ unit, hrefFor }: { unit: UnitDetail; hrefFor: (id: number, date?: string) => string }) {
  const t = useT();
  // The API sends one row per lineage edge; a merge of five communes is one event to a reader.
  const events = new Map<number, { kind: string; date: string; from: Map<number, UnitRef>; to: Map<number, UnitRef> }>();
  for (const h of unit.history) {
    const e = events.get(h.eventId) ?? { kind: h.kind, date: h.date, from: new Map(), to: new Map() };
    if (h.from) e.from.set(h.from.id, h.from);
    if (h.to) e.to.set(h.to.id, h.to);
    events.set(h.eventId, e);
  }
  const refs = (m: Map<number, UnitRef>, date?: string) => [...m.values()].map((r, i) => (
    <span key={r.id}>{i > 0 && ', '}{r.id === unit.id ? <strong>{r.name}</strong> : <Link to={hrefFor(r.id, date)}>{r.name}</Link>}</span>
  ));

  return (
    <>
      <section aria-labelledby="hist-title">
        <h3 id="hist-title">{t('ui.unit.history')}</h3>
        {events.size === 0 ? <p className="muted">{t('ui.unit.no_history')}</p> : (
          <ol className="events">
            {[...events.entries()].sort((a, b) => a[1].date.localeCompare(b[1].date)).map(([id, e]) => (
              <li key={id}>
                <span className="event-date">{formatDate(e.date)}</span>{' '}
                <span className={`tag kind-${e.kind}`}>{t(`lineage.${e.kind}`)}</span>{' '}
                {e.kind === 'rename' || e.kind === 'reparent' || e.kind === 'dissolve'
                  ? refs(e.from, dayBefore(e.date))
                  : <>{refs(e.from, dayBefore(e.date))} <span aria-hidden="true">→</span><span className="sr-only">{t('ui.unit.into')}</span> {refs(e.to, e.date)}</>}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="ver-title">
        <h3 id="ver-title">{t('ui.unit.versions')}</h3>
        <div className="table-wrap">
          <table className="stack">
            <thead>
              <tr><th scope="col">{t('ui.unit.name')}</th><th scope="col">{t('ui.unit.parent')}</th><th scope="col">{t('ui.unit.from')}</th><th scope="col">{t('ui.unit.to')}</th></tr>
            </thead>
            <tbody>
              {unit.versions.map((v) => (
                <tr key={v.validFrom}>
                  <td data-label={t('ui.unit.name')}>{v.name}</td>
                  <td data-label={t('ui.unit.parent')}>{v.parent ? <Link to={hrefFor(v.parent.id, v.validFrom)}>{v.parent.name}</Link> : '—'}</td>
                  <td data-label={t('ui.unit.from')}>{formatDate(v.validFrom)}</td>
                  <td data-label={t('ui.unit.to')}>{v.validTo ? formatDate(v.validTo) : t('ui.unit.now')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
