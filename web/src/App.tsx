// The console's root: language, session (GET /api/auth/me on load), and which screen the route shows.
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, listenSession, request, setCsrfToken } from './api.ts';
import { LangContext, initialLang, rememberLang, translate, useT, type Lang } from './i18n.ts';
import { SessionContext, type Session } from './session.ts';
import { useRoute } from './router.ts';
import type { Me } from './types.ts';
import { Login } from './Login.tsx';
import { ChangePassword } from './ChangePassword.tsx';
import { Shell } from './Shell.tsx';
import { ErrorBanner } from './ui/Alert.tsx';
import { ScreenBoundary } from './ui/ScreenBoundary.tsx';

// Each screen is its own chunk, loaded when first shown: the console's first load is the shell, the session and the
// language, not every screen's code (one bundle was 820 kB minified).
const UnitsScreen = lazy(() => import('./units/UnitsScreen.tsx').then((m) => ({ default: m.UnitsScreen })));
const UsersScreen = lazy(() => import('./users/UsersScreen.tsx').then((m) => ({ default: m.UsersScreen })));
const AuditScreen = lazy(() => import('./audit/AuditScreen.tsx').then((m) => ({ default: m.AuditScreen })));
const SurveysScreen = lazy(() => import('./surveys/SurveysScreen.tsx').then((m) => ({ default: m.SurveysScreen })));
const CampaignScreen = lazy(() => import('./surveys/CampaignScreen.tsx').then((m) => ({ default: m.CampaignScreen })));
const QuestionnaireScreen = lazy(() => import('./surveys/QuestionnaireScreen.tsx').then((m) => ({ default: m.QuestionnaireScreen })));
const KeyingScreen = lazy(() => import('./keying/KeyingScreen.tsx').then((m) => ({ default: m.KeyingScreen })));
const ResolveScreen = lazy(() => import('./keying/ResolveScreen.tsx').then((m) => ({ default: m.ResolveScreen })));
const RegisterScreen = lazy(() => import('./feedback/RegisterScreen.tsx').then((m) => ({ default: m.RegisterScreen })));
const EntryScreen = lazy(() => import('./feedback/EntryScreen.tsx').then((m) => ({ default: m.EntryScreen })));
const ItemScreen = lazy(() => import('./feedback/ItemScreen.tsx').then((m) => ({ default: m.ItemScreen })));
const FeedbackAdminScreen = lazy(() => import('./feedback-admin/FeedbackAdminScreen.tsx').then((m) => ({ default: m.FeedbackAdminScreen })));
const WorkResultsScreen = lazy(() => import('./work-results/WorkResultsScreen.tsx').then((m) => ({ default: m.WorkResultsScreen })));
const ConferencesScreen = lazy(() => import('./conferences/ConferencesScreen.tsx').then((m) => ({ default: m.ConferencesScreen })));
const NewConferenceScreen = lazy(() => import('./conferences/NewConferenceScreen.tsx').then((m) => ({ default: m.NewConferenceScreen })));
const ConferenceScreen = lazy(() => import('./conferences/ConferenceScreen.tsx').then((m) => ({ default: m.ConferenceScreen })));
const ConferenceOverviewScreen = lazy(() => import('./conferences/OverviewScreen.tsx').then((m) => ({ default: m.OverviewScreen })));
const DocumentsScreen = lazy(() => import('./documents/DocumentsScreen.tsx').then((m) => ({ default: m.DocumentsScreen })));

type State = { kind: 'loading' } | { kind: 'anon' } | { kind: 'error'; error: unknown } | { kind: 'in'; me: Me };

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [mustChange, setMustChange] = useState(false);
  const route = useRoute();

  const setLang = useCallback((l: Lang) => {
    rememberLang(l);
    setLangState(l);
  }, []);

  const loadMe = useCallback(async () => {
    try {
      const me = await request<Me>('GET', '/api/auth/me');
      setCsrfToken(me.csrfToken);
      setMustChange(me.user.mustChangePassword);
      setState({ kind: 'in', me });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setState({ kind: 'anon' });
      else setState({ kind: 'error', error: e });
    }
  }, []);

  useEffect(() => {
    rememberLang(lang);
    // Any screen's 401 or 403 password_change_required brings back the right form.
    listenSession((ev) => (ev === 'unauthenticated' ? setState({ kind: 'anon' }) : setMustChange(true)));
    void loadMe();
  }, []); // once, on mount: lang and loadMe are only read for the first load

  useEffect(() => {
    document.title = translate(lang, 'ui.app.title');
  }, [lang]);

  const session = useMemo<Session | null>(() => state.kind !== 'in' ? null : {
    me: state.me,
    refresh: loadMe,
    logout: async () => {
      await request('POST', '/api/auth/logout').catch(() => undefined);
      setCsrfToken(null);
      setState({ kind: 'anon' });
    },
  }, [state, loadMe]);

  // The session being read, and a screen's code on its first use.
  const loading = <p role="status" className="loading-page">{translate(lang, 'ui.loading')}</p>;
  let body;
  if (state.kind === 'loading') body = loading;
  else if (state.kind === 'anon') body = <Login onSignedIn={loadMe} />;
  else if (state.kind === 'error') body = <main className="narrow"><ErrorBanner error={state.error} /></main>;
  else body = (
    <SessionContext.Provider value={session}>
      <Shell>
        {mustChange ? <ChangePassword required onDone={loadMe} /> : (
          <ScreenBoundary path={route.path}>
            <Suspense fallback={loading}><Screen me={state.me} path={route.path} /></Suspense>
          </ScreenBoundary>
        )}
      </Shell>
    </SessionContext.Provider>
  );
  return <LangContext.Provider value={{ lang, setLang }}>{body}</LangContext.Provider>;
}

