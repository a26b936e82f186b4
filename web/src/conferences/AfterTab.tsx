// After the conference: what was reported and concluded (for the minutes), people who came without being on
// the list, the follow-up of every opinion raised (state, due date, overdue and due-soon badges, as the
// register shows them) and the public summary — published by a leader to the page /hn/<code>.
import { useState, type FormEvent } from 'react';
import { ApiError, request } from '../api.ts';
import { formatDate, formatDateTime } from '../dates.ts';
import { useT } from '../i18n.ts';
import { ErrorBanner, Notice, fieldErrors } from '../ui/Alert.tsx';
import { Link } from '../ui/Link.tsx';
import { useLoad, useSubmit } from '../ui/useAsync.ts';
import { DueText, StateBadge, TextArea } from '../feedback/bits.tsx';
import { useLabels, useTopics } from '../feedback/labels.ts';
import type { FeedbackOutcome, FeedbackState } from '../feedback/model.ts';
import { NumberField } from './bits.tsx';
import type { Conference, FollowUp } from './model.ts';

export function AfterTab({ conference: c, onChanged }: { conference: Conference; onChanged: () => void }) {
  const t = useT();
  const L = useLabels(useTopics());
  const follow = useLoad(() => request<FollowUp>('GET', `/api/conferences/${c.id}/follow-up`), [c.id]);
  const [f, setF] = useState({ proceedings: c.proceedings ?? '', conclusion: c.conclusion ?? '', extraAttendance: String(c.extraAttendance ?? 0) });
  const [summary, setSummary] = useState(c.publicSummary ?? '');
  const [notice, setNotice] = useState<string | null>(null);
  const save = useSubmit();
  const publish = useSubmit();
  const errs = fieldErrors(save.error);
  const pubErrs = fieldErrors(publish.error);
  const canPlan = c.allowed.includes('plan') || c.allowed.includes('run');
  const canPublish = c.allowed.includes('publish');
  const publicUrl = new URL(c.urls?.summary ?? `/hn/${c.publicCode}`, window.location.origin).href;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run(async () => {
      const extra = Number(f.extraAttendance || 0);
      if (!Number.isInteger(extra) || extra < 0) throw new ApiError(400, 'validation', t('errors.validation'), { extraAttendance: t('ui.conf.after.extra_bad') });
      await request('PATCH', `/api/conferences/${c.id}`, { proceedings: f.proceedings, conclusion: f.conclusion, extraAttendance: extra });
      setNotice(t('ui.conf.saved'));
      onChanged();
    });
  };
  const doPublish = (e: FormEvent) => {
    e.preventDefault();
    void publish.run(async () => {
      if (!summary.trim()) throw new ApiError(400, 'validation', t('errors.validation'), { publicSummary: t('validation.required') });
      await request('POST', `/api/conferences/${c.id}/publish`, { publicSummary: summary.trim() });
      setNotice(t('ui.conf.after.published'));
      onChanged();
    });
  };
  const saveSummary = () => void publish.run(async () => {
    await request('PATCH', `/api/conferences/${c.id}`, { publicSummary: summary.trim() });
    setNotice(t('ui.conf.saved'));
    onChanged();
  });
  const totals = follow.data?.totals;
  const rows = follow.data?.opinions ?? [];

  return (
    <div className="conf-after">
      <Notice>{notice}</Notice>
      <form onSubmit={submit} noValidate className="conf-after-form" aria-labelledby="conf-after-minutes">
        <h3 id="conf-after-minutes">{t('ui.conf.after.minutes')}</h3>
        <ErrorBanner error={save.error} />
        <TextArea label={t('ui.conf.after.proceedings')} value={f.proceedings} onChange={(v) => setF((x) => ({ ...x, proceedings: v }))} rows={6} error={errs.proceedings}
          hint={t('ui.conf.after.proceedings_hint')} />
        <TextArea label={t('ui.conf.after.conclusion')} value={f.conclusion} onChange={(v) => setF((x) => ({ ...x, conclusion: v }))} rows={5} error={errs.conclusion} />
        <div className="conf-narrow">
          <NumberField label={t('ui.conf.after.extra')} value={f.extraAttendance} onChange={(v) => setF((x) => ({ ...x, extraAttendance: v }))} error={errs.extraAttendance}
            hint={t('ui.conf.after.extra_hint', { n: c.counts.checkedIn })} />
        </div>
        {canPlan && <div className="form-actions"><button type="submit" className="primary" disabled={save.busy}>{save.busy ? t('ui.busy') : t('ui.save')}</button></div>}
      </form>

      <section aria-labelledby="conf-follow-title" className="conf-follow">
        <h3 id="conf-follow-title">{t('ui.conf.after.follow')}</h3>
        <ErrorBanner error={follow.error} />
        {totals && (
          <ul className="conf-totals" aria-label={t('ui.conf.after.totals')}>
            <li><strong>{totals.raised}</strong> {t('ui.conf.after.t.raised')}</li>
            <li><strong>{totals.answeredOnSpot}</strong> {t('ui.conf.after.t.spot')}</li>
            <li><strong>{totals.answered}</strong> {t('ui.conf.after.t.answered')}</li>
            <li><strong>{totals.open}</strong> {t('ui.conf.after.t.open')}</li>
            <li className={totals.overdue ? 'conf-bad' : ''}><strong>{totals.overdue}</strong> {t('ui.conf.after.t.overdue')}</li>
            <li><strong>{totals.dueSoon}</strong> {t('ui.conf.after.t.due_soon')}</li>
          </ul>
        )}
        {rows.length === 0 && !follow.loading && <p className="muted">{t('ui.conf.cap.none')}</p>}
        {rows.length > 0 && (
          <div className="table-wrap">
            <table className="stack conf-follow-table">
              <thead>
                <tr>
                  <th scope="col">{t('ui.conf.after.col.no')}</th>
                  <th scope="col">{t('ui.conf.after.col.opinion')}</th>
                  <th scope="col">{t('ui.conf.after.col.state')}</th>
                  <th scope="col">{t('ui.conf.after.col.due')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((o) => (
                  <tr key={o.itemId} className={o.overdue ? 'fb-row-overdue' : undefined}>
                    <td data-label={t('ui.conf.after.col.no')} className="nowrap"><span><span className="muted">#{o.seq}</span> · <Link to={`/feedback/${o.itemId}`}>{String(o.registerNo)}</Link></span></td>
                    <td data-label={t('ui.conf.after.col.opinion')}>
                      <div>
                        <span className="fb-kind">{L.kind(o.kind)}</span>{o.topicCode && <span className="fb-topic"> · {L.topic(o.topicCode)}</span>}
                        <p className="conf-follow-text">{o.summary}</p>
                      </div>
                    </td>
                    <td data-label={t('ui.conf.after.col.state')}><StateBadge state={o.state as FeedbackState} outcome={o.outcome as FeedbackOutcome | null} labels={L} /></td>
                    <td data-label={t('ui.conf.after.col.due')}>
                      {o.status === 'answered_on_spot'
                        ? <span className="muted">{t('ui.conf.after.spot_short')}</span>
                        : o.answeredOn
                        ? <span className="muted">{t('ui.conf.after.answered_on', { date: formatDate(o.answeredOn) })}</span>
                        : <>
                          <DueText dueOn={o.dueOn} overdue={o.overdue} workingDaysLeft={null} labels={L} />
                          {o.status === 'due_soon' && <span className="tag fb-soon">{t('ui.feedback.due_soon')}</span>}
                        </>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <form onSubmit={doPublish} noValidate className="conf-publish" aria-labelledby="conf-pub-title">
        <h3 id="conf-pub-title">{t('ui.conf.after.public')}</h3>
        <p className="hint">{t('ui.conf.after.public_hint')}</p>
        <ErrorBanner error={publish.error} />
        <TextArea label={t('ui.conf.after.summary')} value={summary} onChange={setSummary} rows={6} error={pubErrs.publicSummary} name="publicSummary" />
        <p className="conf-pub-state">
          {c.publishedAt
            ? <>{t('ui.conf.after.published_at', { at: formatDateTime(c.publishedAt) })} <a href={publicUrl} target="_blank" rel="noreferrer" data-testid="public-link">{publicUrl}</a></>
            : <span className="muted">{t('ui.conf.after.not_published')}</span>}
        </p>
        <div className="form-actions">
          {canPublish && <button type="submit" className="primary" disabled={publish.busy}>{publish.busy ? t('ui.busy') : c.publishedAt ? t('ui.conf.after.republish') : t('ui.conf.after.publish')}</button>}
          {!canPublish && canPlan && <button type="button" onClick={saveSummary} disabled={publish.busy}>{t('ui.conf.after.save_summary')}</button>}
        </div>
        {!canPublish && <p className="hint">{t('ui.conf.after.leaders_publish')}</p>}
      </form>
    </div>
  );
}
