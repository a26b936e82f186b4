// One item of the register: who received it and when it is due, what the citizen wrote (always as text), the
// steps the server allows now, classification with suggestions a person confirms, the contact card behind a
// logged view, the published answer and rating, photos, and the timeline of who did what, when and why —
// what the citizen was told marked apart from internal notes.
import { useEffect, useRef, useState } from 'react';
import { request } from '../api.ts';
import { formatDate, formatDateTime } from '../dates.ts';
import { useT } from '../i18n.ts';
import { navigate, useRoute } from '../router.ts';
import { ErrorBanner } from '../ui/Alert.tsx';
import { Link } from '../ui/Link.tsx';
import { useLoad } from '../ui/useAsync.ts';
import { DueText, StateBadge } from './bits.tsx';
import { Classification } from './Classification.tsx';
import { ContactCard } from './ContactCard.tsx';
import { ItemActions } from './ItemActions.tsx';
import { useLabels, useTopics } from './labels.ts';
import { OPEN_STATES, TERMINAL_STATES, formatTrackingCode, type FeedbackDetail, type Suggestions } from './model.ts';
import { SplitDialog } from './SplitDialog.tsx';
import { StaffFiles } from './StaffFiles.tsx';
import { NoteForm, Timeline } from './Timeline.tsx';