/** The screen for the current path; menus hide what `can` forbids, and so does this. */
function Screen({ me, path }: { me: Me; path: string }) {
  const unit = /^\/units\/(\d+)$/.exec(path);
  if (path === '/' || path === '/units' || unit) return <UnitsScreen selectedId={unit ? Number(unit[1]) : null} />;
  // Surveys are readable with any role (src/core/policy/surveys.ts): campaigns, results, questionnaires.
  const campaign = /^\/surveys\/campaigns\/(\d+)(\/results|\/paper)?$/.exec(path);
  const questionnaire = /^\/surveys\/questionnaires\/(\d+)$/.exec(path);
  if (path === '/surveys') return <SurveysScreen />;
  if (campaign) return <CampaignScreen key={campaign[1]} id={Number(campaign[1])} view={campaign[2] === '/results' ? 'results' : campaign[2] === '/paper' ? 'paper' : 'units'} />;
  if (questionnaire) return <QuestionnaireScreen key={questionnaire[1]} id={Number(questionnaire[1])} />;
  // Paper sheets: keyed by whoever may enter responses; disagreements resolved by a manager.
  const resolve = /^\/keying\/resolve\/([0-9A-Za-z-]{1,20})$/.exec(path);
  if (path === '/keying' && me.can.enterSurveys) return <KeyingScreen />;
  if (resolve && me.can.manageSurveys) return <ResolveScreen key={resolve[1]} sheetId={resolve[1]!} />;
  // The feedback register: the list, officer entry, one item (the server answers 404 outside the user's scope).
  const feedbackItem = /^\/feedback\/(\d{1,9})$/.exec(path);
  if (path === '/feedback' && me.can.readFeedback) return <RegisterScreen />;
  if (path === '/feedback/new' && me.can.enterFeedback) return <EntryScreen />;
  if (feedbackItem && me.can.readFeedback) return <ItemScreen key={feedbackItem[1]} id={Number(feedbackItem[1])} />;
  // Feedback settings: templates, deadlines, calendar, partners, import, data requests (tabs by role; the API decides).
  if ((path === '/feedback-admin' || path.startsWith('/feedback-admin/')) && me.can.readFeedback) return <FeedbackAdminScreen path={path} />;
  // Conferences (hội nghị lắng nghe ý kiến Nhân dân): list, planning, one conference with its tabs, the province's view.
  const conference = /^\/conferences\/(\d{1,9})$/.exec(path);
  if (path === '/conferences' && me.can.readConferences) return <ConferencesScreen />;
  if (path === '/conferences/new' && me.can.planConferences) return <NewConferenceScreen />;
  if (path === '/conferences/overview' && me.can.readConferences) return <ConferenceOverviewScreen />;
  if (conference && me.can.readConferences) return <ConferenceScreen key={conference[1]} id={Number(conference[1])} />;
  // Work results: figures per unit and period beside last year's, import, indicators.
  if ((path === '/work-results' || path.startsWith('/work-results/')) && me.can.readWorkResults) return <WorkResultsScreen path={path} />;
  // Official documents: issued ones with the unit's header; one draft in the editor (the API answers 404 outside the scope).
  const documentDraft = /^\/documents\/drafts\/(\d{1,9})$/.exec(path);
  if (path === '/documents' && me.can.readDocuments) return <DocumentsScreen />;
  if (documentDraft && me.can.readDocuments) return <DocumentsScreen key={documentDraft[1]} draftId={Number(documentDraft[1])} />;
  if (path === '/users' && me.can.readUsers) return <UsersScreen />;
  if (path === '/audit' && me.can.readAudit) return <AuditScreen />;
  if (path === '/password') return <ChangePassword />;
  return <NotFound />;
}

function NotFound() {
  const t = useT();
  return <div className="panel"><h1>{t('errors.not_found')}</h1></div>;
}
