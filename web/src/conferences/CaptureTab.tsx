// Live capture for the secretary, keyboard first: who speaks (a delegate, or a name typed), the kind as radio
// chips, the topic, what was said, and whether it was answered on the spot (the answer and who gave it) or will
// be answered in writing. Ctrl+Enter saves from anywhere in the form (Enter alone in a one-line field too);
// after saving the form clears and the keyboard is back on the speaker. Each opinion becomes an item of the
// register; the list below shows them newest first with their register number and a link to the item.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, request } from '../api.ts';
import { formatDate, todayVN } from '../dates.ts';
import { useT } from '../i18n.ts';
import { ErrorBanner, Notice, fieldErrors } from '../ui/Alert.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { Link } from '../ui/Link.tsx';
import { useLoad, useSubmit } from '../ui/useAsync.ts';
import { TextArea } from '../feedback/bits.tsx';
import { useLabels, useTopics } from '../feedback/labels.ts';
import { formatTrackingCode } from '../feedback/model.ts';
import { LooseFieldErrors, RadioChips } from './bits.tsx';
import { NO_SPEAKER, SpeakerPicker, type Speaker } from './SpeakerPicker.tsx';
import { OPINION_KINDS, PROCEDURE_KINDS, dayOf, type Conference, type Delegate, type Opinion, type OpinionKind } from './model.ts';

type Mode = 'spot' | 'writing';

