// A user's grants (role at a unit, reaching its subtree): revoke where allowed, add one with a role and unit.
import { useState, type FormEvent } from 'react';
import { ApiError, request } from '../api.ts';
import { useT } from '../i18n.ts';
import { ROLES, type Role, type UserRow } from '../types.ts';
import { ErrorBanner, fieldErrors } from '../ui/Alert.tsx';
import { SelectField } from '../ui/Field.tsx';
import { useSubmit } from '../ui/useAsync.ts';
import { UnitPicker } from '../units/UnitPicker.tsx';

export function GrantsEditor({ user, canGrant, onChanged }: { user: UserRow; canGrant: boolean; onChanged: () => void }) {
  const t = useT();
  const [role, setRole] = useState<Role>('officer');
  const [unitId, setUnitId] = useState<number | null>(null);
  const add = useSubmit();
  const revoke = useSubmit();
  const errs = fieldErrors(add.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void add.run(async () => {
      if (!unitId) throw new ApiError(400, 'validation', t('errors.validation'), { unitId: t('validation.required') });
      await request('POST', `/api/users/${user.id}/grants`, { unitId, role });
      setUnitId(null);
      onChanged();
    });
  };

  return (
    <section aria-labelledby="g-title" className="grants-box">
      <h3 id="g-title">{t('ui.grants.title')}</h3>
      <ErrorBanner error={revoke.error} />
      {user.grants.length === 0 && <p className="muted">{t('ui.users.no_grants')}</p>}
      <ul className="grant-list">
        {user.grants.map((g) => (
          <li key={g.id} data-grant={`${g.role}@${g.unitId}`}>
            <span><span className={`role role-${g.role}`}>{t(`role.${g.role}`)}</span> {g.unitName}</span>
            {canGrant && g.canRevoke && (
              <button type="button" className="danger small" disabled={revoke.busy}
                aria-label={t('ui.grants.revoke_label', { role: t(`role.${g.role}`), unit: g.unitName ?? '' })}
                onClick={() => void revoke.run(async () => {
                  if (!window.confirm(t('ui.grants.confirm_revoke', { role: t(`role.${g.role}`), unit: g.unitName ?? '' }))) return;
                  await request('DELETE', `/api/users/${user.id}/grants/${g.id}`);
                  onChanged();
                })}>
                {t('ui.grants.revoke')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {canGrant && (
        <form onSubmit={submit} noValidate className="form-grid" aria-label={t('ui.grants.add')}>
          <h4>{t('ui.grants.add')}</h4>
          <ErrorBanner error={add.error} />
          <SelectField label={t('ui.grants.role')} value={role} onChange={(v) => setRole(v as Role)} error={errs.role}
            options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          <UnitPicker label={t('ui.grants.unit')} value={unitId} onChange={setUnitId} required error={errs.unitId} />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={add.busy}>{add.busy ? t('ui.busy') : t('ui.grants.add_submit')}</button>
          </div>
        </form>
      )}
    </section>
  );
}
