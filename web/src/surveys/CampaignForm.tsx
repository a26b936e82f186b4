// A new campaign (created as a draft): organiser, name, period, a published questionnaire version, dates,
// the campaign to compare with, the margin of error for sample sizes. Participants: every commune-level unit
// of the organiser's subtree (the server's default); targets are set afterwards on the campaign page.
import { useState, type FormEvent } from 'react';
import { request } from '../api.ts';
import { useT } from '../i18n.ts';
import { useSession } from '../session.ts';
import type { CampaignRow, QuestionnaireRow } from '../types.ts';
import { ErrorBanner, fieldErrors } from '../ui/Alert.tsx';
import { DateInput } from '../ui/DateInput.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { useSubmit } from '../ui/useAsync.ts';
import { useFormat } from './format.ts';
import { managedUnits } from './manage.ts';

const MARGINS = [30, 50, 70, 100];

interface Props {
  questionnaires: QuestionnaireRow[];
  campaigns: CampaignRow[];
  onCreated: (id: number) => void;
  onCancel: () => void;
}

export function CampaignForm({ questionnaires, campaigns, onCreated, onCancel }: Props) {
  const t = useT();
  const { me } = useSession();
  const fmt = useFormat();
  const units = managedUnits(me);
  const published = questionnaires.flatMap((q) => q.versions.filter((v) => v.status === 'published').map((v) => ({ q, v })));
  const year = new Date().getFullYear();
  const [f, setF] = useState({
    unitId: String(units[0]?.unitId ?? ''),
    name: '',
    period: `${year}-Q4`,
    versionId: String(published.at(-1)?.v.id ?? ''),
    opensOn: '',
    closesOn: '',
    previousId: String(campaigns[0]?.id ?? ''),
    margin: '50',
  });
  const set = (k: keyof typeof f) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  const { busy, error, run } = useSubmit();
  const errs = fieldErrors(error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const r = await request<{ id: number }>('POST', '/api/campaigns', {
        unitId: Number(f.unitId), name: f.name, period: f.period, questionnaireVersionId: Number(f.versionId),
        opensOn: f.opensOn, closesOn: f.closesOn, previousCampaignId: f.previousId ? Number(f.previousId) : null, marginPermille: Number(f.margin),
      });
      onCreated(r.id);
    });
  };

  return (
    <form onSubmit={submit} noValidate className="form-grid campaign-form" aria-label={t('ui.surveys.new_campaign')}>
      <ErrorBanner error={error} />
      <SelectField label={t('ui.surveys.organiser')} value={f.unitId} onChange={set('unitId')} required error={errs.unitId}
        options={units.map((u) => ({ value: String(u.unitId), label: u.unitName ?? String(u.unitId) }))} />
      <TextField label={t('ui.surveys.name')} name="name" value={f.name} onChange={set('name')} required error={errs.name} />
      <TextField label={t('ui.surveys.period')} name="period" value={f.period} onChange={set('period')} required error={errs.period} hint={t('ui.surveys.period_hint')} />
      <SelectField label={t('ui.surveys.version')} value={f.versionId} onChange={set('versionId')} required error={errs.questionnaireVersionId}
        hint={published.find(({ v }) => String(v.id) === f.versionId)?.v.title}
        options={[{ value: '', label: t('ui.surveys.choose') }, ...published.map(({ q, v }) => ({ value: String(v.id), label: `${q.code} · ${t('ui.surveys.version_n', { n: v.version })}` }))]} />
      <DateInput label={t('ui.surveys.opens_on')} value={f.opensOn} onChange={set('opensOn')} required error={errs.opensOn} />
      <DateInput label={t('ui.surveys.closes_on')} value={f.closesOn} onChange={set('closesOn')} required error={errs.closesOn} />
      <SelectField label={t('ui.surveys.previous')} value={f.previousId} onChange={set('previousId')} error={errs.previousCampaignId}
        options={[{ value: '', label: t('ui.surveys.no_previous') }, ...campaigns.map((c) => ({ value: String(c.id), label: `${c.period} — ${c.name}` }))]} />
      <SelectField label={t('ui.surveys.margin')} value={f.margin} onChange={set('margin')} error={errs.marginPermille} hint={t('ui.surveys.margin_hint')}
        options={MARGINS.map((m) => ({ value: String(m), label: fmt.pct(m / 1000) }))} />
      <p className="hint form-note">{t('ui.surveys.participants_default')}</p>
      {errs.participants && <p className="field-error form-note">{errs.participants}</p>}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? t('ui.busy') : t('ui.surveys.create_draft')}</button>
        <button type="button" onClick={onCancel}>{t('ui.surveys.cancel')}</button>
      </div>
    </form>
  );
}
