// The steps the server allows on the item now (item.actions, less those that need the leader's right when the
// user lacks it), each a button that opens a small form for what the step needs: a reason where the state
// machine requires one, the assignee, where to forward, the answer (from a template if the unit has some), how
// it ends, which item it duplicates; for public steps, an optional message to the citizen instead of the
// standard one; for any step, an internal note.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, qs, request } from '../api.ts';
import { useT } from '../i18n.ts';
import { useSession } from '../session.ts';
import { ErrorBanner, fieldErrors } from '../ui/Alert.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { useSubmit } from '../ui/useAsync.ts';
import { TextArea, UnitSelect, useScopedUnits } from './bits.tsx';
import type { Labels } from './labels.ts';
import {
  ACTION_SPECS, formatTrackingCode, normalizeTrackingCode,
  type FeedbackAction, type FeedbackDetail, type FeedbackOutcome, type RegisterRow, type ResponseTemplate,
} from './model.ts';

const PRIMARY: FeedbackAction[] = ['accept', 'assign', 'start', 'draft', 'approve', 'close', 'transfer'];
const DANGER: FeedbackAction[] = ['refuse', 'withdraw'];

interface Props {
  item: FeedbackDetail;
  labels: Labels;
  /** "Mark as duplicate of this" from the suggestions: opens the duplicate form with the target filled in. */
  preset: { id: number; code: string } | null;
  onPresetUsed: () => void;
  onDone: (message: string) => void;
}

export function ItemActions({ item, labels, preset, onPresetUsed, onDone }: Props) {
  const t = useT();
  const [active, setActive] = useState<FeedbackAction | null>(null);
  const [target, setTarget] = useState<{ id: number; code: string } | null>(null);
  const formId = useId();
  const actions = item.actions.filter((a) => item.allowed.includes(ACTION_SPECS[a].approve ? 'approve' : 'handle'));

  useEffect(() => {
    if (!preset) return;
    if (actions.includes('duplicate')) {
      setTarget(preset);
      setActive('duplicate');
    }
    onPresetUsed();
  }, [preset]); // only when a new preset arrives

  if (!actions.length) {
    return <p className="muted">{item.allowed.includes('handle') || item.allowed.includes('approve') ? t('ui.feedback.no_actions') : t('ui.feedback.read_only')}</p>;
  }
  return (
    <div className="fb-actions">
      <div className="fb-action-buttons" role="group" aria-label={t('ui.feedback.actions_title')}>
        {actions.map((a) => (
          <button key={a} type="button" data-action={a} aria-expanded={active === a} aria-controls={active === a ? formId : undefined}
            className={active === a ? 'pressed' : PRIMARY.includes(a) ? 'primary' : DANGER.includes(a) ? 'danger' : undefined}
            onClick={() => {
              setTarget(null);
              setActive((x) => (x === a ? null : a));
            }}>
            {a === 'transfer' && item.procedure ? t('ui.feedback.action.transfer_to', { procedure: labels.procedure(item.procedure) }) : labels.action(a)}
          </button>
        ))}
      </div>
      {active && (
        <ActionForm key={`${active}-${target?.id ?? ''}`} id={formId} item={item} action={active} labels={labels} target={target}
          onCancel={() => setActive(null)}
          onDone={(m) => {
            setActive(null);
            onDone(m);
          }} />
      )}
    </div>
  );
}

interface FormProps {
  id: string;
  item: FeedbackDetail;
  action: FeedbackAction;
  labels: Labels;
  target: { id: number; code: string } | null;
  onCancel: () => void;
  onDone: (message: string) => void;
}

