// An officer keys in what came by the hotline, a letter, at the front desk, from the suggestion box or at a
// conference: where and how it came, what it is about, and — only if the person wishes — who they are, with
// their consents (never ticked in advance). Spoken input is read back to the citizen before saving. After
// saving, the item opens with its tracking code in large type, to be given to the citizen.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, request } from '../api.ts';
import { todayVN } from '../dates.ts';
import { useT } from '../i18n.ts';
import { navigate } from '../router.ts';
import { useSession } from '../session.ts';
import { ErrorBanner, fieldErrors } from '../ui/Alert.tsx';
import { DateInput } from '../ui/DateInput.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { Link } from '../ui/Link.tsx';
import { useSubmit } from '../ui/useAsync.ts';
import { Checkbox, TextArea, UnitSelect } from './bits.tsx';
import { useLabels, useTopics } from './labels.ts';
import { CONSENT_PURPOSES, KINDS, OFFICER_CHANNELS, SPOKEN_CHANNELS, type ConsentPurpose, type FeedbackChannel } from './model.ts';

const ENTER_ROLES = ['admin', 'leader', 'officer', 'clerk'];

export function EntryScreen() {
  const t = useT();
  const { me } = useSession();
  const L = useLabels(useTopics());
  const home = me.grants.find((g) => ENTER_ROLES.includes(g.role))?.unitId;
  const [f, setF] = useState({
    unitId: home ? String(home) : '', channel: '' as FeedbackChannel | '', receivedOn: todayVN(), kind: '', topicCode: '',
    content: '', location: '',
  });
  const [p, setP] = useState({ fullName: '', phone: '', email: '', address: '', roleTitle: '', organisation: '' });
  const [consents, setConsents] = useState<Set<ConsentPurpose>>(new Set());
  const { busy, error, run } = useSubmit();
  const errs = fieldErrors(error);
  // After a refused save, the keyboard goes to the first field that needs attention.
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (error) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);
  const set = (k: keyof typeof f) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  const setPerson = (k: keyof typeof p) => (v: string) => setP((x) => ({ ...x, [k]: v }));
  const conference = f.channel === 'conference';
  const spoken = (SPOKEN_CHANNELS as string[]).includes(f.channel);
  const hasPerson = Object.values(p).some((v) => v.trim());

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const missing: Record<string, string> = {};
      if (!f.unitId) missing.unitId = t('validation.required');
      if (!f.channel) missing.channel = t('validation.required');
      if (!f.kind) missing.kind = t('validation.required');
      if (!f.content.trim()) missing.content = t('validation.required');
      if (Object.keys(missing).length) throw new ApiError(400, 'validation', t('errors.validation'), missing);
      const submitter = hasPerson ? {
        fullName: p.fullName.trim() || null, phone: p.phone.trim() || null, email: p.email.trim() || null, address: p.address.trim() || null,
        roleTitle: conference ? p.roleTitle.trim() || null : null, organisation: conference ? p.organisation.trim() || null : null,
      } : null;
      const r = await request<{ id: number; trackingCode: string }>('POST', '/api/feedback', {
        unitId: Number(f.unitId), channel: f.channel, kind: f.kind, topicCode: f.topicCode || null, content: f.content,
        location: f.location.trim() || null, receivedOn: f.receivedOn || null, submitter,
        consents: hasPerson ? [...consents] : [],
      });
      navigate(`/feedback/${r.id}?created=1`);
    });
  };
  const toggleConsent = (c: ConsentPurpose) => (on: boolean) => setConsents((s) => {
    const n = new Set(s);
    if (on) n.add(c);
    else n.delete(c);
    return n;
  });

  return (
    <div className="feedback">
      <section className="panel fb-entry" aria-labelledby="fb-new-title">
        <p className="fb-back"><Link to="/feedback">← {t('ui.feedback.back')}</Link></p>
        <h1 id="fb-new-title">{t('ui.feedback.new')}</h1>
        <form ref={formRef} onSubmit={submit} noValidate aria-labelledby="fb-new-title">
          <ErrorBanner error={error} />
          <fieldset className="fb-fieldset">
            <legend>{t('ui.feedback.entry.where')}</legend>
            <div className="form-grid">
              <UnitSelect label={t('ui.feedback.unit_label')} value={f.unitId} onChange={set('unitId')} emptyLabel={t('ui.unit.choose')} required error={errs.unitId} />
              <SelectField label={t('ui.feedback.channel_label')} value={f.channel} onChange={set('channel')} required error={errs.channel}
                options={[{ value: '', label: t('ui.feedback.choose') }, ...OFFICER_CHANNELS.map((c) => ({ value: c, label: L.channel(c) }))]} />
              <DateInput label={t('ui.feedback.received_on')} value={f.receivedOn} onChange={set('receivedOn')} required error={errs.receivedOn} />
            </div>
          </fieldset>
          <fieldset className="fb-fieldset">
            <legend>{t('ui.feedback.entry.what')}</legend>
            <div className="form-grid">
              <SelectField label={t('ui.feedback.kind_label')} value={f.kind} onChange={set('kind')} required error={errs.kind}
                hint={t('ui.feedback.entry.kind_hint')}
                options={[{ value: '', label: t('ui.feedback.choose') }, ...KINDS.map((k) => ({ value: k, label: L.kind(k) }))]} />
              <SelectField label={t('ui.feedback.topic_label')} value={f.topicCode} onChange={set('topicCode')} error={errs.topicCode}
                options={[{ value: '', label: t('ui.feedback.topic_none') }, ...L.topicOptions()]} />
            </div>
            <TextArea label={t('ui.feedback.content')} value={f.content} onChange={set('content')} rows={7} required error={errs.content} maxLength={10000}
              hint={t('ui.feedback.entry.content_hint')} name="content" />
            <TextField label={t('ui.feedback.location')} name="location" value={f.location} onChange={set('location')} error={errs.location} />
            {spoken && <p className="alert warn fb-readback" role="note">{t('ui.feedback.entry.read_back')}</p>}
          </fieldset>
          <fieldset className="fb-fieldset">
            <legend>{t('ui.feedback.entry.person')}</legend>
            <p className="hint">{t('ui.feedback.entry.person_hint')}</p>
            <div className="form-grid">
              <TextField label={t('ui.feedback.person.name')} name="fullName" value={p.fullName} onChange={setPerson('fullName')} error={errs['submitter.fullName']} autoComplete="off" />
              <TextField label={t('ui.feedback.person.phone')} name="phone" type="tel" value={p.phone} onChange={setPerson('phone')} error={errs['submitter.phone']} autoComplete="off" />
              <TextField label={t('ui.feedback.person.email')} name="email" type="email" value={p.email} onChange={setPerson('email')} error={errs['submitter.email']} autoComplete="off" />
              <TextField label={t('ui.feedback.person.address')} name="address" value={p.address} onChange={setPerson('address')} error={errs['submitter.address']} autoComplete="off" />
              {conference && <>
                <TextField label={t('ui.feedback.person.role')} name="roleTitle" value={p.roleTitle} onChange={setPerson('roleTitle')} error={errs['submitter.roleTitle']} />
                <TextField label={t('ui.feedback.person.organisation')} name="organisation" value={p.organisation} onChange={setPerson('organisation')} error={errs['submitter.organisation']} />
              </>}
            </div>
            <fieldset className="fb-consents">
              <legend>{t('ui.feedback.entry.consents')}</legend>
              {CONSENT_PURPOSES.map((c) => (
                <Checkbox key={c} label={t(`ui.feedback.consent.${c}`)} checked={consents.has(c)} onChange={toggleConsent(c)} />
              ))}
              <p className="hint">{hasPerson ? t('ui.feedback.entry.consents_hint') : t('ui.feedback.entry.consents_need_person')}</p>
              {errs.consents && <p className="field-error">{errs.consents}</p>}
            </fieldset>
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>{busy ? t('ui.busy') : t('ui.feedback.entry.save')}</button>
            <Link to="/feedback" className="button-link">{t('ui.feedback.cancel')}</Link>
          </div>
        </form>
      </section>
    </div>
  );
}
