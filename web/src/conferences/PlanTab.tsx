// The plan as it stands (facts, co-organisers, agenda, presiding and secretary), editing it, and the steps of
// the conference's life the user's role allows: it took place (hold), cancel, back to planned (with a reason).
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, request } from '../api.ts';
import { formatDate, formatDateTime } from '../dates.ts';
import { useT } from '../i18n.ts';
import { navigate } from '../router.ts';
import { ErrorBanner, Notice } from '../ui/Alert.tsx';
import { TextField } from '../ui/Field.tsx';
import { useSubmit } from '../ui/useAsync.ts';
import { conferencePath, dayOf, formatTime, type Conference } from './model.ts';
import { PlanForm } from './PlanForm.tsx';
import { LooseFieldErrors } from './bits.tsx';

type StateAction = 'hold' | 'cancel' | 'reopen';

export function PlanTab({ conference: c, onChanged, created }: { conference: Conference; onChanged: () => void; created: boolean }) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(created ? t('ui.conf.created') : null);
  const [asking, setAsking] = useState<StateAction | null>(null);
  const [reason, setReason] = useState('');
  const step = useSubmit();
  // The "planned" notice shows once: the address loses ?created=1 so a reload does not repeat it.
  useEffect(() => {
    if (created) navigate(conferencePath(c.id, 'plan'), true);
  }, [created, c.id]);
  const canPlan = c.allowed.includes('plan');
  const canPublish = c.allowed.includes('publish');
  // Who may take each step (src/commands/conferences/state.ts): hold — run; cancel — publish; reopen — plan.
  const actions: StateAction[] = [];
  if (c.state === 'planned' && c.allowed.includes('run')) actions.push('hold');
  if (c.state === 'planned' && canPublish) actions.push('cancel');
  if (c.state !== 'planned' && canPlan) actions.push('reopen');

  const doStep = (action: StateAction, e?: FormEvent) => {
    e?.preventDefault();
    void step.run(async () => {
      if (action === 'reopen' && !reason.trim()) throw new ApiError(400, 'validation', t('errors.validation'), { reason: t('validation.required') });
      await request('POST', `/api/conferences/${c.id}/state`, { action, reason: reason.trim() || undefined });
      setAsking(null);
      setReason('');
      setNotice(t(`ui.conf.step_done.${action}`));
      onChanged();
    });
  };

  if (editing) {
    return <PlanForm conference={c} onCancel={() => setEditing(false)} onSaved={() => {
      setEditing(false);
      setNotice(t('ui.conf.saved'));
      onChanged();
    }} />;
  }
  return (
    <div className="conf-plan">
      <Notice>{notice}</Notice>
      <div className="conf-plan-grid">
        <div>
          <dl className="facts">
            <dt>{t('ui.conf.unit')}</dt><dd>{c.unitName}</dd>
            <dt>{t('ui.conf.period')}</dt><dd>{c.period}</dd>
            <dt>{t('ui.conf.date')}</dt><dd>{formatDate(dayOf(c))}, {formatTime(c.startsAt)}–{formatTime(c.endsAt)}</dd>
            <dt>{t('ui.conf.venue')}</dt><dd data-testid="venue">{c.venue}</dd>
            <dt>{t('ui.conf.campaign')}</dt><dd>{c.campaignName ?? <span className="muted">—</span>}</dd>
            <dt>{t('ui.conf.co_organisers')}</dt><dd>{c.coOrganisers.length ? c.coOrganisers.join('; ') : <span className="muted">—</span>}</dd>
            <dt>{t('ui.conf.presiding')}</dt><dd>{c.presiding ? `${c.presiding.name}${c.presiding.title ? ` — ${c.presiding.title}` : ''}` : <span className="muted">—</span>}</dd>
            <dt>{t('ui.conf.secretary')}</dt><dd>{c.secretary ? `${c.secretary.name}${c.secretary.title ? ` — ${c.secretary.title}` : ''}` : <span className="muted">—</span>}</dd>
            {c.publishedAt && <><dt>{t('ui.conf.published_at')}</dt><dd>{formatDateTime(c.publishedAt)}</dd></>}
          </dl>
        </div>
        <div>
          <h3>{t('ui.conf.agenda')}</h3>
          {c.agenda.length === 0 ? <p className="muted">{t('ui.conf.agenda.none')}</p> : (
            <ol className="conf-agenda-view">
              {c.agenda.map((a, i) => (
                <li key={i}>
                  {a.time && <span className="conf-agenda-at">{a.time}</span>} <span>{a.title}</span>
                  {a.presenter && <span className="muted"> — {a.presenter}</span>}
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
      <ErrorBanner error={asking ? null : step.error} />
      {!asking && <LooseFieldErrors error={step.error} names={['action', 'state']} />}
      <div className="form-actions conf-plan-actions">
        {canPlan && <button type="button" onClick={() => setEditing(true)}>{t('ui.conf.plan_edit')}</button>}
        {actions.map((a) => (
          <button key={a} type="button" className={a === 'hold' ? 'primary' : a === 'cancel' ? 'danger' : ''} aria-expanded={asking === a}
            onClick={() => (a === 'hold' ? doStep(a) : setAsking(asking === a ? null : a))} disabled={step.busy}>
            {t(`ui.conf.step.${a}`)}
          </button>
        ))}
      </div>
      {asking && asking !== 'hold' && (
        <form className="conf-step-form" onSubmit={(e) => doStep(asking, e)} noValidate>
          <ErrorBanner error={step.error} />
          <p className="hint">{t(`ui.conf.step_hint.${asking}`)}</p>
          <TextField label={t('ui.conf.reason')} value={reason} onChange={setReason} required={asking === 'reopen'} error={step.error instanceof ApiError ? step.error.fields.reason : undefined} />
          <div className="form-actions">
            <button type="submit" className={asking === 'cancel' ? 'danger' : 'primary'} disabled={step.busy}>{step.busy ? t('ui.busy') : t(`ui.conf.step_confirm.${asking}`)}</button>
            <button type="button" onClick={() => setAsking(null)}>{t('ui.conf.cancel_edit')}</button>
          </div>
        </form>
      )}
    </div>
  );
}
