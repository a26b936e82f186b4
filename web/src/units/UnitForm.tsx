// Create a child unit under this one, or correct this unit's record (PATCH: the same fields minus the code).
// Corrections fix what was recorded; real changes over time (renames, mergers) are lineage events.
import { useState, type FormEvent } from 'react';
import { request } from '../api.ts';
import { todayVN } from '../dates.ts';
import { useT } from '../i18n.ts';
import { LEVELS, type UnitDetail } from '../types.ts';
import { ErrorBanner, Notice, fieldErrors } from '../ui/Alert.tsx';
import { DateInput } from '../ui/DateInput.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { useSubmit } from '../ui/useAsync.ts';

const CHILD_LEVEL: Record<string, string> = { ministry: 'province', province: 'commune', district: 'commune' };

function initial(mode: 'create' | 'update', u: UnitDetail) {
  if (mode === 'create') {
    return { code: '', name: '', shortName: '', level: CHILD_LEVEL[u.level] ?? 'division', parentCode: u.code, validFrom: todayVN(), validTo: '', place: '' };
  }
  // The latest version is what a correction edits, whatever date the screen shows.
  const v = u.versions[u.versions.length - 1];
  return {
    code: u.code, name: v?.name ?? u.name, shortName: v?.shortName ?? '', level: u.level, parentCode: v?.parent?.code ?? u.parent?.code ?? '',
    validFrom: u.validFrom, validTo: u.validTo ?? '', place: v?.place ?? '',
  };
}

export function UnitForm({ mode, unit, onSaved }: { mode: 'create' | 'update'; unit: UnitDetail; onSaved: () => void }) {
  const t = useT();
  const [f, setF] = useState(() => initial(mode, unit));
  const [saved, setSaved] = useState<string | null>(null);
  const { busy, error, run } = useSubmit();
  const errs = fieldErrors(error);
  const set = (k: keyof typeof f) => (v: string) => setF((x) => ({ ...x, [k]: v }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    void run(async () => {
      const body = {
        name: f.name, shortName: f.shortName || null, level: f.level, parentCode: f.parentCode || null,
        validFrom: f.validFrom, validTo: f.validTo || null, place: f.place || null,
      };
      if (mode === 'create') {
        const created = await request<UnitDetail>('POST', '/api/units', { code: f.code, ...body });
        setSaved(t('ui.unit.created', { name: created.name }));
        setF(initial('create', unit));
      } else {
        await request('PATCH', `/api/units/${unit.id}`, body);
        setSaved(t('ui.saved'));
      }
      onSaved();
    });
  };

  return (
    <form onSubmit={submit} noValidate className="form-grid">
      <ErrorBanner error={error} />
      <Notice>{saved}</Notice>
      {mode === 'create' && <TextField label={t('ui.unit.code')} value={f.code} onChange={set('code')} required error={errs.code} hint={t('ui.unit.code_hint')} />}
      <TextField label={t('ui.unit.name')} value={f.name} onChange={set('name')} required error={errs.name} />
      <TextField label={t('ui.unit.short_name')} value={f.shortName} onChange={set('shortName')} error={errs.shortName} />
      <SelectField label={t('ui.unit.level')} value={f.level} onChange={set('level')} required error={errs.level}
        options={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))} />
      <TextField label={t('ui.unit.parent_code')} value={f.parentCode} onChange={set('parentCode')} error={errs.parentCode} />
      <TextField label={t('ui.unit.place')} value={f.place} onChange={set('place')} error={errs.place} />
      <DateInput label={t('ui.unit.valid_from')} value={f.validFrom} onChange={set('validFrom')} required error={errs.validFrom} />
      <DateInput label={t('ui.unit.valid_to')} value={f.validTo} onChange={set('validTo')} error={errs.validTo} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? t('ui.busy') : mode === 'create' ? t('ui.create') : t('ui.save')}</button>
      </div>
    </form>
  );
}
