// Planning a new conference: the plan form on its own page; once saved, the conference opens on its plan.
import { useT } from '../i18n.ts';
import { navigate } from '../router.ts';
import { Link } from '../ui/Link.tsx';
import { conferencePath } from './model.ts';
import { PlanForm } from './PlanForm.tsx';
import './conferences.css';

export function NewConferenceScreen() {
  const t = useT();
  return (
    <div className="conf">
      <section className="panel conf-new" aria-labelledby="conf-new-title">
        <p className="conf-back"><Link to="/conferences">← {t('ui.conf.back')}</Link></p>
        <h1 id="conf-new-title">{t('ui.conf.plan_new')}</h1>
        <PlanForm onSaved={(c) => navigate(conferencePath(c.id, 'plan') + '&created=1')} onCancel={() => navigate('/conferences')} />
      </section>
    </div>
  );
}
