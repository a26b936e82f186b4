// For leaders and those who watch: per child unit of the focus (or the unit itself when it has none), the year's
// items received, open and overdue, the share answered on time, the median working days to close and the mean
// rating. Units with overdue items come first and link to their overdue list: that is how late items rise to
// the parent unit's view.
import { useContext, useState } from 'react';
import { qs, request } from '../api.ts';
import { LangContext, useT } from '../i18n.ts';
import { ErrorBanner } from '../ui/Alert.tsx';
import { Link } from '../ui/Link.tsx';
import { useLoad } from '../ui/useAsync.ts';
import { int } from '../surveys/format.ts';
import type { RegisterStats, UnitStats } from './model.ts';

const SHOWN = 8;

export function StatsBand({ unitId, year }: { unitId: number; year: number }) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const [all, setAll] = useState(false);
  const stats = useLoad(() => request<RegisterStats>('GET', `/api/feedback-stats${qs({ unitId, year })}`), [unitId, year]);
  const one = (n: number | null, digits = 1) => (n === null ? '—' : new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits }).format(n));
  if (stats.error) return <ErrorBanner error={stats.error} />;
  // Units that no longer exist come back nameless (their items also count towards their successors): only
  // those with items of their own are shown.
  const units = (stats.data?.units ?? []).filter((u) => u.unitName || u.received > 0).sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.unitName.localeCompare(b.unitName, 'vi'));
  // Folded: the units with something to show (overdue first); unfolded: every unit.
  const shown = all ? units : units.filter((u) => u.received > 0 || u.open > 0).slice(0, SHOWN);
  const sum = (f: (u: UnitStats) => number) => units.reduce((s, u) => s + f(u), 0);
  const overdueTotal = sum((u) => u.overdue);

  return (
    <section className="fb-stats" aria-labelledby="fb-stats-title">
      <h2 id="fb-stats-title">{t('ui.feedback.stats.title', { year })}</h2>
      {/* What the next conference reads: last year's conference opinions and what became of them (a draft report). */}
      <p className="fb-report-links">
        <a href={`/api/feedback-report/conference.pdf${qs({ unitId, year: year - 1 })}`}>{t('ui.feedback.stats.conference_report', { year: year - 1 })}</a>
      </p>
      {stats.loading && !stats.data && <p role="status">{t('ui.loading')}</p>}
      {stats.data && (
        <>
          <p className="fb-stats-summary">
            {t('ui.feedback.stats.summary', { received: int(lang, sum((u) => u.received)), open: int(lang, sum((u) => u.open)) })}{' '}
            {overdueTotal > 0
              ? <strong className="fb-overdue-text">{t('ui.feedback.stats.overdue_total', { n: int(lang, overdueTotal) })}</strong>
              : <span>{t('ui.feedback.stats.none_overdue')}</span>}
          </p>
          <div className="table-wrap">
            <table className="stack fb-stats-table">
              <thead>
                <tr>
                  <th scope="col">{t('ui.feedback.col.unit')}</th>
                  <th scope="col" className="num">{t('ui.feedback.stats.received')}</th>
                  <th scope="col" className="num">{t('ui.feedback.stats.open')}</th>
                  <th scope="col" className="num">{t('ui.feedback.stats.overdue')}</th>
                  <th scope="col" className="num">{t('ui.feedback.stats.on_time')}</th>
                  <th scope="col" className="num">{t('ui.feedback.stats.median')}</th>
                  <th scope="col" className="num">{t('ui.feedback.stats.rating')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((u) => (
                  <tr key={u.unitId} data-unit={u.unitId} className={u.overdue > 0 ? 'fb-row-overdue' : undefined}>
                    <th scope="row"><Link to={`/feedback${qs({ unitId: u.unitId, year })}`}>{u.unitName || t('ui.feedback.stats.ended_unit', { id: u.unitId })}</Link></th>
                    <td className="num" data-label={t('ui.feedback.stats.short.received')}>{int(lang, u.received)}</td>
                    <td className="num" data-label={t('ui.feedback.stats.short.open')}>{int(lang, u.open)}</td>
                    <td className="num" data-label={t('ui.feedback.stats.short.overdue')}>
                      {u.overdue > 0
                        ? <Link to={`/feedback${qs({ unitId: u.unitId, overdue: 1 })}`} className="fb-overdue-link">
                          {t('ui.feedback.stats.overdue_n', { n: int(lang, u.overdue) })}
                        </Link>
                        : '0'}
                    </td>
                    <td className="num" data-label={t('ui.feedback.stats.short.on_time')}>{u.onTimePct === null ? '—' : `${one(u.onTimePct)}%`}</td>
                    <td className="num" data-label={t('ui.feedback.stats.short.median')}>{one(u.medianDaysToClose)}</td>
                    <td className="num" data-label={t('ui.feedback.stats.short.rating')}>
                      {u.meanRating === null ? '—' : t('ui.feedback.stats.rating_value', { mean: one(u.meanRating), n: int(lang, u.ratings) })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {(all || units.length > shown.length) && (
            <button type="button" className="small" aria-expanded={all} onClick={() => setAll((x) => !x)}>
              {all ? t('ui.feedback.stats.fewer') : t('ui.feedback.stats.all', { n: units.length })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
