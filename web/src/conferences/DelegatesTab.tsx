// The delegates invited: the list (no phone or email — those only on request, each view logged), adding one by
// hand with their group, importing a list, removing one not yet checked in.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, request } from '../api.ts';
import { formatDateTime } from '../dates.ts';
import { useT } from '../i18n.ts';
import { ErrorBanner, Notice, fieldErrors } from '../ui/Alert.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { useLoad, useSubmit } from '../ui/useAsync.ts';
import { DelegateImport } from './DelegateImport.tsx';
import { LooseFieldErrors } from './bits.tsx';
import { CATEGORIES, type Conference, type Delegate } from './model.ts';

const EMPTY = { fullName: '', title: '', organisation: '', village: '', phone: '', email: '', category: 'resident' };

export function DelegatesTab({ conference: c, onChanged }: { conference: Conference; onChanged: () => void }) {
  const t = useT();
  const list = useLoad(() => request<{ delegates: Delegate[] }>('GET', `/api/conferences/${c.id}/delegates`), [c.id]);
  const delegates = list.data?.delegates ?? [];
  const canPlan = c.allowed.includes('plan');
  const canContact = c.allowed.includes('contact');
  const [f, setF] = useState(EMPTY);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [contacts, setContacts] = useState<Record<number, { phone: string | null; email: string | null }>>({});
  const add = useSubmit();
  const rowAct = useSubmit();
  const errs = fieldErrors(add.error);
  const nameRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (add.error) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [add.error]);
  const set = (k: keyof typeof EMPTY) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  const changed = () => {
    list.reload();
    onChanged();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void add.run(async () => {
      if (!f.fullName.trim()) throw new ApiError(400, 'validation', t('errors.validation'), { fullName: t('validation.required') });
      const opt = (s: string) => s.trim() || undefined;
      await request('POST', `/api/conferences/${c.id}/delegates`, {
        fullName: f.fullName.trim(), title: opt(f.title), organisation: opt(f.organisation), village: opt(f.village),
        phone: opt(f.phone), email: opt(f.email), category: f.category,
      });
      setNotice(t('ui.conf.del.added', { name: f.fullName.trim() }));
      setF((x) => ({ ...EMPTY, category: x.category, organisation: x.organisation, village: x.village }));
      nameRef.current?.querySelector('input')?.focus();
      changed();
    });
  };
  const showContact = (d: Delegate) => void rowAct.run(async () => {
    const r = await request<{ phone: string | null; email: string | null }>('GET', `/api/conferences/${c.id}/delegates/${d.id}/contact`);
    setContacts((m) => ({ ...m, [d.id]: r }));
  });
  const remove = (d: Delegate) => {
    if (!window.confirm(t('ui.conf.del.remove_confirm', { name: d.fullName }))) return;
    void rowAct.run(async () => {
      await request('DELETE', `/api/conferences/${c.id}/delegates/${d.id}`);
      setNotice(t('ui.conf.del.removed', { name: d.fullName }));
      changed();
    });
  };
  const categoryOptions = CATEGORIES.map((x) => ({ value: x, label: t(`ui.conf.category.${x}`) }));

  return (
    <div className="conf-delegates">
      <Notice>{notice}</Notice>
      <ErrorBanner error={list.error ?? rowAct.error} />
      <LooseFieldErrors error={rowAct.error} names={['delegateId', 'state']} />
      <p role="status" className="muted">{list.loading && !list.data ? t('ui.loading') : t('ui.conf.del.count', { n: delegates.length, present: delegates.filter((d) => d.checkedInAt).length })}</p>
      {delegates.length > 0 && (
        <div className="table-wrap">
          <table className="stack conf-del-table">
            <thead>
              <tr>
                <th scope="col" className="num">#</th>
                <th scope="col">{t('ui.conf.del.name')}</th>
                <th scope="col">{t('ui.conf.del.title_org')}</th>
                <th scope="col">{t('ui.conf.del.village')}</th>
                <th scope="col">{t('ui.conf.del.category')}</th>
                <th scope="col">{t('ui.conf.del.checkin')}</th>
                <th scope="col"><span className="sr-only">{t('ui.conf.del.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {delegates.map((d, i) => (
                <tr key={d.id} data-delegate={d.id}>
                  <td data-label="#" className="num">{i + 1}</td>
                  <th scope="row">{d.fullName}{d.walkIn && <span className="tag conf-walkin">{t('ui.conf.del.walk_in')}</span>}</th>
                  <td data-label={t('ui.conf.del.title_org')}>{[d.title, d.organisation].filter(Boolean).join(', ') || <span className="muted">—</span>}</td>
                  <td data-label={t('ui.conf.del.village')}>{d.village ?? <span className="muted">—</span>}</td>
                  <td data-label={t('ui.conf.del.category')}>{t(`ui.conf.category.${d.category}`)}</td>
                  <td data-label={t('ui.conf.del.checkin')}>
                    {d.checkedInAt
                      ? <span className="tag conf-present">✓ {formatDateTime(d.checkedInAt).slice(11)}{d.checkinMethod === 'self' ? ` · ${t('ui.conf.del.self')}` : ''}</span>
                      : <span className="muted">{t('ui.conf.del.not_yet')}</span>}
                  </td>
                  <td data-label={t('ui.conf.del.actions')}>
                    <div className="conf-row-actions">
                      {contacts[d.id]
                        ? <span className="conf-contact">{[contacts[d.id]!.phone, contacts[d.id]!.email].filter(Boolean).join(' · ') || t('ui.conf.del.no_contact')}</span>
                        : canContact && d.hasContact && <button type="button" className="small" onClick={() => showContact(d)} aria-label={t('ui.conf.del.contact_for', { name: d.fullName })}>{t('ui.conf.del.contact')}</button>}
                      {canPlan && <button type="button" className="small" aria-expanded={editing === d.id} onClick={() => setEditing(editing === d.id ? null : d.id)}
                        aria-label={t('ui.conf.del.edit_for', { name: d.fullName })}>{t('ui.conf.del.edit')}</button>}
                      {canPlan && !d.checkedInAt && <button type="button" className="small danger" onClick={() => remove(d)} aria-label={t('ui.conf.del.remove_for', { name: d.fullName })}>{t('ui.conf.del.remove')}</button>}
                    </div>
                  </td>
                </tr>
              )).flatMap((row, i) => {
                const d = delegates[i]!;
                return editing === d.id ? [row, (
                  <tr key={`edit-${d.id}`} className="editor-row">
                    <td colSpan={7}>
                      <DelegateEdit conferenceId={c.id} delegate={d} options={categoryOptions} onDone={(saved) => {
                        setEditing(null);
                        if (saved) {
                          setNotice(t('ui.conf.del.saved', { name: saved }));
                          changed();
                        }
                      }} />
                    </td>
                  </tr>
                )] : [row];
              })}
            </tbody>
          </table>
        </div>
      )}
      {canPlan && (
        <div className="conf-del-tools">
          <section className="create-box" aria-labelledby="conf-del-add">
            <h3 id="conf-del-add">{t('ui.conf.del.add_title')}</h3>
            <form ref={formRef} onSubmit={submit} noValidate>
              <ErrorBanner error={add.error} />
              <div className="form-grid">
                <div ref={nameRef}><TextField label={t('ui.conf.del.name')} value={f.fullName} onChange={set('fullName')} required error={errs.fullName} autoComplete="off" /></div>
                <TextField label={t('ui.conf.del.title')} value={f.title} onChange={set('title')} error={errs.title} />
                <TextField label={t('ui.conf.del.organisation')} value={f.organisation} onChange={set('organisation')} error={errs.organisation} />
                <TextField label={t('ui.conf.del.village')} value={f.village} onChange={set('village')} error={errs.village} />
                <TextField label={t('ui.conf.del.phone')} type="tel" value={f.phone} onChange={set('phone')} error={errs.phone} autoComplete="off" />
                <TextField label={t('ui.conf.del.email')} type="email" value={f.email} onChange={set('email')} error={errs.email} autoComplete="off" />
                <SelectField label={t('ui.conf.del.category')} value={f.category} onChange={set('category')} options={categoryOptions} required error={errs.category} />
              </div>
              <div className="form-actions">
                <button type="submit" className="primary" disabled={add.busy}>{add.busy ? t('ui.busy') : t('ui.conf.del.add')}</button>
              </div>
            </form>
          </section>
          <section className="create-box" aria-labelledby="conf-del-import">
            <h3 id="conf-del-import">{t('ui.conf.imp.title')}</h3>
            <DelegateImport conferenceId={c.id} onImported={changed} />
          </section>
        </div>
      )}
    </div>
  );
}

