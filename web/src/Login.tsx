// Sign in: POST /api/auth/login; the session cookie is httpOnly, so the console only keeps the CSRF token.
import { useState, type FormEvent } from 'react';
import { request, setCsrfToken } from './api.ts';
import { useT } from './i18n.ts';
import { ErrorBanner, fieldErrors } from './ui/Alert.tsx';
import { TextField } from './ui/Field.tsx';
import { useSubmit } from './ui/useAsync.ts';
import { LangSwitch } from './LangSwitch.tsx';

export function Login({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const t = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit();
  const fields = fieldErrors(error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const res = await request<{ csrfToken: string }>('POST', '/api/auth/login', { username, password });
      setCsrfToken(res.csrfToken);
      await onSignedIn();
    });
  };

  return (
    <main className="login-page">
      <div className="login-card">
        <div className="login-top">
          <p className="brand-mark" aria-hidden="true">LN</p>
          <LangSwitch />
        </div>
        <h1>{t('ui.app.name')}</h1>
        <p className="muted">{t('ui.login.subtitle')}</p>
        <form onSubmit={submit} noValidate aria-label={t('ui.login.title')}>
          <ErrorBanner error={error} />
          <TextField label={t('ui.login.username')} name="username" value={username} onChange={setUsername}
            autoComplete="username" required error={fields.username} />
          <TextField label={t('ui.login.password')} name="password" type="password" value={password} onChange={setPassword}
            autoComplete="current-password" required error={fields.password} />
          <button type="submit" className="primary wide" disabled={busy}>{busy ? t('ui.busy') : t('ui.login.submit')}</button>
        </form>
      </div>
    </main>
  );
}
