// One account: what leaders may read, and for admins (per `allowed`) edit, disable/enable, reset password
// and grants.
import { request } from '../api.ts';
import { useT } from '../i18n.ts';
import type { UserRow } from '../types.ts';
import { ErrorBanner, Notice } from '../ui/Alert.tsx';
import { useLoad, useSubmit } from '../ui/useAsync.ts';
import { GrantsEditor } from './GrantsEditor.tsx';
import { PasswordReset } from './PasswordReset.tsx';
import { UserForm } from './UserForm.tsx';

export function UserPanel({ id, notice, onChanged }: { id: number; notice?: string; onChanged: () => void }) {
  const t = useT();
  const { data: u, error, reload } = useLoad(() => request<UserRow>('GET', `/api/users/${id}`), [id]);
  const toggle = useSubmit();
  const changed = () => {
    reload();
    onChanged();
  };
  if (error) return <ErrorBanner error={error} />;
  if (!u) return <p role="status">{t('ui.loading')}</p>;
  const may = (a: string) => u.allowed.includes(a);

  return (
    <div className="user-panel">
      <h2>{u.fullName} <span className="muted">({u.username})</span></h2>
      <Notice>{notice ?? null}</Notice>
      {u.disabled && <p className="alert warn">{t('ui.users.is_disabled')}</p>}
      {may('update') ? (
        <section aria-labelledby="u-edit">
          <h3 id="u-edit">{t('ui.users.edit')}</h3>
          <UserForm user={u} onSaved={changed} />
          <ErrorBanner error={toggle.error} />
          <div className="account-state">
            <span>{t('ui.users.state')}: <strong>{u.disabled ? t('ui.users.disabled') : t('ui.users.active')}</strong></span>
            <button type="button" className={u.disabled ? '' : 'danger'} disabled={toggle.busy}
              onClick={() => void toggle.run(async () => {
                await request('PATCH', `/api/users/${u.id}`, { disabled: !u.disabled });
                changed();
              })}>
              {u.disabled ? t('ui.users.enable') : t('ui.users.disable')}
            </button>
          </div>
        </section>
      ) : (
        <dl className="facts">
          <dt>{t('ui.users.unit')}</dt><dd>{u.unitName}</dd>
          <dt>{t('ui.users.phone')}</dt><dd>{u.phone ?? '—'}</dd>
          <dt>{t('ui.users.email')}</dt><dd>{u.email ?? '—'}</dd>
        </dl>
      )}
      <GrantsEditor user={u} canGrant={may('grant')} onChanged={changed} />
      {may('resetPassword') && <PasswordReset userId={u.id} username={u.username} />}
    </div>
  );
}
