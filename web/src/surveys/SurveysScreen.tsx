// Surveys: the campaigns in the user's scope (state, period, dates), the questionnaires, and for managers
// the form that starts a new campaign.
import { useState } from 'react';
import { request } from '../api.ts';
import { formatDate } from '../dates.ts';
import { useT } from '../i18n.ts';
import { navigate } from '../router.ts';
import { useSession } from '../session.ts';
import type { CampaignRow, QuestionnaireRow } from '../types.ts';
import { ErrorBanner } from '../ui/Alert.tsx';
import { Link } from '../ui/Link.tsx';
import { useLoad } from '../ui/useAsync.ts';
import { CampaignForm } from './CampaignForm.tsx';
import { StateBadge } from './StateBadge.tsx';
import { managedUnits } from './manage.ts';
import { XlsformCreate } from './XlsformActions.tsx';

export function SurveysScreen() {
  const t = useT();
  const { me } = useSession();
  const [creating, setCreating] = useState(false);
  const campaigns = useLoad(() => request<{ campaigns: CampaignRow[] }>('GET', '/api/campaigns'), []);
  const questionnaires = useLoad(() => request<{ questionnaires: QuestionnaireRow[] }>('GET', '/api/questionnaires'), []);
  const canCreate = managedUnits(me).length > 0;

  return (
    <div className="surveys">
      <section className="panel" aria-labelledby="campaigns-title">
        <div className="panel-head">
          <h1 id="campaigns-title">{t('ui.surveys.campaigns')}</h1>
          {canCreate && !creating && <button type="button" className="primary" onClick={() => setCreating(true)}>{t('ui.surveys.new_campaign')}</button>}
        </div>
        {creating && questionnaires.data && campaigns.data && (
          <div className="create-box">
            <h2>{t('ui.surveys.new_campaign')}</h2>
            <CampaignForm questionnaires={questionnaires.data.questionnaires} campaigns={campaigns.data.campaigns}
              onCancel={() => setCreating(false)} onCreated={(id) => navigate(`/surveys/campaigns/${id}`)} />
          </div>
        )}
        <ErrorBanner error={campaigns.error} />
        {campaigns.loading && !campaigns.data && <p role="status">{t('ui.loading')}</p>}
        {campaigns.data && campaigns.data.campaigns.length === 0 && <p className="muted">{t('ui.surveys.no_campaigns')}</p>}
        {campaigns.data && campaigns.data.campaigns.length > 0 && (
          <div className="table-wrap">
            <table className="stack campaign-table">
              <thead>
                <tr><th scope="col">{t('ui.surveys.campaign')}</th><th scope="col">{t('ui.surveys.period')}</th><th scope="col">{t('ui.surveys.state_col')}</th><th scope="col">{t('ui.surveys.dates')}</th></tr>
              </thead>
              <tbody>
                {campaigns.data.campaigns.map((c) => (
                  <tr key={c.id} data-campaign={c.id}>
                    <td data-label={t('ui.surveys.campaign')}><Link to={`/surveys/campaigns/${c.id}/results`}>{c.name}</Link></td>
                    <td data-label={t('ui.surveys.period')}>{c.period}</td>
                    <td data-label={t('ui.surveys.state_col')}><StateBadge state={c.state} /></td>
                    <td data-label={t('ui.surveys.dates')} className="nowrap">{formatDate(c.opensOn)} – {formatDate(c.closesOn)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="qn-title">
        <div className="panel-head">
          <h2 id="qn-title">{t('ui.surveys.questionnaires')}</h2>
        </div>
        <XlsformCreate onCreated={questionnaires.reload} />
        <ErrorBanner error={questionnaires.error} />
        {questionnaires.loading && !questionnaires.data && <p role="status">{t('ui.loading')}</p>}
        {questionnaires.data && questionnaires.data.questionnaires.length === 0 && <p className="muted">{t('ui.surveys.no_questionnaires')}</p>}
        <ul className="qn-list">
          {questionnaires.data?.questionnaires.map((q) => {
            const latest = q.versions.at(-1);
            return (
              <li key={q.id}>
                <Link to={`/surveys/questionnaires/${q.id}`}><code>{q.code}</code> {latest?.title}</Link>
                <span className="qn-versions">
                  {q.versions.map((v) => (
                    <span key={v.id} className={`tag version-${v.status}`}>{t('ui.surveys.version_n', { n: v.version })} · {t(`ui.surveys.version_status.${v.status}`)}</span>
                  ))}
                </span>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
