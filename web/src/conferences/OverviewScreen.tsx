// The province's view of a year's conferences: per unit below the chosen one, how many were planned and held, the
// attendance, the opinions, how many were answered on time, overdue, paper forms collected — sortable by any
// column — with the units that have not held theirs yet marked and listed first.
import { useState } from 'react';
import { qs, request } from '../api.ts';
import { formatDate, todayVN } from '../dates.ts';
import { useT } from '../i18n.ts';
import { navigate, useRoute } from '../router.ts';
import { useSession } from '../session.ts';
import { ErrorBanner } from '../ui/Alert.tsx';
import { SelectField } from '../ui/Field.tsx';
import { Link } from '../ui/Link.tsx';
import { useLoad } from '../ui/useAsync.ts';
import { UnitSelect } from '../feedback/bits.tsx';
import type { Overview, OverviewRow } from './model.ts';
import './conferences.css';

type Col = 'unitName' | 'planned' | 'held' | 'delegates' | 'attended' | 'opinions' | 'answeredOnTime' | 'overdue' | 'formsCollected' | 'lastHeldOn';
const COLS: Col[] = ['unitName', 'planned', 'held', 'delegates', 'attended', 'opinions', 'answeredOnTime', 'overdue', 'formsCollected', 'lastHeldOn'];
const collator = new Intl.Collator('vi');

export function OverviewScreen() {
  const t = useT();
  const { query } = useRoute();
  const thisYear = Number(todayVN().slice(0, 4));
  const year = /^20\d\d$/.test(query.get('year') ?? '') ? query.get('year')! : String(thisYear);
  const { me } = useSession();
  // The API needs a unit: the chosen one, or the user's widest grant (the first one the session lists).
  const unitId = /^\d{1,9}$/.test(query.get('unitId') ?? '') ? query.get('unitId')! : String(me.grants[0]?.unitId ?? '');
  const data = useLoad(() => request<Overview>('GET', `/api/conferences/overview${qs({ unitId, year })}`), [unitId, year]);
  const [sort, setSort] = useState<{ col: Col; dir: 1 | -1 }>({ col: 'held', dir: 1 });
  const rows = data.data?.units ?? [];
  const notHeld = new Set((data.data?.notHeld ?? []).map((u) => u.unitId));
  const sorted = [...rows].sort((a, b) => {
    const x = a[sort.col];
    const y = b[sort.col];
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x ?? ''), String(y ?? ''));
    return c * sort.dir || collator.compare(a.unitName, b.unitName);
  });
  const apply = (patch: { unitId?: string; year?: string }) => navigate(`/conferences/overview${qs({ unitId, year, ...patch })}`, true);
  const sum = (k: keyof OverviewRow) => rows.reduce((s, r) => s + (Number(r[k]) || 0), 0);
  const head = (col: Col) => {
    const on = sort.col === col;
    return (
      <th scope="col" key={col} className={col === 'unitName' || col === 'lastHeldOn' ? undefined : 'num'} aria-sort={on ? (sort.dir === 1 ? 'ascending' : 'descending') : undefined}>
        <button type="button" className="conf-sort" onClick={() => setSort(on ? { col, dir: sort.dir === 1 ? -1 : 1 } : { col, dir: 1 })}>
          {t(`ui.conf.ov.col.${col}`)}<span aria-hidden="true">{on ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
        </button>
      </th>
    );
  };

  return (
    <div className="conf">
      <section className="panel" aria-labelledby="conf-ov-title">
        <p className="conf-back"><Link to="/conferences">← {t('ui.conf.back')}</Link></p>
        <h1 id="conf-ov-title">{t('ui.conf.ov.title', { year })}</h1>
        <div className="filters conf-filters" role="group" aria-label={t('ui.conf.filters')}>
          <UnitSelect label={t('ui.conf.ov.unit')} value={unitId} onChange={(v) => apply({ unitId: v })} emptyLabel={t('ui.unit.choose')} />
          <SelectField label={t('ui.conf.year')} value={year} onChange={(v) => apply({ year: v })}
            options={[1, 0, -1, -2, -3].map((d) => ({ value: String(thisYear + d), label: String(thisYear + d) }))} />
        </div>
        <ErrorBanner error={data.error} />
        {data.loading && !data.data && <p role="status">{t('ui.loading')}</p>}
        {data.data && (
          <>
            <ul className="conf-totals" aria-label={t('ui.conf.ov.totals')}>
              <li><strong>{rows.length}</strong> {t('ui.conf.ov.t.units')}</li>
              <li><strong>{sum('held')}</strong> {t('ui.conf.ov.t.held')}</li>
              <li className={notHeld.size ? 'conf-bad' : ''}><strong>{notHeld.size}</strong> {t('ui.conf.ov.t.not_held')}</li>
              <li><strong>{sum('attended')}</strong> {t('ui.conf.ov.t.attended')}</li>
              <li><strong>{sum('opinions')}</strong> {t('ui.conf.ov.t.opinions')}</li>
              <li className={sum('overdue') ? 'conf-bad' : ''}><strong>{sum('overdue')}</strong> {t('ui.conf.ov.t.overdue')}</li>
            </ul>
            {rows.length === 0 ? <p className="muted">{t('ui.conf.ov.none')}</p> : (
              <div className="table-wrap">
                <table className="stack conf-ov-table">
                  <caption className="sr-only">{t('ui.conf.ov.caption')}</caption>
                  <thead><tr>{COLS.map(head)}</tr></thead>
                  <tbody>
                    {sorted.map((r) => {
                      const missing = notHeld.has(r.unitId) || r.held === 0;
                      return (
                        <tr key={r.unitId} className={missing ? 'conf-not-held' : undefined} data-unit={r.unitId}>
                          <th scope="row">
                            <Link to={`/conferences${qs({ unitId: r.unitId, year })}`}>{r.unitName}</Link>
                            {missing && <span className="tag conf-tag-missing">{t('ui.conf.ov.not_held')}</span>}
                          </th>
                          <td data-label={t('ui.conf.ov.col.planned')} className="num">{r.planned}</td>
                          <td data-label={t('ui.conf.ov.col.held')} className="num">{r.held}</td>
                          <td data-label={t('ui.conf.ov.col.delegates')} className="num">{r.delegates}</td>
                          <td data-label={t('ui.conf.ov.col.attended')} className="num">{r.attended}</td>
                          <td data-label={t('ui.conf.ov.col.opinions')} className="num">{r.opinions}</td>
                          <td data-label={t('ui.conf.ov.col.answeredOnTime')} className="num">{r.answeredOnTime}</td>
                          <td data-label={t('ui.conf.ov.col.overdue')} className={`num${r.overdue ? ' conf-bad' : ''}`}>{r.overdue}</td>
                          <td data-label={t('ui.conf.ov.col.formsCollected')} className="num">{r.formsCollected}</td>
                          <td data-label={t('ui.conf.ov.col.lastHeldOn')}>{r.lastHeldOn ? formatDate(r.lastHeldOn) : <span className="muted">—</span>}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </section>
    </div>
  );
}