export function CaptureTab({ conference: c, onChanged }: { conference: Conference; onChanged: () => void }) {
  const t = useT();
  const L = useLabels(useTopics());
  const delegates = useLoad(() => request<{ delegates: Delegate[] }>('GET', `/api/conferences/${c.id}/delegates`), [c.id]);
  const opinions = useLoad(() => request<{ opinions: Opinion[] }>('GET', `/api/conferences/${c.id}/opinions`), [c.id]);
  const [speaker, setSpeaker] = useState<Speaker>(NO_SPEAKER);
  const [kind, setKind] = useState<OpinionKind | ''>('');
  const [topicCode, setTopicCode] = useState('');
  const [content, setContent] = useState('');
  const [mode, setMode] = useState<Mode>('writing');
  const [spotAnswer, setSpotAnswer] = useState('');
  const [answeredBy, setAnsweredBy] = useState(c.presiding ? [c.presiding.name, c.presiding.title].filter(Boolean).join(', ') : '');
  const [notice, setNotice] = useState<string | null>(null);
  const save = useSubmit();
  const errs = fieldErrors(save.error);
  const speakerRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const canRun = c.allowed.includes('run');
  const procedure = kind !== '' && PROCEDURE_KINDS.includes(kind);
  // Opinions are recorded from the conference's day on (the server refuses earlier ones).
  const future = dayOf(c) > todayVN();
  useEffect(() => {
    if (procedure && mode === 'spot') setMode('writing');
  }, [procedure, mode]);
  useEffect(() => {
    if (save.error) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [save.error]);

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (save.busy) return;
    void save.run(async () => {
      const missing: Record<string, string> = {};
      if (!kind) missing.kind = t('validation.required');
      if (!content.trim()) missing.content = t('validation.required');
      if (mode === 'spot' && !spotAnswer.trim()) missing.spotAnswer = t('validation.required');
      if (Object.keys(missing).length) throw new ApiError(400, 'validation', t('errors.validation'), missing);
      const free = speaker.delegateId === null;
      const r = await request<{ seq: number; itemId: number; trackingCode: string; registerNo: string | number }>('POST', `/api/conferences/${c.id}/opinions`, {
        delegateId: speaker.delegateId ?? undefined,
        speakerName: free ? speaker.name.trim() || undefined : undefined,
        speakerTitle: free ? speaker.title.trim() || undefined : undefined,
        speakerOrganisation: free ? speaker.organisation.trim() || undefined : undefined,
        kind, topicCode: topicCode || undefined, content: content.trim(), answerMode: mode,
        spotAnswer: mode === 'spot' ? spotAnswer.trim() : undefined, answeredBy: mode === 'spot' ? answeredBy.trim() || undefined : undefined,
      });
      setNotice(t('ui.conf.cap.saved', { seq: r.seq, no: String(r.registerNo) }));
      setSpeaker(NO_SPEAKER);
      setKind('');
      setTopicCode('');
      setContent('');
      setMode('writing');
      setSpotAnswer('');
      opinions.reload();
      onChanged();
      speakerRef.current?.focus();
    });
  };

  const list = [...(opinions.data?.opinions ?? [])].sort((a, b) => b.seq - a.seq);
  return (
    <div className="conf-capture">
      {canRun ? (
        <form ref={formRef} className="conf-capture-form" onSubmit={submit} noValidate aria-label={t('ui.conf.cap.form')}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              submit();
            }
            // Alt+1 … Alt+7 choose the kind without leaving the field being typed in.
            const n = e.altKey && !e.ctrlKey && !e.metaKey ? Number(/^Digit([1-7])$/.exec(e.code)?.[1] ?? 0) : 0;
            if (n) {
              e.preventDefault();
              setKind(OPINION_KINDS[n - 1]!);
            }
          }}>
          <p className="hint conf-keys">{t('ui.conf.cap.keys')}</p>
          <Notice>{notice}</Notice>
          {future && <p className="alert warn" role="note">{t('ui.conf.cap.not_yet', { date: formatDate(dayOf(c)) })}</p>}
          <ErrorBanner error={save.error} />
          <LooseFieldErrors error={save.error} names={['conference', 'state']} />
          <SpeakerPicker delegates={delegates.data?.delegates ?? []} value={speaker} onChange={setSpeaker} inputRef={speakerRef} errors={errs} />
          <RadioChips legend={t('ui.conf.cap.kind')} name="kind" value={kind} onChange={setKind} required error={errs.kind}
            options={OPINION_KINDS.map((k) => ({ value: k, label: L.kind(k) }))} />
          {procedure && <p className="alert warn conf-procedure" role="note">{t('ui.conf.cap.procedure_warning', { kind: L.kind(kind) })}</p>}
          <div className="form-grid conf-capture-grid">
            <SelectField label={t('ui.conf.cap.topic')} value={topicCode} onChange={setTopicCode} error={errs.topicCode}
              options={[{ value: '', label: t('ui.feedback.topic_none') }, ...L.topicOptions()]} />
          </div>
          <TextArea label={t('ui.conf.cap.content')} value={content} onChange={setContent} rows={4} required error={errs.content} maxLength={10000} name="content" />
          <RadioChips legend={t('ui.conf.cap.answer')} name="answerMode" value={mode} onChange={setMode} error={errs.answerMode}
            options={[
              ...(procedure ? [] : [{ value: 'spot' as Mode, label: t('ui.conf.cap.mode.spot') }]),
              { value: 'writing' as Mode, label: t('ui.conf.cap.mode.writing') },
            ]} />
          {mode === 'spot' && (
            <div className="conf-spot">
              <TextArea label={t('ui.conf.cap.spot_answer')} value={spotAnswer} onChange={setSpotAnswer} rows={3} required error={errs.spotAnswer} name="spotAnswer" />
              <TextField label={t('ui.conf.cap.answered_by')} value={answeredBy} onChange={setAnsweredBy} error={errs.answeredBy} />
            </div>
          )}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={save.busy}>{save.busy ? t('ui.busy') : t('ui.conf.cap.save')}</button>
          </div>
        </form>
      ) : <p className="muted">{t('ui.conf.cap.read_only')}</p>}

      <section className="conf-opinions" aria-labelledby="conf-op-title">
        <h3 id="conf-op-title">{t('ui.conf.cap.list', { n: list.length })}</h3>
        <ErrorBanner error={opinions.error} />
        {list.length === 0 && !opinions.loading && <p className="muted">{t('ui.conf.cap.none')}</p>}
        <ol className="conf-op-list" reversed>
          {list.map((o) => (
            <li key={o.itemId} data-seq={o.seq} className={`conf-op conf-op-${o.answerMode}`}>
              <p className="conf-op-head">
                <span className="conf-op-seq">#{o.seq}</span>
                <Link to={`/feedback/${o.itemId}`} className="conf-op-no">{t('ui.conf.cap.register_no', { no: String(o.registerNo) })}</Link>
                <code className="muted">{formatTrackingCode(o.trackingCode)}</code>
                <span className={`fb-kind${PROCEDURE_KINDS.includes(o.kind) ? ' fb-kind-flag' : ''}`}>{L.kind(o.kind)}</span>
                {o.topicCode && <span className="fb-topic">{L.topic(o.topicCode)}</span>}
              </p>
              <p className="conf-op-speaker">
                <strong>{o.speaker.name || t('ui.conf.cap.no_name')}</strong>
                {(o.speaker.title || o.speaker.organisation) && <span className="muted"> — {[o.speaker.title, o.speaker.organisation].filter(Boolean).join(', ')}</span>}
              </p>
              <p className="conf-op-content">{o.content}</p>
              {o.answerMode === 'spot'
                ? <p className="conf-op-answer"><strong>{t('ui.conf.cap.answered_spot')}</strong>{o.answeredBy ? ` (${o.answeredBy})` : ''}: {o.spotAnswer}</p>
                : <p className="conf-op-answer muted">{t('ui.conf.cap.to_answer')}</p>}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
