// The plan of a conference: unit, survey campaign (optional), title, period, day and hours, venue,
// co-organisers, agenda, who presides and who keeps the minutes. Used to plan a new one and to edit a plan;
// the server's per-field messages are shown on their fields and the keyboard goes to the first of them.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, request } from '../api.ts';
import { todayVN } from '../dates.ts';
import { useT } from '../i18n.ts';
import { useSession } from '../session.ts';
import type { CampaignRow } from '../types.ts';
import { ErrorBanner, fieldErrors } from '../ui/Alert.tsx';
import { DateInput } from '../ui/DateInput.tsx';
import { Label, SelectField, TextField } from '../ui/Field.tsx';
import { useLoad, useSubmit } from '../ui/useAsync.ts';
import { UnitSelect } from '../feedback/bits.tsx';
import { AgendaEditor, agendaOut, agendaRow, type AgendaRow } from './AgendaEditor.tsx';
import { PersonFields, TimeInput } from './bits.tsx';
import { CoOrganisers } from './CoOrganisers.tsx';
import { dayOf, formatTime, parseTime, type Conference } from './model.ts';

const PLAN_ROLES = ['admin', 'leader', 'officer'];

function TimeField({ label, value, onChange, error, required }: { label: string; value: string; onChange: (v: string) => void; error?: string; required?: boolean }) {
  const t = useT();
  const id = useId();
  return (
    <div className={`field conf-time${error ? ' has-error' : ''}`}>
      <Label htmlFor={id} text={label} required={required} />
      <TimeInput id={id} value={value} onChange={onChange} invalid={!!error} describedBy={`${id}-hint${error ? ` ${id}-err` : ''}`} />
      <small id={`${id}-hint`} className="hint">{t('ui.conf.time_format')}</small>
      {error && <small id={`${id}-err`} className="field-error">{error}</small>}
    </div>
  );
}