function ActionForm({ id, item, action, labels, target, onCancel, onDone }: FormProps) {
  const t = useT();
  const { me } = useSession();
  const spec = ACTION_SPECS[action];
  const outcomes: FeedbackOutcome[] = item.state === 'approved'
    ? ['resolved', 'explained', ...(item.kind === 'praise' ? ['thanked' as const] : [])]
    : ['thanked'];
  const self = item.candidates.find((c) => c.id === me.user.id);
  // Forwarding inside the system: any police unit that exists today (a new item opens there); an outside body
  // (the commune People's Committee, a court) is named instead.
  const scoped = useScopedUnits('all');
  const otherUnits = scoped?.filter((u) => u.id !== item.unitId).length ?? 0;
  const [f, setF] = useState({
    reason: '', publicMessage: '', internalNote: '',
    assigneeId: String(item.assignee?.id ?? self?.id ?? ''),
    forwardMode: null as 'unit' | 'outside' | null, targetUnitId: '', targetName: '',
    answer: item.answerDraft ?? '',
    outcome: outcomes[0] as string,
    duplicateOf: target ? formatTrackingCode(target.code) : '',
  });
  const set = (k: keyof typeof f) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  const forwardMode = f.forwardMode ?? (scoped && otherUnits === 0 ? 'outside' : 'unit');
  const { busy, error, run } = useSubmit();
  const errs = fieldErrors(error);
  const [templates, setTemplates] = useState<ResponseTemplate[] | null>(null);
  const [templateId, setTemplateId] = useState('');

  // Response templates come from another part of the system: when the endpoint is not there, no picker.
  useEffect(() => {
    if (action !== 'draft') return;
    let live = true;
    request<ResponseTemplate[] | { templates?: ResponseTemplate[] }>('GET', `/api/feedback/${item.id}/templates`).then((r) => {
      if (live) setTemplates((Array.isArray(r) ? r : r.templates ?? []).filter((x) => x && typeof x.body === 'string'));
    }, () => live && setTemplates(null));
    return () => {
      live = false;
    };
  }, [action, item.id]);

  // The template filled in with this item's values by the server (its placeholders: code, date, person...); the
  // raw text if it cannot render it. What it could not fill stays as {placeholder} and is pointed out.
  const [templateNote, setTemplateNote] = useState<string | null>(null);
  const applyTemplate = async () => {
    const tpl = templates?.find((x) => String(x.id) === templateId);
    if (!tpl) return;
    if (f.answer.trim() && !window.confirm(t('ui.feedback.template_replace'))) return;
    const r = await request<{ text: string; missing?: string[]; unknown?: string[]; gaps?: string[] }>('GET', `/api/feedback/${item.id}/templates/${tpl.id}/render`)
      .catch(() => ({ text: tpl.body, missing: [], unknown: [], gaps: [] }));
    set('answer')(r.text);
    const left = [...[...(r.missing ?? []), ...(r.unknown ?? [])].map((n) => `{${n}}`), ...(r.gaps ?? [])];
    setTemplateNote(left.length ? t('ui.feedback.template_missing', { names: left.join(', ') }) : null);
  };

  /** The item a typed tracking code (or number) names, through the register's search. */
  const resolveDuplicate = async (): Promise<number> => {
    const typed = f.duplicateOf.trim();
    if (target && typed === formatTrackingCode(target.code)) return target.id;
    if (/^\d{1,9}$/.test(typed)) return Number(typed);
    const code = normalizeTrackingCode(typed);
    const fail = (key: string) => new ApiError(400, 'validation', t('errors.validation'), { duplicateOf: t(key) });
    if (!code) throw fail(typed ? 'ui.feedback.duplicate_format' : 'validation.required');
    const r = await request<{ items: RegisterRow[] }>('GET', `/api/feedback${qs({ q: code, limit: 5 })}`);
    const hit = r.items.find((x) => x.trackingCode === code);
    if (!hit) throw fail('feedback.item_unknown');
    return hit.id;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const missing: Record<string, string> = {};
      if (spec.reason && !f.reason.trim()) missing.reason = t('validation.required');
      if (action === 'draft' && !f.answer.trim()) missing.answer = t('validation.required');
      if (action === 'assign' && !f.assigneeId) missing.assigneeId = t('validation.required');
      if (action === 'forward' && forwardMode === 'unit' && !f.targetUnitId) missing.targetUnitId = t('validation.required');
      if (action === 'forward' && forwardMode === 'outside' && !f.targetName.trim()) missing.targetName = t('validation.required');
      if (Object.keys(missing).length) throw new ApiError(400, 'validation', t('errors.validation'), missing);
      const body: Record<string, unknown> = { action };
      if (spec.reason) body.reason = f.reason;
      if (spec.public && f.publicMessage.trim()) body.publicMessage = f.publicMessage;
      if (f.internalNote.trim()) body.internalNote = f.internalNote;
      if (action === 'assign') body.assigneeId = Number(f.assigneeId);
      if (action === 'forward') {
        if (forwardMode === 'unit') body.targetUnitId = Number(f.targetUnitId);
        else body.targetName = f.targetName;
      }
      if (action === 'draft') body.answer = f.answer;
      if (action === 'close') body.outcome = f.outcome;
      if (action === 'duplicate') body.duplicateOf = await resolveDuplicate();
      await request('POST', `/api/feedback/${item.id}/actions`, body);
      onDone(t('ui.feedback.done', { action: labels.action(action) }));
    });
  };

  // Opening a step's form takes the keyboard into it: its first field, or its confirm button.
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const fields = form.current?.querySelectorAll<HTMLElement>('input:not([type="radio"]), select, textarea, input[type="radio"]:checked, button[type="submit"]');
    [...(fields ?? [])].find((el) => !el.closest('details:not([open])'))?.focus();
  }, []);

  const label = labels.action(action);
  return (
    <form ref={form} id={id} onSubmit={submit} noValidate className="fb-action-form" aria-label={label} data-form={action}>
      <h3>{action === 'transfer' && item.procedure ? t('ui.feedback.action.transfer_to', { procedure: labels.procedure(item.procedure) }) : label}</h3>
      <p className="hint">{t(`ui.feedback.help.${action}`)}</p>
      <ErrorBanner error={error} />
      {action === 'assign' && (
        <SelectField label={t('ui.feedback.assignee')} value={f.assigneeId} onChange={set('assigneeId')} required error={errs.assigneeId}
          options={[{ value: '', label: t('ui.feedback.choose') }, ...item.candidates.map((c) => ({
            value: String(c.id), label: c.id === me.user.id ? t('ui.feedback.me', { name: c.fullName ?? '' }) : c.fullName ?? `#${c.id}`,
          }))]} />
      )}
      {action === 'forward' && (
        <>
          {otherUnits > 0 && (
            <fieldset className="fb-radios">
              <legend>{t('ui.feedback.forward_to')}</legend>
              {(['unit', 'outside'] as const).map((m) => (
                <label key={m} className="radio">
                  <input type="radio" name={`${id}-mode`} value={m} checked={forwardMode === m} onChange={() => set('forwardMode')(m)} />
                  {t(`ui.feedback.forward_mode.${m}`)}
                </label>
              ))}
            </fieldset>
          )}
          {forwardMode === 'unit'
            ? <UnitSelect label={t('ui.feedback.target_unit')} value={f.targetUnitId} onChange={set('targetUnitId')} emptyLabel={t('ui.unit.choose')}
              exclude={item.unitId} required error={errs.targetUnitId} source="all" />
            : <TextField label={t('ui.feedback.target_name')} name="targetName" value={f.targetName} onChange={set('targetName')} required error={errs.targetName}
              hint={t('ui.feedback.target_name_hint')} />}
        </>
      )}
      {action === 'draft' && templates && templates.length > 0 && (
        <div className="fb-template-row">
          <SelectField label={t('ui.feedback.template')} value={templateId} onChange={setTemplateId}
            options={[{ value: '', label: t('ui.feedback.choose') }, ...templates.map((x) => ({
              value: String(x.id), label: x.match === 'topic' || x.match === 'parent_topic' ? `${x.title} — ${t('ui.feedback.template_for_topic')}` : x.title,
            }))]} />
          <button type="button" onClick={() => void applyTemplate()} disabled={!templateId}>{t('ui.feedback.template_use')}</button>
        </div>
      )}
      {action === 'draft' && templateNote && <p className="alert warn" role="status">{templateNote}</p>}
      {action === 'draft' && (
        <TextArea label={t('ui.feedback.answer')} value={f.answer} onChange={set('answer')} rows={7} required error={errs.answer} maxLength={10000}
          hint={t('ui.feedback.answer_hint')} name="answer" />
      )}
      {action === 'approve' && item.answerDraft && (
        <div className="fb-answer fb-answer-draft">
          <h4>{t('ui.feedback.answer_draft')}</h4>
          <div className="fb-text">{item.answerDraft}</div>
        </div>
      )}
      {action === 'close' && (
        <fieldset className="fb-radios">
          <legend>{t('ui.feedback.outcome')}</legend>
          {outcomes.map((o) => (
            <label key={o} className="radio">
              <input type="radio" name={`${id}-outcome`} value={o} checked={f.outcome === o} onChange={() => set('outcome')(o)} />
              {labels.outcome(o)}
            </label>
          ))}
          {errs.outcome && <p className="field-error">{errs.outcome}</p>}
        </fieldset>
      )}
      {action === 'duplicate' && (
        <TextField label={t('ui.feedback.duplicate_target')} name="duplicateOf" value={f.duplicateOf} onChange={set('duplicateOf')} required
          error={errs.duplicateOf} hint={t('ui.feedback.duplicate_hint')} autoComplete="off" />
      )}
      {spec.reason && (
        <TextArea label={t(`ui.feedback.reason.${action}`)} value={f.reason} onChange={set('reason')} rows={3} required error={errs.reason} name="reason"
          hint={spec.public ? t('ui.feedback.reason_public_hint') : undefined} />
      )}
      {spec.public
        ? (
          <details className="fb-public-override">
            <summary>{t('ui.feedback.public_message_toggle')}</summary>
            <TextArea label={t('ui.feedback.public_message')} value={f.publicMessage} onChange={set('publicMessage')} rows={3} error={errs.publicMessage}
              hint={t('ui.feedback.public_message_hint')} name="publicMessage" />
          </details>
        )
        : null}
      <TextArea label={t('ui.feedback.internal_note')} value={f.internalNote} onChange={set('internalNote')} rows={2} error={errs.internalNote}
        hint={t('ui.feedback.internal_note_hint')} name="internalNote" />
      <p className={`fb-tell ${spec.public ? 'fb-tell-public' : ''}`}>{spec.public ? t('ui.feedback.tells_citizen') : t('ui.feedback.internal_step')}</p>
      <div className="form-actions">
        <button type="submit" className={DANGER.includes(action) ? 'danger' : 'primary'} disabled={busy}>
          {busy ? t('ui.busy') : t('ui.feedback.confirm', { action: label })}
        </button>
        <button type="button" onClick={onCancel}>{t('ui.feedback.cancel')}</button>
      </div>
    </form>
  );
}
