// Change one's own password: required after an admin set a temporary one, and available from the header.
import { useState, type FormEvent } from 'react';
import { ApiError, request } from './api.ts';
import { useT } from './i18n.ts';
import { ErrorBanner, Notice, fieldErrors } from './ui/Alert.tsx';
import { TextField } from './ui/Field.tsx';
import { useSubmit } from './ui/useAsync.ts';

export function ChangePassword({ required, onDone }: { required?: boolean; onDone?: () => Promise<void> }) {
  const t = useT();
  const [form, setForm] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [done, setDone] = useState(false);
  const { busy, error, run } = useSubmit();
  const fields = fieldErrors(error);
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    void run(async () => {
      if (form.newPassword !== form.confirm) {
        throw new ApiError(400, 'validation', t('ui.password.check_fields'), { confirm: t('ui.password.mismatch') });
      }
      await request('POST', '/api/auth/password', { currentPassword: form.currentPassword, newPassword: form.newPassword });
      setForm({ currentPassword: '', newPassword: '', confirm: '' });
      setDone(true);
      await onDone?.();
    });
  };

  return (
    <section className="panel narrow" aria-labelledby="pw-title">
      <h1 id="pw-title">{t('ui.password.title')}</h1>
      {required && <p className="alert warn">{t('ui.password.required')}</p>}
      <form onSubmit={submit} noValidate>
        <ErrorBanner error={error} />
        <Notice>{done ? t('ui.password.changed') : null}</Notice>
        <TextField label={t('ui.password.current')} type="password" autoComplete="current-password" required
          value={form.currentPassword} onChange={set('currentPassword')} error={fields.currentPassword} />
        <TextField label={t('ui.password.new')} type="password" autoComplete="new-password" required hint={t('ui.password.rules')}
          value={form.newPassword} onChange={set('newPassword')} error={fields.newPassword} />
        <TextField label={t('ui.password.confirm')} type="password" autoComplete="new-password" required
          value={form.confirm} onChange={set('confirm')} error={fields.confirm} />
        <button type="submit" className="primary" disabled={busy}>{busy ? t('ui.busy') : t('ui.password.submit')}</button>
      </form>
    </section>
  );
}
