// One conference: its heading (title, state, day, hours, venue, attendance) and the tabs of its work, each an
// address (?tab=): the plan, delegates, check-in, live capture of opinions, after the conference, photos and
// official documents. Tabs re-read the conference after each change so counts stay true.
import { useEffect, useRef } from 'react';
import { request } from '../api.ts';
import { formatDate } from '../dates.ts';
import { useT } from '../i18n.ts';
import { useRoute } from '../router.ts';
import { ErrorBanner } from '../ui/Alert.tsx';
import { Link } from '../ui/Link.tsx';
import { useLoad } from '../ui/useAsync.ts';
import { ConfStateBadge } from './bits.tsx';
import { conferencePath, dayOf, formatTime, type Conference } from './model.ts';
import { PlanTab } from './PlanTab.tsx';
import { DelegatesTab } from './DelegatesTab.tsx';
import { CheckinTab } from './CheckinTab.tsx';
import { CaptureTab } from './CaptureTab.tsx';
import { AfterTab } from './AfterTab.tsx';
import { PhotosTab } from './PhotosTab.tsx';
import { DocumentsTab } from './DocumentsTab.tsx';
import './conferences.css';

export const TABS = ['plan', 'delegates', 'checkin', 'capture', 'after', 'photos', 'documents'] as const;
export type Tab = (typeof TABS)[number];

export function ConferenceScreen({ id }: { id: number }) {
  const t = useT();
  const { query } = useRoute();
  const tab: Tab = (TABS as readonly string[]).includes(query.get('tab') ?? '') ? query.get('tab') as Tab : 'plan';
  const conf = useLoad(() => request<Conference>('GET', `/api/conferences/${id}`), [id]);
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus({ preventScroll: true });
  }, [tab]);

  if (conf.error) return <div className="conf"><section className="panel"><ErrorBanner error={conf.error} /><Link to="/conferences">← {t('ui.conf.back')}</Link></section></div>;
  const c = conf.data;
  if (!c) return <div className="conf"><section className="panel"><p role="status">{t('ui.loading')}</p></section></div>;
  const label = (x: Tab) => t(`ui.conf.tab.${x}`);

  return (
    <div className={`conf conf-detail conf-tab-${tab}`} data-conference={c.id} data-state={c.state}>
      <section className="panel conf-top" aria-labelledby="conf-detail-title">
        <p className="conf-back"><Link to="/conferences">← {t('ui.conf.back')}</Link></p>
        <div className="conf-title-row">
          <h1 id="conf-detail-title">{c.title}</h1>
          <ConfStateBadge state={c.state} />
        </div>
        <p className="conf-meta">
          <span><strong>{formatDate(dayOf(c))}</strong> {formatTime(c.startsAt)}–{formatTime(c.endsAt)}</span>
          <span>{c.venue}</span>
          <span>{c.unitName}</span>
          <span data-testid="attendance">{t('ui.conf.present_of', { n: c.counts.checkedIn, total: c.counts.delegates })}</span>
          <span>{t('ui.conf.opinions_n', { n: c.counts.opinions })}</span>
        </p>
        <nav aria-label={t('ui.conf.tabs')} className="tabs conf-tabs">
          <ul>
            {TABS.map((x) => (
              <li key={x}><Link to={conferencePath(c.id, x)} current={x === tab}>{label(x)}</Link></li>
            ))}
          </ul>
        </nav>
      </section>
      <section className="panel conf-body" aria-labelledby="conf-tab-title">
        <h2 id="conf-tab-title" ref={heading} tabIndex={-1}>{label(tab)}</h2>
        {tab === 'plan' && <PlanTab conference={c} onChanged={conf.reload} created={query.get('created') === '1'} />}
        {tab === 'delegates' && <DelegatesTab conference={c} onChanged={conf.reload} />}
        {tab === 'checkin' && <CheckinTab conference={c} onChanged={conf.reload} />}
        {tab === 'capture' && <CaptureTab conference={c} onChanged={conf.reload} />}
        {tab === 'after' && <AfterTab conference={c} onChanged={conf.reload} />}
        {tab === 'photos' && <PhotosTab conference={c} onChanged={conf.reload} />}
        {tab === 'documents' && <DocumentsTab conference={c} />}
      </section>
    </div>
  );
}
