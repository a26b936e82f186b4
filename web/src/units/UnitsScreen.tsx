// Units: the tree as of a date beside the selected unit's detail; on a phone, one at a time.
import { useCallback } from 'react';
import { qs, request } from '../api.ts';
import { isIsoDate, todayVN } from '../dates.ts';
import { useT } from '../i18n.ts';
import { navigate, useRoute } from '../router.ts';
import { useSession } from '../session.ts';
import type { UnitNode } from '../types.ts';
import { ErrorBanner } from '../ui/Alert.tsx';
import { Link } from '../ui/Link.tsx';
import { useLoad } from '../ui/useAsync.ts';
import { AsOfControl } from './AsOfControl.tsx';
import { CsvImport } from './CsvImport.tsx';
import { UnitDetailView } from './UnitDetail.tsx';
import { UnitTree } from './UnitTree.tsx';
import { forgetTodayTree } from './UnitPicker.tsx';

/** With nothing chosen yet: the units the user's grants name, one click away. */
function Overview({ hrefFor }: { hrefFor: (id: number) => string }) {
  const t = useT();
  const { me } = useSession();
  const units = [...new Map(me.grants.map((g) => [g.unitId, g])).values()];
  return (
    <div className="overview">
      <h2>{t('ui.units.yours')}</h2>
      <ul>
        {units.map((g) => <li key={g.unitId}><Link to={hrefFor(g.unitId)}>{g.unitName}</Link></li>)}
      </ul>
      <p className="muted">{t('ui.units.pick')}</p>
    </div>
  );
}

export function UnitsScreen({ selectedId }: { selectedId: number | null }) {
  const t = useT();
  const { me } = useSession();
  const { query } = useRoute();
  const today = todayVN();
  const raw = query.get('asOf') ?? '';
  const asOf = isIsoDate(raw) ? raw : today;
  const tree = useLoad(() => request<{ asOf: string; roots: UnitNode[] }>('GET', `/api/units/tree${qs({ asOf })}`), [asOf]);

  // Today is the default, so it stays out of the address.
  const hrefFor = useCallback((id: number | null, date = asOf) => `/units${id ? `/${id}` : ''}${qs({ asOf: date === today ? undefined : date })}`, [asOf, today]);
  const changeDate = useCallback((d: string) => navigate(hrefFor(selectedId, d), true), [hrefFor, selectedId]);
  const changed = () => {
    forgetTodayTree();
    tree.reload();
  };

  return (
    <div className={`split${selectedId ? ' has-detail' : ''}`}>
      <section className="panel tree-panel" aria-labelledby="units-title">
        <h1 id="units-title">{t('ui.units.title')}</h1>
        <AsOfControl asOf={asOf} onChange={changeDate} />
        {(me.can.exportUnits || me.can.manageUnits) && (
          <div className="units-io">
            {me.can.exportUnits && <a className="button-link" href="/api/units/export.csv" download>{t('ui.units.export')}</a>}
            {me.can.manageUnits && (
              <details>
                <summary>{t('ui.units.import')}</summary>
                <CsvImport onImported={changed} />
              </details>
            )}
          </div>
        )}
        <ErrorBanner error={tree.error} />
        {tree.loading && !tree.data && <p role="status">{t('ui.loading')}</p>}
        {tree.data && <UnitTree asOf={tree.data.asOf} roots={tree.data.roots} selectedId={selectedId} hrefFor={(id) => hrefFor(id)} />}
      </section>
      <section className="panel detail-panel" aria-label={t('ui.unit.detail')}>
        {selectedId
          ? <UnitDetailView key={`${selectedId}-${asOf}`} id={selectedId} asOf={asOf} backHref={hrefFor(null)} hrefFor={hrefFor} onChanged={changed} />
          : <Overview hrefFor={hrefFor} />}
      </section>
    </div>
  );
}
