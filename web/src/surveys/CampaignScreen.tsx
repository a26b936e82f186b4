// One campaign: its header (state, dates, the state changes the server allows now) above two views — the
// live results, the participating units with their form links, QR codes and targets, and paper (batches,
// double entry, disagreements, single-use cards).
import { useEffect, useRef } from 'react';
import { request } from '../api.ts';
import { formatDate } from '../dates.ts';
import { useT } from '../i18n.ts';
import type { CampaignDetail } from '../types.ts';
import { ErrorBanner } from '../ui/Alert.tsx';
import { Link } from '../ui/Link.tsx';
import { useLoad } from '../ui/useAsync.ts';
import { useRoute } from '../router.ts';
import { useSession } from '../session.ts';
import { CampaignActions } from './CampaignActions.tsx';
import { CommentsTab } from './CommentsTab.tsx';
import { ImportTab } from './ImportTab.tsx';
import { PaperTab } from './PaperTab.tsx';
import { Participants } from './Participants.tsx';
import { Results } from './Results.tsx';
import { StateBadge } from './StateBadge.tsx';

export function CampaignScreen({ id, view }: { id: number; view: 'results' | 'units' | 'paper' }) {
  const t = useT();
  const { data: c, error, loading, reload } = useLoad(() => request<CampaignDetail>('GET', `/api/campaigns/${id}`), [id]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (c) heading.current?.focus({ preventScroll: true });
  }, [c?.id]);
  const { query } = useRoute();
  const { me } = useSession();
  const canImport = Boolean(me.can.enterSurveys && c && c.participants.length > 0 && c.state !== 'archived');
  const importing = view === 'units' && query.get('tab') === 'import' && canImport;
  const commenting = view === 'units' && query.get('tab') === 'comments';
  const tabs = [
    { to: `/surveys/campaigns/${id}/results`, label: t('ui.surveys.tab_results'), current: view === 'results' },
    { to: `/surveys/campaigns/${id}`, label: t('ui.surveys.tab_units'), current: view === 'units' && !importing && !commenting },
    { to: `/surveys/campaigns/${id}?tab=comments`, label: t('ui.surveys.comments.tab'), current: commenting },
    ...(c && (c.channels.includes('paper') || c.mode === 'token')
      ? [{ to: `/surveys/campaigns/${id}/paper`, label: t('ui.paper.tab'), current: view === 'paper' }] : []),
    // Importing responses from another tool: for whoever may enter responses (the server checks the unit).
    ...(canImport ? [{ to: `/surveys/campaigns/${id}?tab=import`, label: t('ui.import.tab'), current: importing }] : []),
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
      {c && importing && <ImportTab campaign={c} />}
      {c && commenting && <CommentsTab campaign={c} />}
      {c && view === 'units' && !importing && !commenting && <Participants campaign={c} onChanged={reload} />}
      {c && view === 'paper' && <PaperTab campaign={c} />}
    </div>
  );
}
