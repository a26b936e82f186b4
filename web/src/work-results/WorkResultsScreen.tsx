// Work results (/work-results): pick a unit in scope and a period, enter its figures beside last year's; import
// figures from a file; see (and, for root administrators, configure) the indicators. The unit and period live in the
// address, so a view can be bookmarked or sent; each tab is a link.
import { useEffect, useRef, useState } from 'react';
import { qs } from '../api.ts';
import { useT } from '../i18n.ts';
import { navigate, useRoute } from '../router.ts';
import { useSession } from '../session.ts';
import { Link } from '../ui/Link.tsx';
import { SelectField } from '../ui/Field.tsx';
import { UnitPicker } from '../units/UnitPicker.tsx';
import { EntryView } from './EntryView.tsx';
import { ImportView } from './ImportView.tsx';
import { IndicatorsView } from './IndicatorsView.tsx';
import { PERIOD_PARTS, periodOf, splitPeriod } from './model.ts';
import './work-results.css';

export const WORK_RESULTS = '/work-results';
type View = 'entry' | 'import' | 'indicators';
const FIRST_YEAR = 2020;

/** The screen for a path under /work-results ('/work-results', '/work-results/import', '/work-results/indicators'). */
export function WorkResultsScreen({ path }: { path: string }) {
  const t = useT();
  const { me } = useSession();
  const { query } = useRoute();
  const rest = path.slice(WORK_RESULTS.length).replace(/^\//, '');
  const view: View | null = rest === '' ? 'entry' : (['import', 'indicators'] as const).find((v) => v === rest) ?? null;
  const thisYear = new Date().getFullYear();
  const defaultUnit = me.grants.find((g) => g.role !== 'viewer')?.unitId ?? me.grants[0]?.unitId ?? me.user.unitId;
  const unitId = Number(query.get('unitId')) || defaultUnit;
  const { year, part } = splitPeriod(query.get('period'), thisYear);
  const period = periodOf(year, part);
  const go = (u: number, p: string) => navigate(`${WORK_RESULTS}${qs({ unitId: u, period: p })}`, true);

  const tabs: { view: View; label: string; show: boolean }[] = [
    { view: 'entry', label: t('ui.wr.tab.entry'), show: true },
    { view: 'import', label: t('ui.wr.tab.import'), show: !!me.can.enterWorkResults },
    { view: 'indicators', label: t('ui.wr.tab.indicators'), show: true },
  ];
  const current = tabs.find((x) => x.view === view);
  const heading = useRef<HTMLHeadingElement>(null);
  const [first, setFirst] = useState(true);
  useEffect(() => {
    if (first) setFirst(false);
    else heading.current?.focus({ preventScroll: true });
  }, [path]); // a new tab moves focus to its heading

  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i);
  return (
    <div className="wr">
      <section className="panel" aria-labelledby="wr-title">
        <h1 id="wr-title">{t('ui.wr.title')}</h1>
        <nav aria-label={t('ui.wr.tabs')} className="tabs">
          <ul>
            {tabs.filter((x) => x.show).map((x) => (
              <li key={x.view}><Link to={`${WORK_RESULTS}${x.view === 'entry' ? '' : `/${x.view}`}${qs({ unitId, period })}`} current={x.view === view}>{x.label}</Link></li>
            ))}
          </ul>
        </nav>
      </section>
      <section className="panel" aria-labelledby="wr-view">
        {view && current ? (
          <>
            <h2 id="wr-view" ref={heading} tabIndex={-1}>{current.label}</h2>
            {view === 'entry' && (
              <>
                <div className="wr-pick">
                  <div className="wr-unit"><UnitPicker label={t('ui.wr.unit')} value={unitId} required onChange={(id) => id && go(id, period)} /></div>
                  <SelectField label={t('ui.wr.year')} value={String(year)} onChange={(y) => go(unitId, periodOf(Number(y), part))}
                    options={years.map((y) => ({ value: String(y), label: String(y) }))} />
                  <SelectField label={t('ui.wr.part')} value={part} onChange={(p) => go(unitId, periodOf(year, p))}
                    options={PERIOD_PARTS.map((p) => ({ value: p, label: t(`ui.wr.part.${p || 'year'}`) }))} />
                </div>
                <EntryView key={`${unitId}|${period}`} unitId={unitId} period={period} />
              </>
            )}
            {view === 'import' && <ImportView />}
            {view === 'indicators' && <IndicatorsView />}
          </>
        ) : <h2 id="wr-view">{t('errors.not_found')}</h2>}
      </section>
    </div>
  );
}
