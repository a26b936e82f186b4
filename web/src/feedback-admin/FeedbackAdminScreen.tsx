// Configuration of the feedback register (/feedback-admin/...): response templates, deadlines and retention,
// the working-day calendar, Open311 partner keys, importing a register from a file, and data-subject requests.
// Tabs are links (each view has its address); a tab shows only when the user's grants allow its work, every view
// still opens from its address, and whatever the server refuses is shown as its message.
import { useEffect, useRef } from 'react';
import { useT } from '../i18n.ts';
import { useSession } from '../session.ts';
import { Link } from '../ui/Link.tsx';
import { feedbackAccess } from './model.ts';
import { FEEDBACK_ADMIN } from './paths.ts';
import { TemplatesTab } from './TemplatesTab.tsx';
import { DeadlinesTab } from './DeadlinesTab.tsx';
import { CalendarTab } from './CalendarTab.tsx';
import { PartnersTab } from './PartnersTab.tsx';
import { ImportTab } from './ImportTab.tsx';
import { DataRequestsTab } from './DataRequestsTab.tsx';
import { DataRequestView } from './DataRequestView.tsx';
import { TopicsTab } from './TopicsTab.tsx';

type View = 'templates' | 'topics' | 'deadlines' | 'calendar' | 'partners' | 'import' | 'data-requests';

/** The screen for a path under /feedback-admin ('/feedback-admin', '/feedback-admin/calendar', ...). */
export function FeedbackAdminScreen({ path }: { path: string }) {
  const t = useT();
  const { me } = useSession();
  const may = feedbackAccess(me);
  const rest = path.slice(FEEDBACK_ADMIN.length).replace(/^\//, '');
  const request = /^data-requests\/(\d{1,9})$/.exec(rest);
  const view: View | null = rest === '' ? 'templates' : request ? 'data-requests'
    : (['templates', 'topics', 'deadlines', 'calendar', 'partners', 'import', 'data-requests'] as const).find((v) => v === rest) ?? null;

  const tabs: { view: View; label: string; show: boolean }[] = [
    { view: 'templates', label: t('ui.fbadmin.tab.templates'), show: true },
    { view: 'topics', label: t('ui.fbadmin.tab.topics'), show: true },
    { view: 'deadlines', label: t('ui.fbadmin.tab.deadlines'), show: true },
    { view: 'calendar', label: t('ui.fbadmin.tab.calendar'), show: true },
    { view: 'partners', label: t('ui.fbadmin.tab.partners'), show: may.configure },
    { view: 'import', label: t('ui.fbadmin.tab.import'), show: may.enter },
    { view: 'data-requests', label: t('ui.fbadmin.tab.data_requests'), show: may.contact },
  ];
  const current = tabs.find((x) => x.view === view);

  // A new view moves focus to its heading, so keyboard and screen-reader users land on what they opened.
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus({ preventScroll: true });
  }, [path]);

  return (
    <div className="fba">
      <section className="panel fba-head" aria-labelledby="fba-title">
        <h1 id="fba-title">{t('ui.fbadmin.title')}</h1>
        <nav aria-label={t('ui.fbadmin.tabs')} className="tabs fba-tabs">
          <ul>
            {tabs.filter((x) => x.show).map((x) => (
              <li key={x.view}>
                <Link to={`${FEEDBACK_ADMIN}/${x.view}`} current={x.view === view}>{x.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
      </section>
      <section className="panel fba-body" aria-labelledby="fba-view">
        {view && current ? (
          <>
            <h2 id="fba-view" ref={heading} tabIndex={-1}>{current.label}</h2>
            {view === 'templates' && <TemplatesTab />}
            {view === 'topics' && <TopicsTab />}
            {view === 'deadlines' && <DeadlinesTab />}
            {view === 'calendar' && <CalendarTab />}
            {view === 'partners' && <PartnersTab />}
            {view === 'import' && <ImportTab />}
            {view === 'data-requests' && (request ? <DataRequestView key={request[1]} id={Number(request[1])} /> : <DataRequestsTab />)}
          </>
        ) : (
          <h2 id="fba-view">{t('errors.not_found')}</h2>
        )}
      </section>
    </div>
  );
}
