// One campaign: its header (state, dates, the state changes the server allows now) above two views — the
// live results, and the participating units with their form links, QR codes and targets.
import { useEffect, useRef } from 'react';
import { request } from '../api.ts';
import { formatDate } from '../dates.ts';
import { useT } from '../i18n.ts';
import type { CampaignDetail } from '../types.ts';
import { ErrorBanner } from '../ui/Alert.tsx';
import { Link } from '../ui/Link.tsx';
import { useLoad } from '../ui/useAsync.ts';
import { CampaignActions } from './CampaignActions.tsx';
import { Participants } from './Participants.tsx';
import { Results } from './Results.tsx';
import { StateBadge } from './StateBadge.tsx';

export function CampaignScreen({ id, view }: { id: number; view: 'results' | 'units' }) {
  const t = useT();
  const { data: c, error, loading, reload } = useLoad(() => request<CampaignDetail>('GET', `/api/campaigns/${id}`), [id]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (c) heading.current?.focus({ preventScroll: true });
  }, [c?.id]);
  const tabs = [
    { to: `/surveys/campaigns/${id}/results`, label: t('ui.surveys.tab_results'), current: view === 'results' },
    { to: `/surveys/campaigns/${id}`, label: t('ui.surveys.tab_units'), current: view === 'units' },
  ];

  return (
    <div className="campaign">
      <section className="panel campaign-head" aria-labelledby="campaign-title">
        <Link to="/surveys" className="back">← {t('ui.surveys.back')}</Link>
        <ErrorBanner error={error} />
        {loading && !c && <p role="status">{t('ui.loading')}</p>}
        {c && (
          <>
            <div className="campaign-title-row">
              <h1 id="campaign-title" ref={heading} tabIndex={-1}>{c.name}</h1>
              <StateBadge state={c.state} />
            </div>
            <p className="campaign-meta">
              <span>{t('ui.surveys.period')}: <strong>{c.period}</strong></span>
              <span>{t('ui.surveys.dates')}: <strong>{formatDate(c.opensOn)} – {formatDate(c.closesOn)}</strong></span>
              <span>{t('ui.surveys.units_count', { n: c.participants.length })}</span>
            </p>
            <CampaignActions campaign={c} onChanged={reload} />
            <nav aria-label={t('ui.surveys.views')} className="tabs">
              <ul>{tabs.map((tab) => <li key={tab.to}><Link to={tab.to} current={tab.current}>{tab.label}</Link></li>)}</ul>
            </nav>
          </>
        )}
      </section>
      {c && view === 'results' && <Results campaign={c} />}
      {c && view === 'units' && <Participants campaign={c} onChanged={reload} />}
    </div>
  );
}