export function PlanForm({ conference, onSaved, onCancel }: { conference?: Conference; onSaved: (c: Conference) => void; onCancel?: () => void }) {
  const t = useT();
  const { me } = useSession();
  const c = conference;
  const home = me.grants.find((g) => PLAN_ROLES.includes(g.role))?.unitId;
  const [f, setF] = useState(() => ({
    unitId: c ? String(c.unitId) : home ? String(home) : '',
    campaignId: c?.campaignId ? String(c.campaignId) : '',
    title: c?.title ?? t('ui.conf.default_title', { year: todayVN().slice(0, 4) }),
    period: c?.period ?? todayVN().slice(0, 4),
    date: c ? dayOf(c) : '',
    startTime: c ? formatTime(c.startsAt) : '08:00',
    endTime: c ? formatTime(c.endsAt) : '11:00',
    venue: c?.venue ?? '',
  }));
  const [coOrganisers, setCoOrganisers] = useState<string[]>(c?.coOrganisers ?? []);
  const [agenda, setAgenda] = useState<AgendaRow[]>(() => c
    ? c.agenda.map((a) => agendaRow(a))
    : [1, 2, 3, 4, 5].map((n) => agendaRow({ title: t(`ui.conf.agenda.default.${n}`) })));
  const [presiding, setPresiding] = useState({ name: c?.presiding?.name ?? '', title: c?.presiding?.title ?? '' });
  const [secretary, setSecretary] = useState({ name: c?.secretary?.name ?? '', title: c?.secretary?.title ?? '' });
  const campaigns = useLoad(() => request<{ campaigns: CampaignRow[] }>('GET', '/api/campaigns'), []);
  const { busy, error, run } = useSubmit();
  const errs = fieldErrors(error);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (error) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);
  const set = (k: keyof typeof f) => (v: string) => setF((x) => ({ ...x, [k]: v }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const missing: Record<string, string> = {};
      if (!f.unitId) missing.unitId = t('validation.required');
      if (!f.title.trim()) missing.title = t('validation.required');
      if (!f.date) missing.date = t('validation.required');
      if (!f.venue.trim()) missing.venue = t('validation.required');
      if (Object.keys(missing).length) throw new ApiError(400, 'validation', t('errors.validation'), missing);
      const person = (p: { name: string; title: string }) => (p.name.trim() ? { name: p.name.trim(), title: p.title.trim() } : null);
      const body = {
        unitId: Number(f.unitId), campaignId: f.campaignId ? Number(f.campaignId) : null, title: f.title.trim(), period: f.period.trim(),
        date: f.date, startTime: parseTime(f.startTime) ?? f.startTime, endTime: parseTime(f.endTime) ?? f.endTime, venue: f.venue.trim(), coOrganisers, agenda: agendaOut(agenda),
        presiding: person(presiding), secretary: person(secretary),
      };
      // The unit of a planned conference does not change (the edit takes every field but the unit).
      const { unitId: _unit, ...edit } = body;
      const saved = c
        ? await request<Conference>('PATCH', `/api/conferences/${c.id}`, edit)
        : await request<Conference>('POST', '/api/conferences', body);
      onSaved(saved);
    });
  };

  const campaignOptions = (campaigns.data?.campaigns ?? []).filter((x) => x.state !== 'archived' || String(x.id) === f.campaignId);
  return (
    <form ref={formRef} onSubmit={submit} noValidate className="conf-plan-form" aria-label={c ? t('ui.conf.plan_edit') : t('ui.conf.plan_new')}>
      <ErrorBanner error={error} />
      <fieldset className="conf-fieldset">
        <legend>{t('ui.conf.plan.what')}</legend>
        <div className="form-grid">
          {c ? <div className="field"><span className="label-row"><span className="conf-label">{t('ui.conf.unit')}</span></span><span>{c.unitName}</span></div>
            : <UnitSelect label={t('ui.conf.unit')} value={f.unitId} onChange={set('unitId')} emptyLabel={t('ui.unit.choose')} required error={errs.unitId} />}
          <SelectField label={t('ui.conf.campaign')} value={f.campaignId} onChange={set('campaignId')} error={errs.campaignId} hint={t('ui.conf.campaign_hint')}
            options={[{ value: '', label: t('ui.conf.campaign_none') }, ...campaignOptions.map((x) => ({ value: String(x.id), label: `${x.name} (${x.period})` }))]} />
          <TextField label={t('ui.conf.title_label')} value={f.title} onChange={set('title')} required error={errs.title} name="title" />
          <TextField label={t('ui.conf.period')} value={f.period} onChange={set('period')} required error={errs.period} hint={t('ui.conf.period_hint')} name="period" />
        </div>
      </fieldset>
      <fieldset className="conf-fieldset">
        <legend>{t('ui.conf.plan.when')}</legend>
        <div className="form-grid conf-when">
          <DateInput label={t('ui.conf.date')} value={f.date} onChange={set('date')} required error={errs.date ?? errs.startsAt} />
          <TimeField label={t('ui.conf.start_time')} value={f.startTime} onChange={set('startTime')} required error={errs.startTime} />
          <TimeField label={t('ui.conf.end_time')} value={f.endTime} onChange={set('endTime')} required error={errs.endTime ?? errs.endsAt} />
          <TextField label={t('ui.conf.venue')} value={f.venue} onChange={set('venue')} required error={errs.venue} name="venue" hint={t('ui.conf.venue_hint')} />
        </div>
        <CoOrganisers value={coOrganisers} onChange={setCoOrganisers} error={errs.coOrganisers} />
      </fieldset>
      <AgendaEditor rows={agenda} onChange={setAgenda} errors={errs} />
      <div className="conf-people">
        <PersonFields legend={t('ui.conf.presiding')} value={presiding} onChange={setPresiding} errors={errs} prefix="presiding" />
        <PersonFields legend={t('ui.conf.secretary')} value={secretary} onChange={setSecretary} errors={errs} prefix="secretary" />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? t('ui.busy') : c ? t('ui.save') : t('ui.conf.plan_save')}</button>
        {onCancel && <button type="button" onClick={onCancel}>{t('ui.conf.cancel_edit')}</button>}
      </div>
    </form>
  );
}
