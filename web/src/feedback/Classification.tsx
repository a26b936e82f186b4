// Kind, topic, the unit and (for those who may see it) the officer concerned, editable while the item is open;
// the kind and topic the text suggests, as chips a person clicks to apply; items that look like the same
// matter, each with "mark this item as its duplicate".
import { useState, type FormEvent } from 'react';
import { alternativesTo } from '../../../src/core/feedback/alternatives.ts';
import { procedureOf } from '../../../src/core/feedback/kinds.ts';
import { request } from '../api.ts';
import { formatDate } from '../dates.ts';
import { useT } from '../i18n.ts';
import { ErrorBanner, fieldErrors } from '../ui/Alert.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { Link } from '../ui/Link.tsx';
import { useSubmit } from '../ui/useAsync.ts';
import { StateBadge, UnitSelect } from './bits.tsx';
import type { Labels } from './labels.ts';
import { KINDS, TERMINAL_STATES, formatTrackingCode, type FeedbackDetail, type Suggestions } from './model.ts';

interface Props {
  item: FeedbackDetail;
  labels: Labels;
  suggestions: Suggestions | null;
  suggestionsError: unknown;
  onChanged: (message: string) => void;
  onDuplicate: (target: { id: number; code: string }) => void;
}

const pct = (score: number) => `${Math.round(score * 100)}%`;

