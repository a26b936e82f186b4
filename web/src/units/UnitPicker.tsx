// Choosing a unit for a user or a grant: today's tree, already cut to what the admin may see.
import { useEffect, useId, useState } from 'react';
import { request } from '../api.ts';
import { useT } from '../i18n.ts';
import type { UnitNode } from '../types.ts';
import { Label } from '../ui/Field.tsx';
import { walk } from './treeModel.ts';

let cached: Promise<UnitNode[]> | null = null;

/** The scoped tree as of today, fetched once per change of units. */
function todayTree(): Promise<UnitNode[]> {
  cached ??= request<{ roots: UnitNode[] }>('GET', '/api/units/tree').then((r) => r.roots, (e: unknown) => {
    cached = null;
    throw e;
  });
  return cached;
}

/** Called after any unit write so pickers show the new tree. */
export function forgetTodayTree() {
  cached = null;
}

interface Props {
  label: string;
  value: number | null;
  onChange: (id: number | null) => void;
  error?: string;
  required?: boolean;
  /** What the empty choice means where it is a filter (e.g. "all units in scope"); by default, "choose a unit". */
  emptyLabel?: string;
}

export function UnitPicker({ label, value, onChange, error, required, emptyLabel }: Props) {
  const t = useT();
  const id = useId();
  const [options, setOptions] = useState<{ id: number; label: string }[] | null>(null);
  useEffect(() => {
    let live = true;
    void todayTree().then((roots) => {
      const out: { id: number; label: string }[] = [];
      // Indentation shows the hierarchy inside a plain, accessible <select>.
      walk(roots, (n, anc) => out.push({ id: n.id, label: `${'\u00a0\u00a0'.repeat(anc.length)}${n.name}` }));
      if (live) setOptions(out);
    }, () => live && setOptions([]));
    return () => {
      live = false;
    };
  }, []);
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <Label htmlFor={id} text={label} required={required} />
      <select id={id} value={value ?? ''} required={required} aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined} disabled={!options}
        onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}>
        <option value="">{options ? emptyLabel ?? t('ui.unit.choose') : t('ui.loading')}</option>
        {options?.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
      </select>
      {error && <small id={`${id}-err`} className="field-error">{error}</small>}
    </div>
  );
}
