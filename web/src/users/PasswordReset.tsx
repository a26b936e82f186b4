// An admin sets a temporary password; the user must change it at the next sign-in.
import { useState, type FormEvent } from 'react';
import { request } from '../api.ts';
import { useT } from '../i18n.ts';
import { ErrorBanner, Notice, fieldErrors } from '../ui/Alert.tsx';
import { TextField } from '../ui/Field.tsx';
import { useSubmit } from '../ui/useAsync.ts';

export function PasswordReset({ userId, username }: { userId: number; username: string }) {
  const t = useT();
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, run } = useSubmit();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    void run(async () => {
      await request('POST', `/api/users/${userId}/password-reset`, { password });
      setPassword('');
      setDone(true);
    });
  };

  return (
    <details className="reset-box">
      <summary>{t('ui.reset.title')}</summary>
      <form onSubmit={submit} noValidate>
        <ErrorBanner error={error} />
        <Notice>{done ? t('ui.reset.done', { username }) : null}</Notice>
        <TextField label={t('ui.reset.password')} type="password" autoComplete="new-password" value={password} onChange={setPassword}
          required error={fieldErrors(error).password} hint={t('ui.password.rules')} />
        <button type="submit" disabled={busy}>{busy ? t('ui.busy') : t('ui.reset.submit')}</button>
      </form>
    </details>
  );
}