export function Classification({ item, labels, suggestions, suggestionsError, onChanged, onDuplicate }: Props) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const { busy, error, run } = useSubmit();
  const editable = item.allowed.includes('handle') && !TERMINAL_STATES.includes(item.state);
  const restricted = 'concernedOfficer' in item;

  const apply = (patch: Record<string, unknown>, what: string) => run(async () => {
    await request('PATCH', `/api/feedback/${item.id}`, patch);
    onChanged(t('ui.feedback.classified', { what }));
  });

  // A kind that leaves this procedure is always offered: missing a complaint or a denunciation has legal weight.
  const kindChips = alternativesTo(suggestions?.kinds ?? [], (k) => k.kind === item.kind, (k) => procedureOf(k.kind) !== null);
  const topicChips = alternativesTo(suggestions?.topics ?? [], (x) => x.code === item.topicCode);
  const canMarkDuplicate = item.actions.includes('duplicate') && item.allowed.includes('handle');

  return (
    <section className="panel fb-class" aria-labelledby="fb-class-title">
      <div className="panel-head">
        <h2 id="fb-class-title">{t('ui.feedback.classification')}</h2>
        {editable && !editing && <button type="button" className="small" onClick={() => setEditing(true)}>{t('ui.feedback.edit')}</button>}
      </div>
      {editing
        ? <ClassifyForm item={item} labels={labels} restricted={restricted} onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            onChanged(t('ui.saved'));
          }} />
        : (
          <dl className="facts">
            <dt>{t('ui.feedback.kind_label')}</dt><dd data-testid="item-kind">{labels.kind(item.kind)}</dd>
            <dt>{t('ui.feedback.topic_label')}</dt><dd data-testid="item-topic">{item.topicCode ? labels.topic(item.topicCode) : <span className="muted">{t('ui.feedback.topic_none')}</span>}</dd>
            {item.concernedUnit && <><dt>{t('ui.feedback.concerned_unit')}</dt><dd>{item.concernedUnit.name ?? `#${item.concernedUnit.id}`}</dd></>}
            {restricted && <><dt>{t('ui.feedback.concerned_officer')}</dt><dd>{item.concernedOfficer || <span className="muted">—</span>}</dd></>}
          </dl>
        )}
      <ErrorBanner error={error} />

      {editable && (kindChips.length > 0 || topicChips.length > 0) && (
        <div className="fb-suggest">
          <h3>{t('ui.feedback.suggested')}</h3>
          <p className="hint">{t('ui.feedback.suggested_hint')}</p>
          {kindChips.length > 0 && (
            <div className="fb-chips" role="group" aria-label={t('ui.feedback.suggested_kinds')}>
              <span className="fb-chips-label" aria-hidden="true">{t('ui.feedback.kind_label')}:</span>
              {kindChips.map((k) => (
                <button key={k.kind} type="button" className="chip" disabled={busy} title={k.reasons.join(', ')}
                  aria-label={t('ui.feedback.apply_kind', { kind: labels.kind(k.kind), score: pct(k.score), reasons: k.reasons.join(', ') })}
                  onClick={() => void apply({ kind: k.kind }, labels.kind(k.kind))}>
                  {labels.kind(k.kind)} <span className="chip-score">{pct(k.score)}</span>
                </button>
              ))}
            </div>
          )}
          {topicChips.length > 0 && (
            <div className="fb-chips" role="group" aria-label={t('ui.feedback.suggested_topics')}>
              <span className="fb-chips-label" aria-hidden="true">{t('ui.feedback.topic_label')}:</span>
              {topicChips.map((x) => (
                <button key={x.code} type="button" className="chip" disabled={busy} title={x.reasons.join(', ')}
                  aria-label={t('ui.feedback.apply_topic', { topic: labels.topic(x.code), score: pct(x.score), reasons: x.reasons.join(', ') })}
                  onClick={() => void apply({ topicCode: x.code }, labels.topic(x.code))}>
                  {labels.topic(x.code)} <span className="chip-score">{pct(x.score)}</span>
                </button>
              ))}
            </div>
          )}
        </div>
      )}

      <ErrorBanner error={suggestionsError} />
      {suggestions && suggestions.duplicates.length > 0 && (
        <div className="fb-dups">
          <h3>{t('ui.feedback.likely_duplicates')}</h3>
          <ul>
            {suggestions.duplicates.map((d) => (
              <li key={d.id} data-duplicate={d.id}>
                <p>
                  <Link to={`/feedback/${d.id}`}>{formatTrackingCode(d.trackingCode)}</Link>{' '}
                  <StateBadge state={d.state} labels={labels} />{' '}
                  <span className="muted">{formatDate(d.receivedOn)} · {t('ui.feedback.similarity', { score: pct(d.score) })}</span>
                </p>
                <p className="fb-dup-summary">{d.summary}</p>
                {canMarkDuplicate && (
                  <button type="button" className="small" onClick={() => onDuplicate({ id: d.id, code: d.trackingCode })}>
                    {t('ui.feedback.mark_duplicate_of', { code: formatTrackingCode(d.trackingCode) })}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function ClassifyForm({ item, labels, restricted, onCancel, onSaved }: {
  item: FeedbackDetail; labels: Labels; restricted: boolean; onCancel: () => void; onSaved: () => void;
}) {
  const t = useT();
  const [f, setF] = useState({
    kind: item.kind as string, topicCode: item.topicCode ?? '', concernedUnitId: item.concernedUnit ? String(item.concernedUnit.id) : '',
    concernedOfficer: item.concernedOfficer ?? '', summary: item.summary,
  });
  const set = (k: keyof typeof f) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  // A unit concerned outside the user's tree is not among the options: it changes only when someone picks.
  const [unitTouched, setUnitTouched] = useState(false);
  const { busy, error, run } = useSubmit();
  const errs = fieldErrors(error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const patch: Record<string, unknown> = {};
      if (f.kind !== item.kind) patch.kind = f.kind;
      if ((f.topicCode || null) !== item.topicCode) patch.topicCode = f.topicCode || null;
      if (unitTouched && (f.concernedUnitId ? Number(f.concernedUnitId) : null) !== (item.concernedUnit?.id ?? null)) patch.concernedUnitId = f.concernedUnitId ? Number(f.concernedUnitId) : null;
      if (restricted && (f.concernedOfficer.trim() || null) !== (item.concernedOfficer || null)) patch.concernedOfficer = f.concernedOfficer.trim() || null;
      if (f.summary !== item.summary) patch.summary = f.summary;
      if (Object.keys(patch).length) await request('PATCH', `/api/feedback/${item.id}`, patch);
      onSaved();
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('ui.feedback.classification')} className="fb-classify-form">
      <ErrorBanner error={error} />
      <SelectField label={t('ui.feedback.kind_label')} value={f.kind} onChange={set('kind')} required error={errs.kind}
        options={KINDS.map((k) => ({ value: k, label: labels.kind(k) }))} />
      <SelectField label={t('ui.feedback.topic_label')} value={f.topicCode} onChange={set('topicCode')} error={errs.topicCode}
        options={[{ value: '', label: t('ui.feedback.topic_none') }, ...labels.topicOptions()]} />
      <UnitSelect label={t('ui.feedback.concerned_unit')} value={f.concernedUnitId} onChange={(v) => {
        setUnitTouched(true);
        set('concernedUnitId')(v);
      }} emptyLabel={t('ui.feedback.none_chosen')}
        error={errs.concernedUnitId} />
      {restricted && <TextField label={t('ui.feedback.concerned_officer')} name="concernedOfficer" value={f.concernedOfficer} onChange={set('concernedOfficer')}
        error={errs.concernedOfficer} hint={t('ui.feedback.concerned_officer_hint')} />}
      <TextField label={t('ui.feedback.summary')} name="summary" value={f.summary} onChange={set('summary')} required error={errs.summary} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? t('ui.busy') : t('ui.save')}</button>
        <button type="button" onClick={onCancel}>{t('ui.feedback.cancel')}</button>
      </div>
    </form>
  );
}
