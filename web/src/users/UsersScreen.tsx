// Users and grants: a searchable, paged list beside the chosen user's panel (or the "new user" form).
// /users?user=<id> opens that user's panel (links from other screens, e.g. the reminders' unreachable people).
import { useState, type FormEvent } from 'react';
import { qs, request } from '../api.ts';
import { useT } from '../i18n.ts';
import { useRoute } from '../router.ts';
import { useSession } from '../session.ts';
import type { UserRow } from '../types.ts';
import { ErrorBanner } from '../ui/Alert.tsx';
import { useLoad } from '../ui/useAsync.ts';
import { UserForm } from './UserForm.tsx';
import { UserPanel } from './UserPanel.tsx';

type Selection = { kind: 'none' } | { kind: 'new' } | { kind: 'user'; id: number; notice?: string };

export function UsersScreen() {
  const t = useT();
  const { me } = useSession();
  const [draft, setDraft] = useState('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const { query } = useRoute();
  const [sel, setSel] = useState<Selection>(() => {
    const id = Number(query.get('user'));
    return Number.isSafeInteger(id) && id > 0 ? { kind: 'user', id } : { kind: 'none' };
  });
  const list = useLoad(() => request<{ users: UserRow[]; hasMore: boolean; page: number }>('GET', `/api/users${qs({ search, page })}`), [search, page]);

  const submitSearch = (e: FormEvent) => {
    e.preventDefault();
    setPage(1);
    setSearch(draft.trim());
  };

  return (
    <div className={`split${sel.kind !== 'none' ? ' has-detail' : ''}`}>
      <section className="panel list-panel" aria-labelledby="users-title">
        <div className="panel-head">
          <h1 id="users-title">{t('ui.users.title')}</h1>
          {me.can.manageUsers && <button type="button" className="primary" onClick={() => setSel({ kind: 'new' })}>{t('ui.users.new')}</button>}
        </div>
        <form role="search" onSubmit={submitSearch} className="inline-form">
          <label htmlFor="user-search" className="sr-only">{t('ui.users.search')}</label>
          <input id="user-search" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder={t('ui.users.search_placeholder')} />
          <button type="submit">{t('ui.search')}</button>
        </form>
        <ErrorBanner error={list.error} />
        {list.loading && !list.data && <p role="status">{t('ui.loading')}</p>}
        {list.data && (
          <>
            {list.data.users.length === 0 && <p className="muted">{t('ui.users.none')}</p>}
            <ul className="user-list">
              {list.data.users.map((u) => (
                <li key={u.id}>
                  <button type="button" className={`user-item${sel.kind === 'user' && sel.id === u.id ? ' selected' : ''}`}
                    aria-pressed={sel.kind === 'user' && sel.id === u.id} onClick={() => setSel({ kind: 'user', id: u.id })}>
                    <span className="user-main">
                      <strong>{u.fullName}</strong> <span className="muted">{u.username}</span>
                      {u.disabled && <span className="tag tag-off">{t('ui.users.disabled')}</span>}
                      {u.mustChangePassword && <span className="tag">{t('ui.users.must_change')}</span>}
                    </span>
                    <span className="user-sub">{u.unitName}</span>
                    <span className="user-sub">{u.grants.map((g) => `${t(`role.${g.role}`)} · ${g.unitName ?? ''}`).join('; ') || t('ui.users.no_grants')}</span>
                  </button>
                </li>
              ))}
            </ul>
            <nav className="pager" aria-label={t('ui.pager.label')}>
              <button type="button" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>{t('ui.pager.prev')}</button>
              <span>{t('ui.pager.page', { n: page })}</span>
              <button type="button" disabled={!list.data.hasMore} onClick={() => setPage((p) => p + 1)}>{t('ui.pager.next')}</button>
            </nav>
          </>
        )}
      </section>
      <section className="panel detail-panel" aria-label={t('ui.users.detail')}>
        {sel.kind !== 'none' && (
          <button type="button" className="back only-narrow" onClick={() => setSel({ kind: 'none' })}>← {t('ui.users.back')}</button>
        )}
        {sel.kind === 'none' && <p className="muted">{t('ui.users.pick')}</p>}
        {sel.kind === 'new' && (
          <>
            <h2>{t('ui.users.new')}</h2>
            <UserForm onSaved={(u) => {
              list.reload();
              setSel({ kind: 'user', id: u.id, notice: t('ui.users.created', { username: u.username }) });
            }} />
          </>
        )}
        {sel.kind === 'user' && <UserPanel key={sel.id} id={sel.id} notice={sel.notice} onChanged={list.reload} />}
      </section>
    </div>
  );
}
