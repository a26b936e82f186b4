// Small pieces the register's screens share: the state badge, the due date with what is left (or an overdue
// badge in words, not colour alone), a labelled textarea of a chosen height, a checkbox, and a unit select over
// the user's scoped tree ("all units" first, for filters).
import { useEffect, useId, useState } from 'react';
import { request } from '../api.ts';
import { formatDate } from '../dates.ts';
import { useT } from '../i18n.ts';
import type { UnitNode } from '../types.ts';
import { Label } from '../ui/Field.tsx';
import { walk } from '../units/treeModel.ts';
import type { FeedbackOutcome, FeedbackState } from './model.ts';
import type { Labels } from './labels.ts';

export function StateBadge({ state, outcome, labels }: { state: FeedbackState; outcome?: FeedbackOutcome | null; labels: Labels }) {
  return (
    <span className={`tag fb-state fb-state-${state}`} data-state={state}>
      {labels.state(state)}{outcome ? ` · ${labels.outcome(outcome)}` : ''}
    </span>
  );
}

/** dd/MM/yyyy and the working days left; overdue and due-soon as badges with words. */
export function DueText({ dueOn, overdue, workingDaysLeft, labels }: { dueOn: string | null; overdue: boolean; workingDaysLeft: number | null; labels: Labels }) {
  const t = useT();
  if (!dueOn) return <span className="muted">—</span>;
  const soon = !overdue && workingDaysLeft !== null && workingDaysLeft <= 2;
  return (
    <span className="fb-due" data-overdue={overdue || undefined}>
      <span className="nowrap">{formatDate(dueOn)}</span>
      {overdue && <span className="tag fb-overdue">{t('ui.feedback.overdue')}</span>}
      {soon && <span className="tag fb-soon">{t('ui.feedback.due_soon')}</span>}
      {workingDaysLeft !== null && <span className="fb-days">{labels.daysLeft(workingDaysLeft)}</span>}
    </span>
  );
}

interface AreaProps {
  label: string;
  value: string;
  onChange: (v: string) => void;
  rows?: number;
  error?: string;
  hint?: string;
  required?: boolean;
  name?: string;
  maxLength?: number;
}

export function TextArea({ label, value, onChange, rows = 4, error, hint, required, name, maxLength }: AreaProps) {
  const id = useId();
  const describedBy = [hint && `${id}-hint`, error && `${id}-err`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <Label htmlFor={id} text={label} required={required} />
      <textarea id={id} name={name} value={value} rows={rows} required={required} maxLength={maxLength}
        aria-invalid={error ? true : undefined} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)} />
      {hint && <small id={`${id}-hint`} className="hint">{hint}</small>}
      {error && <small id={`${id}-err`} className="field-error">{error}</small>}
    </div>
  );
}

export function Checkbox({ label, checked, onChange, hint, name }: { label: string; checked: boolean; onChange: (v: boolean) => void; hint?: string; name?: string }) {
  const id = useId();
  return (
    <div className="fb-check">
      <input id={id} type="checkbox" name={name} checked={checked} onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>{label}</label>
      {hint && <small id={`${id}-hint`} className="hint">{hint}</small>}
    </div>
  );
}

let treeCache: Promise<UnitNode[]> | null = null;

/** The user's units as of today, indented by depth (the server cuts the tree to the user's scope). */
let allCache: Promise<UnitNode[]> | null = null;

/** The user's units (source 'scope') or every unit that exists today (source 'all': where to forward). */
function scopedUnits(source: 'scope' | 'all' = 'scope'): Promise<{ id: number; label: string; depth: number }[]> {
  const load = (url: string, reset: () => void) => request<{ roots: UnitNode[] }>('GET', url).then((r) => r.roots, (e: unknown) => {
    reset();
    throw e;
  });
  const roots = source === 'all'
    ? (allCache ??= load('/api/feedback-forward-targets', () => { allCache = null; }))
    : (treeCache ??= load('/api/units/tree', () => { treeCache = null; }));
  return roots.then((roots) => {
    const out: { id: number; label: string; depth: number }[] = [];
    walk(roots, (n, anc) => out.push({ id: n.id, label: n.name, depth: anc.length }));
    return out;
  });
}

export function useScopedUnits(source: 'scope' | 'all' = 'scope') {
  const [units, setUnits] = useState<{ id: number; label: string; depth: number }[] | null>(null);
  useEffect(() => {
    let live = true;
    scopedUnits(source).then((u) => live && setUnits(u), () => live && setUnits([]));
    return () => {
      live = false;
    };
  }, [source]);
  return units;
}

interface UnitSelectProps {
  label: string;
  value: string;
  onChange: (v: string) => void;
  /** The first option's words: "all units" for a filter, "choose" for a form. */
  emptyLabel: string;
  error?: string;
  required?: boolean;
  exclude?: number;
  source?: 'scope' | 'all';
}

export function UnitSelect({ label, value, onChange, emptyLabel, error, required, exclude, source }: UnitSelectProps) {
  const t = useT();
  const id = useId();
  const units = useScopedUnits(source);
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <Label htmlFor={id} text={label} required={required} />
      <select id={id} value={value} required={required} disabled={!units} aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined} onChange={(e) => onChange(e.target.value)}>
        <option value="">{units ? emptyLabel : t('ui.loading')}</option>
        {units?.filter((u) => u.id !== exclude).map((u) => (
          <option key={u.id} value={String(u.id)}>{`${'\u00a0\u00a0'.repeat(u.depth)}${u.label}`}</option>
        ))}
      </select>
      {error && <small id={`${id}-err`} className="field-error">{error}</small>}
    </div>
  );
}
