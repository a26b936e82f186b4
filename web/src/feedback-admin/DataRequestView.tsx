// One data-subject request with the data held about its person (opening it is a logged view of personal data),
// and answering it: do what was asked (give the data held, correct it, delete it, restrict or note the objection)
// or refuse with a reason. The answer goes to the contact on file; the server records the step in the audit log.
import { Fragment, useState, type FormEvent } from 'react';
import { ApiError, request } from '../api.ts';
import { formatDate, formatDateTime, todayVN } from '../dates.ts';
import { useT } from '../i18n.ts';
import { ErrorBanner, Notice, fieldErrors } from '../ui/Alert.tsx';
import { TextField } from '../ui/Field.tsx';
import { Link } from '../ui/Link.tsx';
import { useLoad, useSubmit } from '../ui/useAsync.ts';
import { formatTrackingCode, type DataRequestDetail, type DataRequestState, type HeldData } from './model.ts';
import { FEEDBACK_ADMIN } from './paths.ts';

type Corr = { fullName: string; phone: string; email: string; address: string };

interface Completed {
  state: DataRequestState;
  answer: string | null;
  changed: string[];
  /** What the server now holds for the corrected fields (null: cleared). */
  corrections: Partial<Record<keyof Corr, string | null>>;
  /** The data provided to the citizen ('see'), as the server read it. */
  data: HeldData | null;
}

export function DataRequestView({ id }: { id: number }) {
  const t = useT();
  // One GET per opening: each is a logged view, so nothing here reloads it behind the user's back.
  const load = useLoad(() => request<DataRequestDetail>('GET', `/api/feedback-data-requests/${id}`), [id]);
  const [completed, setCompleted] = useState<Completed | null>(null);
  const d = load.data;
  const back = <p className="fba-back"><Link to={`${FEEDBACK_ADMIN}/data-requests`}>← {t('ui.fbadmin.dr.back')}</Link></p>;

  if (load.error) return <>{back}<ErrorBanner error={load.error} /></>;
  if (!d) return <>{back}<p role="status">{t('ui.loading')}</p></>;
  const state = completed?.state ?? d.state;
  const answer = completed ? completed.answer : d.answer;
  const overdue = state === 'open' && !!d.dueOn && d.dueOn < todayVN();
  // After an answer, show what is held now: the corrections applied, or nothing left after a deletion.
  const held: HeldData | null = !d.data || !completed || completed.state === 'refused' ? d.data
    : d.kind === 'delete' ? { ...d.data, fullName: null, phone: null, email: null, address: null, roleTitle: null, organisation: null, anonymisedAt: new Date().toISOString() }
      : { ...(completed.data ?? d.data), ...completed.corrections };

  return (
    <div className="fba-dr-view">
      {back}
      <div className="fba-dr-title">
        <h3>{t('ui.fbadmin.dr.title', { kind: t(`ui.fbadmin.dr.kind.${d.kind}`) })}</h3>
        <span className={`tag fba-state-${state}`} data-state={state}>{t(`ui.fbadmin.dr.state.${state}`)}</span>
        {overdue && <span className="tag fba-overdue">{t('ui.fbadmin.dr.overdue')}</span>}
      </div>
      {completed && (
        <Notice>{t(completed.state === 'refused' ? 'ui.fbadmin.dr.refused_done' : 'ui.fbadmin.dr.completed_done')
          + (completed.changed.length ? ` ${t('ui.fbadmin.dr.changed', { list: completed.changed.map((c) => t(`ui.fbadmin.dr.col.${c}`)).join(', ') })}` : '')}</Notice>
      )}
      <p className="alert warn" data-testid="view-logged">{t('ui.fbadmin.dr.view_logged')}</p>
      <dl className="facts">
        <dt>{t('ui.fbadmin.dr.item')}</dt>
        <dd><Link to={`/feedback/${d.itemId}`}><code>{formatTrackingCode(d.trackingCode)}</code></Link></dd>
        <dt>{t('ui.fbadmin.dr.received')}</dt><dd>{formatDateTime(d.receivedAt)}</dd>
        <dt>{t('ui.fbadmin.dr.due')}</dt>
        <dd>{d.dueOn ? formatDate(d.dueOn) : '—'}{overdue && <strong className="fba-overdue-text"> — {t('ui.fbadmin.dr.overdue')}</strong>}</dd>
        {d.withdraw && <><dt>{t('ui.fbadmin.dr.withdraw_label')}</dt><dd>{t(`ui.feedback.consent.${d.withdraw}`)}</dd></>}
        {d.details && <><dt>{t('ui.fbadmin.dr.details')}</dt><dd className="fba-pre">{d.details}</dd></>}
        {(d.answeredAt || completed) && <><dt>{t('ui.fbadmin.dr.answered')}</dt><dd>{d.answeredAt ? formatDateTime(d.answeredAt) : t('ui.fbadmin.dr.just_now')}</dd></>}
        {answer && <><dt>{t('ui.fbadmin.dr.answer')}</dt><dd className="fba-pre">{answer}</dd></>}
      </dl>
      <Held data={held} />
      {state === 'open' && !completed && <CompleteForm req={d} onDone={setCompleted} />}
    </div>
  );
}

