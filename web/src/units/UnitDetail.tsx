// One unit: its identity on the chosen date, today's successors (for historical units), predecessors,
// versions and lineage history; and, when `allowed` says so, the admin forms.
import { useEffect, useRef } from 'react';
import { request, qs } from '../api.ts';
import { dayBefore, formatDate, todayVN } from '../dates.ts';
import { useT } from '../i18n.ts';
import type { UnitDetail, UnitRef } from '../types.ts';
import { ErrorBanner } from '../ui/Alert.tsx';
import { Link } from '../ui/Link.tsx';
import { useLoad } from '../ui/useAsync.ts';
import { UnitHistory } from './UnitHistory.tsx';
import { UnitForm } from './UnitForm.tsx';
import { LineageForm } from './LineageForm.tsx';

interface Props {
  id: number;
  asOf: string;
  backHref: string;
  hrefFor: (id: number, date?: string) => string;
  onChanged: () => void;
}

export function UnitDetailView({ id, asOf, backHref, hrefFor, onChanged }: Props) {
  const t = useT();
  const { data: u, error, loading, reload } = useLoad(() => request<UnitDetail>('GET', `/api/units/${id}${qs({ asOf })}`), [id, asOf]);
  const heading = useRef<HTMLHeadingElement>(null);
  // Keyboard and screen-reader users land on what they opened.
  useEffect(() => {
    if (u) heading.current?.focus({ preventScroll: window.innerWidth > 800 });
  }, [u]);
  const changed = () => {
    reload();
    onChanged();
  };
  const period = (from: string, to: string | null) => `${formatDate(from)} – ${to ? formatDate(to) : t('ui.unit.now')}`;
  const refList = (refs: UnitRef[], date?: string) => (
    <ul className="ref-list">
      {refs.map((r) => (
        <li key={r.id}>
          <Link to={hrefFor(r.id, date)}>{r.name}</Link> <span className="muted">({r.code}, {period(r.validFrom, r.validTo)})</span>
        </li>
      ))}
    </ul>
  );

  return (
    <div className="unit-detail">
      <Link to={backHref} className="back only-narrow">← {t('ui.units.back')}</Link>
      <ErrorBanner error={error} />
      {loading && !u && <p role="status">{t('ui.loading')}</p>}
      {u && (
        <>
          <h2 ref={heading} tabIndex={-1}>{u.name}</h2>
          {!u.existsOnDate && <p className="alert warn">{t('ui.unit.not_on_date', { date: formatDate(asOf) })}</p>}
          <dl className="facts">
            <dt>{t('ui.unit.code')}</dt><dd><code>{u.code}</code></dd>
            <dt>{t('ui.unit.level')}</dt><dd>{t(`level.${u.level}`)}</dd>
            {u.shortName && <><dt>{t('ui.unit.short_name')}</dt><dd>{u.shortName}</dd></>}
            {u.place && <><dt>{t('ui.unit.place')}</dt><dd>{u.place}</dd></>}
            <dt>{t('ui.unit.period')}</dt><dd>{period(u.validFrom, u.validTo)}</dd>
            <dt>{t('ui.unit.parent')}</dt><dd>{u.parent ? <Link to={hrefFor(u.parent.id)}>{u.parent.name}</Link> : '—'}</dd>
          </dl>
          {u.successors.length > 0 && (
            <section aria-labelledby="succ-title" className="lineage-box">
              <h3 id="succ-title">{t('ui.unit.successors')}</h3>
              {refList(u.successors, todayVN())}
            </section>
          )}
          {u.predecessors.length > 0 && (
            <section aria-labelledby="pred-title">
              <h3 id="pred-title">{t('ui.unit.predecessors', { n: u.predecessors.length })}</h3>
              {/* Predecessors ended before this unit began: open them on their last day, as they were. */}
              {refList(u.predecessors, dayBefore(u.validFrom))}
            </section>
          )}
          <UnitHistory unit={u} hrefFor={hrefFor} />
          {['create', 'update', 'lineage'].some((a) => u.allowed.includes(a)) && (
            <section aria-labelledby="admin-title" className="admin-box">
              <h3 id="admin-title">{t('ui.unit.admin')}</h3>
              {u.allowed.includes('create') && (
                <details><summary>{t('ui.unit.create_child')}</summary><UnitForm mode="create" unit={u} onSaved={changed} /></details>
              )}
              {u.allowed.includes('update') && (
                <details><summary>{t('ui.unit.correct')}</summary><UnitForm mode="update" unit={u} onSaved={changed} /></details>
              )}
              {u.allowed.includes('lineage') && (
                <details><summary>{t('ui.unit.record_event')}</summary><LineageForm unit={u} onSaved={changed} /></details>
              )}
            </section>
          )}
        </>
      )}
    </div>
  );
}