export function ItemScreen({ id }: { id: number }) {
  const t = useT();
  const { query } = useRoute();
  const topics = useTopics();
  const L = useLabels(topics);
  const item = useLoad(() => request<FeedbackDetail>('GET', `/api/feedback/${id}`), [id]);
  const [version, setVersion] = useState(0);
  const suggestions = useLoad(() => request<Suggestions>('GET', `/api/feedback/${id}/suggestions`), [id, version]);
  const [notice, setNotice] = useState<{ text: string; links?: { id: number; code: string }[] } | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const [duplicatePreset, setDuplicatePreset] = useState<{ id: number; code: string } | null>(null);
  const created = query.get('created') === '1';

  const changed = (text: string, links?: { id: number; code: string }[]) => {
    // The "saved, here is the code" banner has done its job once the item is being handled.
    if (created) navigate(`/feedback/${id}`, true);
    setNotice({ text, links });
    item.reload();
    setVersion((v) => v + 1);
  };
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  if (item.error) return <div className="feedback"><section className="panel"><ErrorBanner error={item.error} /><Link to="/feedback">← {t('ui.feedback.back')}</Link></section></div>;
  const d = item.data;
  if (!d) return <div className="feedback"><section className="panel"><p role="status">{t('ui.loading')}</p></section></div>;
  const canHandle = d.allowed.includes('handle');
  const open = !TERMINAL_STATES.includes(d.state);
  const photos = d.attachments.filter((a) => a.role === 'photo' && a.mime.startsWith('image/'));
  const dueLabel = d.state === 'received' ? t('ui.feedback.ack_due') : t('ui.feedback.due');

  return (
    <div className="feedback fb-item" data-state={d.state}>
      <section className="panel fb-head" aria-labelledby="fb-item-title">
        <p className="fb-back"><Link to="/feedback">← {t('ui.feedback.back')}</Link></p>
        {created && (
          <div className="fb-created" role="status">
            <p>{t('ui.feedback.created')}</p>
            <p className="fb-created-code">
              {t('ui.feedback.tracking_code')}: <strong data-testid="created-code">{formatTrackingCode(d.trackingCode)}</strong>
            </p>
            <p>{t('ui.feedback.created_hint')}</p>
          </div>
        )}
        <div className="fb-title-row">
          <h1 id="fb-item-title">{t('ui.feedback.item_title', { no: d.register.no, year: d.register.year })}</h1>
          <StateBadge state={d.state} outcome={d.outcome} labels={L} />
        </div>
        <p className="fb-code-line">{t('ui.feedback.tracking_code')}: <code className="fb-code-big" data-testid="tracking-code">{formatTrackingCode(d.trackingCode)}</code></p>
        <dl className="facts fb-facts">
          <dt>{t('ui.feedback.unit_label')}</dt><dd>{d.unitName}</dd>
          <dt>{t('ui.feedback.channel_label')}</dt><dd>{L.channel(d.channel)}</dd>
          <dt>{t('ui.feedback.received_on')}</dt>
          <dd>
            {formatDateTime(d.receivedAt).startsWith(formatDate(d.receivedOn))
              ? formatDateTime(d.receivedAt)
              : <>{formatDate(d.receivedOn)} <span className="muted">({t('ui.feedback.entered_at', { at: formatDateTime(d.receivedAt) })})</span></>}
          </dd>
          {d.dueOn && OPEN_STATES.includes(d.state) && <><dt>{dueLabel}</dt><dd><DueText dueOn={d.dueOn} overdue={d.overdue} workingDaysLeft={d.workingDaysLeft} labels={L} /></dd></>}
          {d.ackedOn && <><dt>{t('ui.feedback.acked_on')}</dt><dd>{formatDate(d.ackedOn)}</dd></>}
          {d.closedOn && <><dt>{t('ui.feedback.closed_on')}</dt><dd>{formatDate(d.closedOn)}</dd></>}
          <dt>{t('ui.feedback.col.assignee')}</dt><dd>{d.assignee?.fullName ?? t('ui.feedback.unassigned')}</dd>
          <dt>{t('ui.feedback.person_label')}</dt><dd>{d.anonymous ? t('ui.feedback.anonymous') : t('ui.feedback.has_person')}</dd>
          {d.source && <><dt>{t('ui.feedback.source')}</dt><dd>{L.source(d.source.type)}{d.source.ref ? ` #${d.source.ref}` : ''}</dd></>}
        </dl>
        {d.procedure && open && <p className="alert warn">{t('ui.feedback.procedure_flag', { procedure: L.procedure(d.procedure) })}</p>}
        {d.rereview && <p className="alert warn">{t('ui.feedback.rereview_flag')}</p>}
      </section>

      <section className="panel fb-content" aria-labelledby="fb-content-title">
        <h2 id="fb-content-title">{t('ui.feedback.content')}</h2>
        {!d.content.startsWith(d.summary.replace(/…$/, '')) && <p className="fb-summary-line"><strong>{d.summary}</strong></p>}
        <div className="fb-text" data-testid="item-content">{d.content}</div>
        {d.location && <p><span className="muted">{t('ui.feedback.location')}:</span> {d.location}</p>}
        {photos.length > 0 && (
          <>
            <h3>{t('ui.feedback.photos')}</h3>
            <ul className="fb-photos">
              {photos.map((a, i) => {
                const src = `/api/feedback/${d.id}/attachments/${a.id}`;
                return (
                  <li key={a.id}>
                    <a href={src} target="_blank" rel="noopener noreferrer">
                      <img src={src} alt={t('ui.feedback.photo_alt', { n: i + 1, name: a.filename ?? '' }).trim()} loading="lazy" width={128} height={128} />
                    </a>
                  </li>
                );
              })}
            </ul>
          </>
        )}
        <StaffFiles item={d} canHandle={canHandle} onChanged={changed} />
        {d.answerDraft && d.answerDraft !== d.publicAnswer && (
          <div className="fb-answer fb-answer-draft">
            <h3>{t('ui.feedback.answer_draft')}</h3>
            <div className="fb-text" data-testid="answer-draft">{d.answerDraft}</div>
          </div>
        )}
        {d.publicAnswer && (
          <div className="fb-answer fb-answer-public">
            <h3>{t('ui.feedback.public_answer')}{d.answeredOn ? ` — ${formatDate(d.answeredOn)}` : ''}</h3>
            <div className="fb-text" data-testid="public-answer">{d.publicAnswer}</div>
          </div>
        )}
        {d.rating !== null && (
          <div className="fb-rating">
            <h3>{t('ui.feedback.rating')}</h3>
            <p><span aria-hidden="true" className="stars">{'★'.repeat(d.rating)}{'☆'.repeat(Math.max(0, 5 - d.rating))}</span> {t('ui.feedback.rating_value', { n: d.rating })}</p>
            {d.ratingComment && <div className="fb-text">{d.ratingComment}</div>}
          </div>
        )}
        <Related d={d} />
      </section>

      <div className="fb-side">
        <section className="panel fb-actions-panel" aria-labelledby="fb-actions-title">
          <h2 id="fb-actions-title">{t('ui.feedback.actions_title')}</h2>
          <div ref={noticeRef} tabIndex={-1} className="fb-notice-anchor">
            {notice && (
              <div role="status" className="alert ok">
                {notice.text}
                {notice.links && notice.links.length > 0 && (
                  <ul className="fb-inline-list">{notice.links.map((l) => <li key={l.id}><Link to={`/feedback/${l.id}`}>{formatTrackingCode(l.code)}</Link></li>)}</ul>
                )}
              </div>
            )}
          </div>
          <ItemActions item={d} labels={L} preset={duplicatePreset} onPresetUsed={() => setDuplicatePreset(null)}
            onDone={(text) => changed(text)} />
          {canHandle && (d.state === 'received' || d.state === 'accepted') && (
            <SplitDialog item={d} labels={L} onDone={(text, links) => changed(text, links)} />
          )}
        </section>
        <Classification item={d} labels={L} suggestions={suggestions.data} suggestionsError={suggestions.error}
          onChanged={(text) => changed(text)} onDuplicate={(target) => setDuplicatePreset(target)} />
        {d.allowed.includes('contact') && <ContactCard item={d} />}
      </div>

      <section className="panel fb-timeline-panel" aria-labelledby="fb-timeline-title">
        <h2 id="fb-timeline-title">{t('ui.feedback.timeline')}</h2>
        <Timeline events={d.events} labels={L} />
        {canHandle && <NoteForm itemId={d.id} onAdded={() => changed(t('ui.feedback.note_added'))} />}
      </section>
    </div>
  );
}

function Related({ d }: { d: FeedbackDetail }) {
  const t = useT();
  if (!d.duplicateOf && !d.duplicates.length && !d.splitFrom && !d.splitInto.length) return null;
  return (
    <div className="fb-related">
      <h3>{t('ui.feedback.related')}</h3>
      <ul>
        {d.duplicateOf && <li>{t('ui.feedback.duplicate_of')} <Link to={`/feedback/${d.duplicateOf}`}>{t('ui.feedback.item_link', { id: d.duplicateOf })}</Link></li>}
        {d.splitFrom && <li>{t('ui.feedback.split_from')} <Link to={`/feedback/${d.splitFrom}`}>{t('ui.feedback.item_link', { id: d.splitFrom })}</Link></li>}
        {d.duplicates.map((x) => <li key={`d${x.id}`}>{t('ui.feedback.has_duplicate')} <Link to={`/feedback/${x.id}`}>{formatTrackingCode(x.tracking_code)}</Link> — {x.summary}</li>)}
        {d.splitInto.map((x) => <li key={`s${x.id}`}>{t('ui.feedback.split_into')} <Link to={`/feedback/${x.id}`}>{formatTrackingCode(x.tracking_code)}</Link> — {x.summary}</li>)}
      </ul>
    </div>
  );
}
