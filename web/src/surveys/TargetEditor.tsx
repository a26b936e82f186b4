// A unit's population and target. Left empty, the target is the sample size for the population at the
// campaign's margin of error, n = N / (1 + N·e²), which the server computes and the helper shows as you type.
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, qs, request } from '../api.ts';
import { useT } from '../i18n.ts';
import type { CampaignDetail, Participant } from '../types.ts';
import { ErrorBanner, fieldErrors } from '../ui/Alert.tsx';
import { TextField } from '../ui/Field.tsx';
import { useSubmit } from '../ui/useAsync.ts';
import { useFormat } from './format.ts';

const WHOLE = /^\d+$/;

interface Props {
  campaign: CampaignDetail;
  participant: Participant;
  onSaved: () => void;
  onCancel: () => void;
}

export function TargetEditor({ campaign, participant, onSaved, onCancel }: Props) {
  const t = useT();
  const fmt = useFormat();
  const [population, setPopulation] = useState(participant.population === null ? '' : String(participant.population));
  const [target, setTarget] = useState('');
  const [sample, setSample] = useState<number | null>(null);
  const { busy, error, run } = useSubmit();
  const errs = fieldErrors(error);
  const margin = campaign.marginPermille / 1000;
  const n = WHOLE.test(population.trim()) ? Number(population.trim()) : null;

  useEffect(() => {
    if (n === null) {
      setSample(null);
      return;
    }
    let live = true;
    const timer = window.setTimeout(() => {
      void request<{ sampleSize: number }>('GET', `/api/sample-size${qs({ population: n, margin })}`)
        .then((r) => live && setSample(r.sampleSize), () => live && setSample(null));
    }, 250);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [n, margin]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const fields: Record<string, string> = {};
      if (population.trim() && n === null) fields.population = t('ui.surveys.whole_number');
      if (target.trim() && !WHOLE.test(target.trim())) fields.target = t('ui.surveys.whole_number');
      if (Object.keys(fields).length) throw new ApiError(400, 'validation', t('errors.validation'), fields);
      await request('PUT', `/api/campaigns/${campaign.id}/targets`, {
        units: [{ unitId: participant.unitId, population: n, target: target.trim() ? Number(target.trim()) : null }],
      });
      onSaved();
    });
  };

  const e = fmt.pct(margin).replace('%', '');
  return (
    <form onSubmit={submit} noValidate className="target-form" aria-label={t('ui.surveys.edit_target_of', { name: participant.name ?? participant.slug })}>
      <ErrorBanner error={error} />
      <div className="form-grid">
        <TextField label={t('ui.surveys.population_long')} name="population" value={population} onChange={setPopulation} error={errs.population} />
        <TextField label={t('ui.surveys.target_long')} name="target" value={target} onChange={setTarget} error={errs.target}
          hint={t('ui.surveys.target_hint', { n: sample === null ? '—' : fmt.int(sample), current: fmt.int(participant.target) })} />
      </div>
      <p className="sample-size" data-testid="sample-size" aria-live="polite">
        {t('ui.surveys.sample_formula', { e })}
        {n !== null && sample !== null && (
          <> {' '}<span className="nowrap">= {fmt.int(n)} / (1 + {fmt.int(n)} · {fmt.lang === 'vi' ? String(margin).replace('.', ',') : margin}²) ≈ <strong>{fmt.int(sample)}</strong></span></>
        )}
      </p>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? t('ui.busy') : t('ui.save')}</button>
        <button type="button" onClick={onCancel}>{t('ui.surveys.cancel')}</button>
      </div>
    </form>
  );
}
