// Record a merge, split, rename, re-parent or dissolution with its effective date. Units are named by code;
// this unit's code is filled in where it naturally belongs.
import { useState, type FormEvent } from 'react';
import { request } from '../api.ts';
import { formatDate, todayVN } from '../dates.ts';
import { useT } from '../i18n.ts';
import type { UnitDetail } from '../types.ts';
import { ErrorBanner, Notice, fieldErrors } from '../ui/Alert.tsx';
import { DateInput } from '../ui/DateInput.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { useSubmit } from '../ui/useAsync.ts';

const KINDS = ['merge', 'split', 'rename', 'reparent', 'dissolve'] as const;
type Kind = (typeof KINDS)[number];

/** 'A, B\nC' -> ['A','B','C']: codes may be pasted one per line or separated by commas. */
const codes = (s: string) => s.split(/[\s,;]+/).map((c) => c.trim()).filter(Boolean);

export function LineageForm({ unit, onSaved }: { unit: UnitDetail; onSaved: () => void }) {
  const t = useT();
  const [kind, setKind] = useState<Kind>('rename');
  const [f, setF] = useState({ date: todayVN(), from: '', to: unit.code, name: unit.name, parent: unit.parent?.code ?? '', note: '' });
  const [saved, setSaved] = useState<string | null>(null);
  const { busy, error, run } = useSubmit();
  const raw = fieldErrors(error);
  // Array items fail as 'from.2': show them on the field.
  const errs = (k: string) => Object.entries(raw).find(([name]) => name === k || name.startsWith(`${k}.`))?.[1];
  const set = (k: keyof typeof f) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  const chooseKind = (k: string) => {
    setKind(k as Kind);
    // Merges usually end in this unit; splits usually start from it.
    setF((x) => ({ ...x, from: k === 'split' ? unit.code : '', to: k === 'merge' ? unit.code : '' }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const note = f.note || null;
    const body = {
      merge: { kind, date: f.date, from: codes(f.from), to: f.to.trim(), note },
      split: { kind, date: f.date, from: f.from.trim(), to: codes(f.to), note },
      rename: { kind, date: f.date, unit: unit.code, name: f.name, note },
      reparent: { kind, date: f.date, unit: unit.code, parent: f.parent.trim(), note },
      dissolve: { kind, date: f.date, unit: unit.code, note },
    }[kind];
    void run(async () => {
      await request('POST', '/api/units/events', body);
      setSaved(t('ui.lineage.saved', { kind: t(`lineage.${kind}`), date: formatDate(f.date) }));
      onSaved();
    });
  };

  return (
    <form onSubmit={submit} noValidate className="form-grid">
      <ErrorBanner error={error} />
      <Notice>{saved}</Notice>
      <SelectField label={t('ui.lineage.kind')} value={kind} onChange={chooseKind} options={KINDS.map((k) => ({ value: k, label: t(`lineage.${k}`) }))} />
      <DateInput label={t('ui.lineage.date')} value={f.date} onChange={set('date')} required error={errs('date')} />
      {kind === 'merge' && <>
        <TextField label={t('ui.lineage.merge_from')} multiline value={f.from} onChange={set('from')} required error={errs('from')} hint={t('ui.lineage.codes_hint')} />
        <TextField label={t('ui.lineage.merge_to')} value={f.to} onChange={set('to')} required error={errs('to')} />
      </>}
      {kind === 'split' && <>
        <TextField label={t('ui.lineage.split_from')} value={f.from} onChange={set('from')} required error={errs('from')} />
        <TextField label={t('ui.lineage.split_to')} multiline value={f.to} onChange={set('to')} required error={errs('to')} hint={t('ui.lineage.codes_hint')} />
      </>}
      {kind === 'rename' && <TextField label={t('ui.lineage.new_name')} value={f.name} onChange={set('name')} required error={errs('name')} />}
      {kind === 'reparent' && <TextField label={t('ui.lineage.new_parent')} value={f.parent} onChange={set('parent')} required error={errs('parent')} />}
      {kind === 'dissolve' && <p className="alert warn">{t('ui.lineage.dissolve_warning', { name: unit.name })}</p>}
      <TextField label={t('ui.lineage.note')} multiline value={f.note} onChange={set('note')} error={errs('note')} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? t('ui.busy') : t('ui.lineage.submit')}</button>
      </div>
    </form>
  );
}
