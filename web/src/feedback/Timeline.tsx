// The item's history, oldest first: when, who, which step (and the state it led to), why; what the citizen was
// told is marked "Đã thông báo công dân", apart from internal notes, which the citizen never sees.
import { useState, type FormEvent, type ReactNode } from 'react';
import { request } from '../api.ts';
import { formatDateTime } from '../dates.ts';
import { useT } from '../i18n.ts';
import { ErrorBanner, fieldErrors } from '../ui/Alert.tsx';
import { Link } from '../ui/Link.tsx';
import { useSubmit } from '../ui/useAsync.ts';
import { TextArea } from './bits.tsx';
import type { Labels } from './labels.ts';
import type { FeedbackEvent } from './model.ts';

export function Timeline({ events, labels }: { events: FeedbackEvent[]; labels: Labels }) {
  const t = useT();
  const actor = (e: FeedbackEvent) => e.actorKind === 'staff' ? e.actorName ?? t('ui.feedback.actor.staff') : t(`ui.feedback.actor.${e.actorKind}`);
  return (
    <ol className="fb-timeline" data-testid="timeline">
      {events.map((e) => (
        <li key={e.id} data-event={e.action} className={e.publicMessage ? 'fb-ev-public' : undefined}>
          <p className="fb-ev-head">
            <time dateTime={e.at}>{formatDateTime(e.at)}</time>
            <strong className="fb-ev-step">{labels.step(e.action)}</strong>
            <span className="fb-ev-who">{actor(e)}</span>
            {e.to && e.from !== e.to && (
              <span className="fb-ev-states">
                {e.from ? `${labels.state(e.from)} → ` : ''}{labels.state(e.to)}
              </span>
            )}
          </p>
          <EventData e={e} labels={labels} />
          {e.reason && <p className="fb-ev-reason"><span className="fb-ev-label">{t('ui.feedback.ev.reason')}</span> {e.reason}</p>}
          {e.publicMessage && (
            <div className="fb-ev-msg fb-ev-msg-public">
              <span className="fb-ev-label">{t('ui.feedback.ev.told')}</span> <span className="fb-text">{e.publicMessage}</span>
            </div>
          )}
          {e.internalNote && (
            <div className="fb-ev-msg fb-ev-msg-internal">
              <span className="fb-ev-label">{t('ui.feedback.ev.internal')}</span> <span className="fb-text">{e.internalNote}</span>
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}

/** What a step's data says, for the steps whose data people need: assignee, forward target, classification. */
function EventData({ e, labels }: { e: FeedbackEvent; labels: Labels }) {
  const t = useT();
  const d = (e.data && typeof e.data === 'object' ? e.data : {}) as Record<string, unknown>;
  const parts: ReactNode[] = [];
  if (e.action === 'receive' && typeof d.channel === 'string') parts.push(t('ui.feedback.ev.via', { channel: labels.channel(d.channel) }));
  if (e.action === 'assign' && typeof d.assignee === 'string') parts.push(t('ui.feedback.ev.assignee', { name: d.assignee }));
  if (e.action === 'forward' && typeof d.targetName === 'string') parts.push(t('ui.feedback.ev.forwarded_to', { name: d.targetName }));
  if (e.action === 'duplicate' && typeof d.duplicateOf === 'number') {
    parts.push(<>{t('ui.feedback.duplicate_of')} <Link to={`/feedback/${d.duplicateOf}`}>{t('ui.feedback.item_link', { id: d.duplicateOf })}</Link></>);
  }
  if (e.action === 'split' && Array.isArray(d.items)) {
    parts.push(<>{t('ui.feedback.split_into')} {(d.items as number[]).map((id, i) => <span key={id}>{i ? ', ' : ''}<Link to={`/feedback/${id}`}>{t('ui.feedback.item_link', { id })}</Link></span>)}</>);
  }
  if (e.action === 'classify') {
    if (typeof d.kind === 'string') parts.push(`${t('ui.feedback.kind_label')}: ${labels.kind(d.kind)}`);
    if ('topic_code' in d) parts.push(`${t('ui.feedback.topic_label')}: ${typeof d.topic_code === 'string' ? labels.topic(d.topic_code) : t('ui.feedback.topic_none')}`);
    if ('concerned_unit_id' in d) parts.push(t('ui.feedback.ev.changed', { what: t('ui.feedback.concerned_unit') }));
    if ('concerned_officer' in d) parts.push(t('ui.feedback.ev.changed', { what: t('ui.feedback.concerned_officer') }));
    if (typeof d.summary === 'string') parts.push(`${t('ui.feedback.summary')}: ${d.summary}`);
  }
  if (!parts.length) return null;
  return <p className="fb-ev-data">{parts.map((p, i) => <span key={i}>{i ? '; ' : ''}{p}</span>)}</p>;
}

export function NoteForm({ itemId, onAdded }: { itemId: number; onAdded: () => void }) {
  const t = useT();
  const [note, setNote] = useState('');
  const { busy, error, run } = useSubmit();
  const errs = fieldErrors(error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await request('POST', `/api/feedback/${itemId}/notes`, { note });
      setNote('');
      onAdded();
    });
  };
  return (
    <form onSubmit={submit} noValidate className="fb-note-form" aria-label={t('ui.feedback.add_note')}>
      <ErrorBanner error={error} />
      <TextArea label={t('ui.feedback.note')} value={note} onChange={setNote} rows={2} error={errs.note} hint={t('ui.feedback.internal_note_hint')} name="note" maxLength={4000} />
      <div className="form-actions">
        <button type="submit" disabled={busy}>{busy ? t('ui.busy') : t('ui.feedback.add_note')}</button>
      </div>
    </form>
  );
}
