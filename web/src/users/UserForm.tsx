// Create an account (username, first password, name, contact, home unit) or edit one (no username/password).
import { useState, type FormEvent } from 'react';
import { ApiError, request } from '../api.ts';
import { useT } from '../i18n.ts';
import type { UserRow } from '../types.ts';
import { ErrorBanner, Notice, fieldErrors } from '../ui/Alert.tsx';
import { TextField } from '../ui/Field.tsx';
import { useSubmit } from '../ui/useAsync.ts';
import { UnitPicker } from '../units/UnitPicker.tsx';

export function UserForm({ user, onSaved }: { user?: UserRow; onSaved: (u: UserRow) => void }) {
  const t = useT();
  const [f, setF] = useState({
    username: '', password: '', fullName: user?.fullName ?? '', phone: user?.phone ?? '', email: user?.email ?? '',
  });
  const [unitId, setUnitId] = useState<number | null>(user?.unitId ?? null);
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useSubmit();
  const errs = fieldErrors(error);
  const set = (k: keyof typeof f) => (v: string) => setF((x) => ({ ...x, [k]: v }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    void run(async () => {
      const common = { fullName: f.fullName, phone: f.phone, email: f.email };
      if (!unitId) throw new ApiError(400, 'validation', t('errors.validation'), { unitId: t('validation.required') });
      const saved = user
        ? await request<UserRow>('PATCH', `/api/users/${user.id}`, { ...common, unitId })
        : await request<UserRow>('POST', '/api/users', { ...common, username: f.username, password: f.password, unitId });
      setSaved(true);
      onSaved(saved);
    });
  };

  return (
    <form onSubmit={submit} noValidate className="form-grid" aria-label={user ? t('ui.users.edit') : t('ui.users.new')}>
      <ErrorBanner error={error} />
      <Notice>{saved && user ? t('ui.saved') : null}</Notice>
      {!user && <>
        <TextField label={t('ui.users.username')} name="username" value={f.username} onChange={set('username')} required autoComplete="off" error={errs.username} />
        <TextField label={t('ui.users.password')} name="password" type="password" value={f.password} onChange={set('password')} required
          autoComplete="new-password" error={errs.password} hint={t('ui.password.rules')} />
      </>}
      <TextField label={t('ui.users.full_name')} name="fullName" value={f.fullName} onChange={set('fullName')} required error={errs.fullName} />
      <TextField label={t('ui.users.phone')} name="phone" type="tel" value={f.phone} onChange={set('phone')} error={errs.phone} />
      <TextField label={t('ui.users.email')} name="email" type="email" value={f.email} onChange={set('email')} error={errs.email} />
      <UnitPicker label={t('ui.users.unit')} value={unitId} onChange={setUnitId} required error={errs.unitId} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? t('ui.busy') : user ? t('ui.save') : t('ui.create')}</button>
      </div>
    </form>
  );
}