function DelegateEdit({ conferenceId, delegate: d, options, onDone }: {
  conferenceId: number; delegate: Delegate; options: { value: string; label: string }[]; onDone: (savedName: string | null) => void;
}) {
  const t = useT();
  const [f, setF] = useState({ fullName: d.fullName, title: d.title ?? '', organisation: d.organisation ?? '', village: d.village ?? '', category: d.category as string });
  const save = useSubmit();
  const errs = fieldErrors(save.error);
  const set = (k: keyof typeof f) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run(async () => {
      await request('PATCH', `/api/conferences/${conferenceId}/delegates/${d.id}`, {
        fullName: f.fullName.trim(), title: f.title.trim() || null, organisation: f.organisation.trim() || null, village: f.village.trim() || null, category: f.category,
      });
      onDone(f.fullName.trim());
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('ui.conf.del.edit_for', { name: d.fullName })} className="conf-del-edit">
      <ErrorBanner error={save.error} />
      <div className="form-grid">
        <TextField label={t('ui.conf.del.name')} value={f.fullName} onChange={set('fullName')} required error={errs.fullName} />
        <TextField label={t('ui.conf.del.title')} value={f.title} onChange={set('title')} error={errs.title} />
        <TextField label={t('ui.conf.del.organisation')} value={f.organisation} onChange={set('organisation')} error={errs.organisation} />
        <TextField label={t('ui.conf.del.village')} value={f.village} onChange={set('village')} error={errs.village} />
        <SelectField label={t('ui.conf.del.category')} value={f.category} onChange={set('category')} options={options} error={errs.category} />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.busy}>{save.busy ? t('ui.busy') : t('ui.save')}</button>
        <button type="button" onClick={() => onDone(null)}>{t('ui.conf.cancel_edit')}</button>
      </div>
    </form>
  );
}