function Held({ data }: { data: HeldData | null }) {
  const t = useT();
  return (
    <section className="fba-held" aria-labelledby="held-title">
      <h3 id="held-title">{t('ui.fbadmin.dr.held')}</h3>
      {!data && <p className="muted">{t('ui.fbadmin.dr.no_person')}</p>}
      {data?.anonymisedAt && <p className="alert ok">{t('ui.fbadmin.dr.anonymised', { at: formatDateTime(data.anonymisedAt) })}</p>}
      {data && !data.anonymisedAt && (
        <>
          <dl className="facts">
            {(['fullName', 'phone', 'email', 'address', 'roleTitle', 'organisation'] as const).map((k) => (
              <Fragment key={k}>
                <dt>{t(`ui.fbadmin.dr.col.${k}`)}</dt><dd>{data[k] ?? '—'}</dd>
              </Fragment>
            ))}
          </dl>
          <h4>{t('ui.fbadmin.dr.consents')}</h4>
          {data.consents.length === 0 ? <p className="muted">{t('ui.fbadmin.dr.no_consents')}</p> : (
            <ul className="fba-plain">
              {data.consents.map((c, i) => (
                <li key={i}>
                  {t(`ui.feedback.consent.${c.purpose}`)} — {t('ui.fbadmin.dr.consent_given', { at: formatDateTime(c.givenAt), version: c.textVersion })}
                  {c.withdrawnAt && <strong> {t('ui.fbadmin.dr.consent_withdrawn', { at: formatDateTime(c.withdrawnAt) })}</strong>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {data && data.items.length > 0 && (
        <>
          <h4>{t('ui.fbadmin.dr.items')}</h4>
          <ul className="fba-plain">
            {data.items.map((i) => (
              <li key={i.trackingCode}>
                <code>{formatTrackingCode(i.trackingCode)}</code> · {t('ui.fbadmin.dr.register', { no: i.register.no, year: i.register.year })} · {formatDate(i.receivedOn)} — {i.summary}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function CompleteForm({ req: d, onDone }: { req: DataRequestDetail; onDone: (c: Completed) => void }) {
  const t = useT();
  const [refuse, setRefuse] = useState(false);
  const [answer, setAnswer] = useState('');
  const initial: Corr = { fullName: d.data?.fullName ?? '', phone: d.data?.phone ?? '', email: d.data?.email ?? '', address: d.data?.address ?? '' };
  const [corr, setCorr] = useState<Corr>(initial);
  const { busy, error, run } = useSubmit();
  const errs = fieldErrors(error);
  const answerRequired = refuse || d.kind === 'restrict' || d.kind === 'object';
  const correcting = !refuse && d.kind === 'correct';
  const setC = (k: keyof Corr) => (v: string) => setCorr((c) => ({ ...c, [k]: v }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      if (answerRequired && !answer.trim()) throw new ApiError(400, 'validation', t('errors.validation'), { answer: t('validation.required') });
      // Only what was changed is sent: an emptied field is cleared, an untouched one stays as it is.
      const corrections = correcting
        ? Object.fromEntries((Object.keys(corr) as (keyof Corr)[]).filter((k) => corr[k].trim() !== initial[k]).map((k) => [k, corr[k].trim() || null]))
        : null;
      if (correcting && corrections && Object.keys(corrections).length === 0) {
        throw new ApiError(400, 'validation', t('errors.validation'), { corrections: t('ui.fbadmin.dr.nothing_changed') });
      }
      const question = refuse ? 'ui.fbadmin.dr.confirm_refuse' : d.kind === 'delete' ? 'ui.fbadmin.dr.confirm_delete' : null;
      if (question && !window.confirm(t(question))) return;
      const r = await request<{ state: DataRequestState; answer: string | null; changed: string[]; data: HeldData | null }>('POST', `/api/feedback-data-requests/${d.id}/complete`, {
        answer: answer.trim() || null, refuse, ...(corrections ? { corrections } : {}),
      });
      onDone({
        state: r.state, answer: r.answer, data: r.data, corrections: corrections ?? {},
        changed: r.changed.map((c) => ({ full_name: 'fullName', role_title: 'roleTitle' }[c] ?? c)),
      });
    });
  };

  return (
    <form className="fba-complete" onSubmit={submit} noValidate aria-labelledby="complete-title">
      <h3 id="complete-title">{t('ui.fbadmin.dr.complete_title')}</h3>
      <ErrorBanner error={error} />
      {errs.state && <p className="field-error">{errs.state}</p>}
      <fieldset className="rate-choices fba-choice">
        <legend>{t('ui.fbadmin.dr.how')}</legend>
        <label className="radio"><input type="radio" name="dr-how" checked={!refuse} onChange={() => setRefuse(false)} /> {t(`ui.fbadmin.dr.do.${d.kind}`)}</label>
        <label className="radio"><input type="radio" name="dr-how" checked={refuse} onChange={() => setRefuse(true)} /> {t('ui.fbadmin.dr.do_refuse')}</label>
      </fieldset>
      <p className="hint fba-effect">{refuse ? t('ui.fbadmin.dr.effect.refuse') : t(`ui.fbadmin.dr.effect.${d.kind}`)}</p>
      {!refuse && d.kind === 'delete' && <p className="alert warn">{t('ui.fbadmin.dr.delete_warn')}</p>}
      {correcting && (
        <fieldset className="fba-corrections" aria-describedby={`corr-hint${errs.corrections ? ' corr-err' : ''}`}>
          <legend>{t('ui.fbadmin.dr.corrections')}</legend>
          <p id="corr-hint" className="hint">{t('ui.fbadmin.dr.corrections_hint')}</p>
          {errs.corrections && <p id="corr-err" className="field-error">{errs.corrections}</p>}
          <div className="form-grid">
            <TextField label={t('ui.fbadmin.dr.col.fullName')} value={corr.fullName} onChange={setC('fullName')} error={errs['corrections.fullName']} autoComplete="off" />
            <TextField label={t('ui.fbadmin.dr.col.phone')} type="tel" value={corr.phone} onChange={setC('phone')} error={errs['corrections.phone']} autoComplete="off" />
            <TextField label={t('ui.fbadmin.dr.col.email')} type="email" value={corr.email} onChange={setC('email')} error={errs['corrections.email']} autoComplete="off" />
            <TextField label={t('ui.fbadmin.dr.col.address')} value={corr.address} onChange={setC('address')} error={errs['corrections.address']} autoComplete="off" />
          </div>
        </fieldset>
      )}
      <TextField label={refuse ? t('ui.fbadmin.dr.reason') : t('ui.fbadmin.dr.answer_label')} multiline value={answer} onChange={setAnswer}
        required={answerRequired} error={errs.answer} hint={answerRequired ? t('ui.fbadmin.dr.answer_sent') : t('ui.fbadmin.dr.answer_default')} />
      <div className="form-actions">
        <button type="submit" className={refuse ? 'danger' : 'primary'} disabled={busy}>
          {busy ? t('ui.busy') : refuse ? t('ui.fbadmin.dr.submit_refuse') : t('ui.fbadmin.dr.submit_complete')}
        </button>
      </div>
    </form>
  );
}
