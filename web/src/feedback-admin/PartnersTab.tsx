// Open311 partners (city platforms sending feedback in): the keys of the units the user configures, creating one
// (the key is shown once, here, with a copy button: only its SHA-256 is kept) and deactivating one at once.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, request } from '../api.ts';
import { formatDateTime } from '../dates.ts';
import { useT } from '../i18n.ts';
import { useSession } from '../session.ts';
import { ErrorBanner, Notice, fieldErrors } from '../ui/Alert.tsx';
import { TextField } from '../ui/Field.tsx';
import { useLoad, useSubmit } from '../ui/useAsync.ts';
import { UnitPicker } from '../units/UnitPicker.tsx';
import { defaultUnit, feedbackAccess, type Partner } from './model.ts';

export function PartnersTab() {
  const t = useT();
  const { me } = useSession();
  const may = feedbackAccess(me);
  const list = useLoad(() => request<{ partners: Partner[] }>('GET', '/api/feedback-partners'), []);
  const [created, setCreated] = useState<(Partner & { key: string }) | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const off = useSubmit();

  const deactivate = (p: Partner) => void off.run(async () => {
    if (!window.confirm(t('ui.fbadmin.partner.confirm_off', { name: p.name }))) return;
    await request('POST', `/api/feedback-partners/${p.id}/deactivate`);
    setNotice(t('ui.fbadmin.partner.off_done', { name: p.name }));
    list.reload();
  });

  return (
    <div className="fba-partners">
      <p className="hint">{t('ui.fbadmin.partner.intro')}</p>
      {!may.configure && <p className="alert warn">{t('ui.fbadmin.partner.not_allowed')}</p>}
      {may.configure && (created
        ? <KeyOnce partner={created} onDone={() => setCreated(null)} />
        : <CreatePartner onCreated={(p) => {
          setNotice(null);
          setCreated(p);
          list.reload();
        }} />)}
      <h3>{t('ui.fbadmin.partner.list')}</h3>
      <Notice>{notice}</Notice>
      <ErrorBanner error={list.error ?? off.error} />
      {list.loading && !list.data && <p role="status">{t('ui.loading')}</p>}
      {list.data && list.data.partners.length === 0 && <p className="muted">{t('ui.fbadmin.partner.none')}</p>}
      {list.data && list.data.partners.length > 0 && (
        <div className="table-wrap">
          <table className="stack fba-partner-table">
            <caption className="sr-only">{t('ui.fbadmin.partner.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ui.fbadmin.partner.name')}</th>
                <th scope="col">{t('ui.fbadmin.unit')}</th>
                <th scope="col">{t('ui.fbadmin.partner.state')}</th>
                <th scope="col">{t('ui.fbadmin.partner.created')}</th>
                <th scope="col">{t('ui.fbadmin.partner.last_used')}</th>
                <th scope="col"><span className="sr-only">{t('ui.fbadmin.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {list.data.partners.map((p) => (
                <tr key={p.id} data-partner={p.id} className={p.active ? undefined : 'fba-inactive'}>
                  <th scope="row">{p.name}</th>
                  <td data-label={t('ui.fbadmin.unit')}>{p.unitName ?? p.unitCode}</td>
                  <td data-label={t('ui.fbadmin.partner.state')}>
                    <span className={`tag ${p.active ? 'fba-on' : 'tag-off'}`}>{p.active ? t('ui.fbadmin.partner.active') : t('ui.fbadmin.partner.inactive')}</span>
                  </td>
                  <td data-label={t('ui.fbadmin.partner.created')}>{formatDateTime(p.createdAt)}</td>
                  <td data-label={t('ui.fbadmin.partner.last_used')}>{p.lastUsedAt ? formatDateTime(p.lastUsedAt) : t('ui.fbadmin.partner.never')}</td>
                  <td>
                    {p.active && (
                      <button type="button" className="small danger" disabled={off.busy}
                        aria-label={t('ui.fbadmin.partner.off_label', { name: p.name })} onClick={() => deactivate(p)}>
                        {t('ui.fbadmin.partner.off')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function CreatePartner({ onCreated }: { onCreated: (p: Partner & { key: string }) => void }) {
  const t = useT();
  const { me } = useSession();
  const [name, setName] = useState('');
  const [unitId, setUnitId] = useState<number | null>(() => defaultUnit(me, ['admin', 'leader']));
  const { busy, error, run } = useSubmit();
  const errs = fieldErrors(error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      if (!unitId) throw new ApiError(400, 'validation', t('errors.validation'), { unitId: t('validation.required') });
      onCreated(await request<Partner & { key: string }>('POST', '/api/feedback-partners', { name, unitId }));
    });
  };

  return (
    <section className="create-box" aria-labelledby="partner-new">
      <h3 id="partner-new">{t('ui.fbadmin.partner.new')}</h3>
      <form onSubmit={submit} noValidate className="form-grid" aria-labelledby="partner-new">
        <ErrorBanner error={error} />
        <TextField label={t('ui.fbadmin.partner.name')} value={name} onChange={setName} required error={errs.name} hint={t('ui.fbadmin.partner.name_hint')} />
        <UnitPicker label={t('ui.fbadmin.unit')} value={unitId} onChange={setUnitId} required error={errs.unitId} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>{busy ? t('ui.busy') : t('ui.fbadmin.partner.create')}</button>
        </div>
      </form>
    </section>
  );
}

/** The new key, once: selectable text, a copy button, and plain words that it will not be shown again. */
function KeyOnce({ partner, onDone }: { partner: Partner & { key: string }; onDone: () => void }) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  useEffect(() => {
    box.current?.focus();
  }, []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(partner.key);
      setCopied('ok');
    } catch {
      // No clipboard (plain HTTP, or refused): select the text so Ctrl+C copies it.
      field.current?.focus();
      field.current?.select();
      setCopied('failed');
    }
  };

  return (
    <div ref={box} tabIndex={-1} className="fba-key" role="region" aria-labelledby="key-title" data-testid="partner-key">
      <h3 id="key-title">{t('ui.fbadmin.partner.key_title', { name: partner.name })}</h3>
      <p className="fba-key-warn"><strong>{t('ui.fbadmin.partner.key_once')}</strong></p>
      <label htmlFor="partner-key" className="fba-key-label">{t('ui.fbadmin.partner.key')}</label>
      <div className="fba-key-row">
        {/* A textarea so the whole key wraps into view on a phone; read-only, selected on focus. */}
        <textarea id="partner-key" ref={field} rows={2} readOnly value={partner.key} spellCheck={false} autoComplete="off"
          onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="primary" onClick={() => void copy()}>{t('ui.fbadmin.partner.copy')}</button>
      </div>
      <p aria-live="polite" className="fba-copied">
        {copied === 'ok' ? t('ui.fbadmin.partner.copied') : copied === 'failed' ? t('ui.fbadmin.partner.copy_failed') : ''}
      </p>
      <p className="hint">{t('ui.fbadmin.partner.how')}</p>
      <button type="button" onClick={onDone}>{t('ui.fbadmin.partner.key_done')}</button>
    </div>
  );
}
