// The audit trail, newest first: filters (action, kind of record, who), "load more" paging by id, and each
// event's before/after on demand.
import { useState, type FormEvent } from 'react';
import { qs, request } from '../api.ts';
import { formatDateTime } from '../dates.ts';
import { useT } from '../i18n.ts';
import type { AuditEvent } from '../types.ts';
import { ErrorBanner } from '../ui/Alert.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { usePages } from '../ui/usePages.ts';
import { AuditDiff } from './AuditDiff.tsx';

const ACTIONS = ['session.login', 'session.logout', 'user.create', 'user.update', 'user.password_reset', 'user.password_change',
  'grant.create', 'grant.delete', 'unit.create', 'unit.update', 'unit.merge', 'unit.split', 'unit.rename', 'unit.reparent', 'unit.dissolve'];
const ENTITY_TYPES = ['user', 'grant', 'unit', 'unit_event'];
const PAGE = 50;

type Filters = { action: string; entityType: string; actor: string };

export function AuditScreen() {
  const t = useT();
  const [draft, setDraft] = useState<Filters>({ action: '', entityType: '', actor: '' });
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [applied, setApplied] = useState<Filters>(draft);
  const { items: events, hasMore, loading: busy, error, more } = usePages(
    (before: number | null) => request<{ events: AuditEvent[]; nextBefore: number | null }>('GET', `/api/audit${qs({ ...applied, before, limit: PAGE })}`)
      .then((r) => ({ items: r.events, next: r.nextBefore })),
    [applied],
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setOpen(new Set());
    setApplied({ ...draft, actor: draft.actor.trim() });
  };
  const toggle = (id: number) => setOpen((s) => {
    const n = new Set(s);
    if (n.has(id)) n.delete(id);
    else n.add(id);
    return n;
  });
  const actionLabel = (a: string) => {
    const label = t(`ui.action.${a}`);
    return label === `ui.action.${a}` ? a : label;
  };

  return (
    <section className="panel" aria-labelledby="audit-title">
      <h1 id="audit-title">{t('ui.audit.title')}</h1>
      <form onSubmit={submit} className="filters" aria-label={t('ui.audit.filters')}>
        <SelectField label={t('ui.audit.action')} value={draft.action} onChange={(v) => setDraft((d) => ({ ...d, action: v }))}
          options={[{ value: '', label: t('ui.all') }, ...ACTIONS.map((a) => ({ value: a, label: actionLabel(a) }))]} />
        <SelectField label={t('ui.audit.entity_type')} value={draft.entityType} onChange={(v) => setDraft((d) => ({ ...d, entityType: v }))}
          options={[{ value: '', label: t('ui.all') }, ...ENTITY_TYPES.map((e) => ({ value: e, label: t(`ui.entity.${e}`) }))]} />
        <TextField label={t('ui.audit.actor')} name="actor" value={draft.actor} onChange={(v) => setDraft((d) => ({ ...d, actor: v }))} />
        <div className="form-actions"><button type="submit" className="primary">{t('ui.audit.apply')}</button></div>
      </form>
      <ErrorBanner error={error} />
      {!busy && events.length === 0 && <p className="muted">{t('ui.audit.none')}</p>}
      <ol className="audit-list" aria-label={t('ui.audit.events')}>
        {events.map((e) => (
          <li key={e.id} className="audit-item" data-action={e.action}>
            <div className="audit-row">
              <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              <span className="audit-action">{actionLabel(e.action)}</span>
              <span className="audit-who">{e.actor ?? t('ui.audit.system')}</span>
              <span className="audit-unit muted">{e.unitName ?? '—'}</span>
              <span className="muted">{t(`ui.entity.${e.entityType}`)} #{e.entityId}</span>
              <button type="button" className="small" aria-expanded={open.has(e.id)} onClick={() => toggle(e.id)}
                aria-label={t(open.has(e.id) ? 'ui.audit.hide_label' : 'ui.audit.show_label', { id: e.id })}>
                {open.has(e.id) ? t('ui.audit.hide') : t('ui.audit.show')}
              </button>
            </div>
            {open.has(e.id) && <AuditDiff event={e} />}
          </li>
        ))}
      </ol>
      {busy && <p role="status">{t('ui.loading')}</p>}
      {hasMore && !busy && <button type="button" onClick={more}>{t('ui.audit.more')}</button>}
    </section>
  );
}
