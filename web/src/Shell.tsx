// The frame around every signed-in screen: a skip link, the header bar (menus the user's `can` allows, who
// they are and their grants, language, password, sign out) and the main region.
import type { ReactNode } from 'react';
import { useT } from './i18n.ts';
import { useSession } from './session.ts';
import { useRoute } from './router.ts';
import { Link } from './ui/Link.tsx';
import { LangSwitch } from './LangSwitch.tsx';

export function Shell({ children }: { children: ReactNode }) {
  const t = useT();
  const { me, logout } = useSession();
  const { path } = useRoute();
  const menu = [
    { to: '/units', label: t('ui.nav.units'), show: true, active: path === '/' || path.startsWith('/units') },
    { to: '/surveys', label: t('ui.nav.surveys'), show: true, active: path.startsWith('/surveys') },
    { to: '/keying', label: t('ui.keying.nav'), show: !!me.can.enterSurveys, active: path.startsWith('/keying') },
    { to: '/feedback?open=1', label: t('ui.nav.feedback'), show: !!me.can.readFeedback, active: path === '/feedback' || path.startsWith('/feedback/') },
    // Feedback settings: /me has no configure flag; every role that configures, imports or answers data requests may enter.
    { to: '/feedback-admin', label: t('ui.fbadmin.nav'), show: !!me.can.enterFeedback, active: path === '/feedback-admin' || path.startsWith('/feedback-admin/') },
    { to: '/conferences', label: t('ui.nav.conferences'), show: !!me.can.readConferences, active: path === '/conferences' || path.startsWith('/conferences/') },
    { to: '/work-results', label: t('ui.nav.work_results'), show: !!me.can.readWorkResults, active: path === '/work-results' || path.startsWith('/work-results/') },
    { to: '/documents', label: t('ui.nav.documents'), show: !!me.can.readDocuments, active: path === '/documents' || path.startsWith('/documents/') },
    { to: '/users', label: t('ui.nav.users'), show: me.can.readUsers, active: path === '/users' },
    { to: '/audit', label: t('ui.nav.audit'), show: me.can.readAudit, active: path === '/audit' },
  ].filter((m) => m.show);

  return (
    <>
      <a href="#main" className="skip-link">{t('ui.skip')}</a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">LN</span>
          <span className="brand-name">{t('ui.app.name')}</span>
        </div>
        <nav aria-label={t('ui.nav.label')} className="mainnav">
          <ul>
            {menu.map((m) => (
              <li key={m.to}><Link to={m.to} current={m.active}>{m.label}</Link></li>
            ))}
          </ul>
        </nav>
        <div className="whoami">
          <p className="who-name" data-testid="user-name">{me.user.fullName}</p>
          <ul className="grants" aria-label={t('ui.header.grants')}>
            {me.grants.map((g) => (
              <li key={`${g.role}-${g.unitId}`}>
                <span className={`role role-${g.role}`}>{t(`role.${g.role}`)}</span> {g.unitName}
              </li>
            ))}
          </ul>
        </div>
        <div className="topbar-actions">
          <LangSwitch />
          <Link to="/password" className="button-link">{t('ui.password.short')}</Link>
          <button type="button" onClick={() => void logout()}>{t('ui.logout')}</button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
    </>
  );
}
