// Results by respondent group (age, gender, occupation, dealt with the police): for each group of a demographic
// question, its responses and % satisfied (the headline criterion with its interval, and all criteria pooled).
// A group smaller than the campaign's minimum cell shows no figure at all — the server sends none.
import { useState } from 'react';
import { qs, request } from '../api.ts';
import { useT } from '../i18n.ts';
import type { Breakdown as BreakdownData, CampaignDetail, CriterionResult } from '../types.ts';
import { ErrorBanner } from '../ui/Alert.tsx';
import { SelectField } from '../ui/Field.tsx';
import { useLoad } from '../ui/useAsync.ts';
import { useFormat } from './format.ts';
import { loadQuestions } from './ImportTab.tsx';

export function Breakdown({ campaign, unitId, headline }: { campaign: CampaignDetail; unitId: number | null; headline: CriterionResult | null }) {
  const t = useT();
  const fmt = useFormat();
  const questions = useLoad(() => loadQuestions(campaign), [campaign.id]);
  // The questions the questionnaire marks as demographic (single choice).
  const options = (questions.data ?? []).filter((q) => q.demographic && q.type === 'single').map((q) => ({ value: q.id, label: q.label }));
  const [chosen, setChosen] = useState('');
  const by = chosen || options[0]?.value || '';
  const data = useLoad(
    () => (by ? request<BreakdownData>('GET', `/api/campaigns/${campaign.id}/breakdown${qs({ by, unit: unitId })}`) : Promise.resolve(null)),
    [campaign.id, by, unitId],
  );
  const b = data.data;

  return (
    <section className="breakdown" aria-labelledby="breakdown-title" data-testid="breakdown">
      <h3 id="breakdown-title">{t('ui.breakdown.title')}</h3>
      <p className="hint">{t('ui.breakdown.help', { minCell: fmt.int(campaign.minCell) })}</p>
      <ErrorBanner error={questions.error} />
      {!questions.loading && options.length === 0 && <p className="muted">{t('ui.breakdown.none')}</p>}
      {options.length > 0 && (
        <div className="breakdown-by">
          <SelectField label={t('ui.breakdown.by')} value={by} onChange={setChosen} options={options} />
        </div>
      )}
      <ErrorBanner error={data.error} />
      {by && !b && data.loading && <p role="status">{t('ui.loading')}</p>}
      {b && (
        <div className="table-wrap">
          <table className="stack breakdown-table" data-by={b.by.id} data-focus={b.focus.unitId}>
            <caption>{t('ui.breakdown.caption', { label: fmt.local(b.by.label), unit: b.focus.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ui.breakdown.group')}</th>
                <th scope="col" className="num">{t('ui.breakdown.responses')}</th>
                {headline && <th scope="col">{t('ui.breakdown.headline', { label: fmt.local(headline.label) })}</th>}
                <th scope="col">{t('ui.breakdown.overall')}</th>
              </tr>
            </thead>
            <tbody>
              {b.groups.map((g) => {
                if (g.suppressed) {
                  return (
                    <tr key={g.code} data-group={g.code} className="suppressed">
                      <th scope="row" data-label={t('ui.breakdown.group')}>{fmt.local(g.label)}</th>
                      <td colSpan={headline ? 3 : 2} className="muted" data-testid="suppressed">{t('ui.breakdown.suppressed', { minCell: fmt.int(b.minCell) })}</td>
                    </tr>
                  );
                }
                const h = headline ? g.criteria?.find((c) => c.id === headline.id) : undefined;
                const ci = h ? fmt.interval(h.low, h.high) : null;
                return (
                  <tr key={g.code} data-group={g.code}>
                    <th scope="row" data-label={t('ui.breakdown.group')}>{fmt.local(g.label)}</th>
                    <td data-label={t('ui.breakdown.responses')} className="num" data-testid="group-responses">{fmt.int(g.responses)}</td>
                    {headline && (
                      <td data-label={t('ui.breakdown.headline', { label: fmt.local(headline.label) })}>
                        <strong>{fmt.pct(h?.share)}</strong>
                        {h && h.denominator > 0 && <span className="muted"> (n={fmt.int(h.denominator)})</span>}
                        {ci && <span className="ci"> {t('ui.surveys.ci_short', { ci })}</span>}
                      </td>
                    )}
                    <td data-label={t('ui.breakdown.overall')}>
                      <strong>{fmt.pct(g.overall?.share)}</strong>
                      {g.overall && g.overall.denominator > 0 && <span className="muted"> ({t('ui.breakdown.of', { k: fmt.int(g.overall.satisfied), n: fmt.int(g.overall.denominator) })})</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
