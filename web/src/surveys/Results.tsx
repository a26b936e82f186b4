// The results dashboard, for leaders watching fieldwork: the headline % satisfied with its denominator and
// interval, responses by channel, the response rate against the target, each criterion's distribution with
// its change since the previous campaign, and the units below the focus (sortable; a click drills down).
// While the campaign is open it refreshes itself every 15 seconds and says when it last did.
import { useEffect, useState } from 'react';
import { qs, request } from '../api.ts';
import { useT } from '../i18n.ts';
import { useRoute } from '../router.ts';
import type { CampaignDetail, CampaignResults } from '../types.ts';
import { ErrorBanner } from '../ui/Alert.tsx';
import { useLoad } from '../ui/useAsync.ts';
import { Breadcrumb } from './Breadcrumb.tsx';
import { Breakdown } from './Breakdown.tsx';
import { ChildrenTable } from './ChildrenTable.tsx';
import { CriterionRow } from './CriterionRow.tsx';
import { ExportLinks } from './ExportLinks.tsx';
import { clock, useFormat } from './format.ts';

export const REFRESH_MS = 15_000;

export function Results({ campaign }: { campaign: CampaignDetail }) {
  const t = useT();
  const fmt = useFormat();
  const { query } = useRoute();
  const unitParam = Number(query.get('unit')) || null;
  const res = useLoad(() => request<CampaignResults>('GET', `/api/campaigns/${campaign.id}/results${qs({ unit: unitParam })}`), [campaign.id, unitParam]);
  // The last figures stay on screen while a refresh is on its way or if it fails.
  const [shown, setShown] = useState<{ data: CampaignResults; at: Date } | null>(null);
  useEffect(() => {
    if (res.data) setShown({ data: res.data, at: new Date() });
  }, [res.data]);
  const live = campaign.state === 'open';
  const { reload } = res;
  useEffect(() => {
    if (!live) return;
    const timer = window.setInterval(() => {
      if (!document.hidden) reload();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [live, reload]);

  const base = `/surveys/campaigns/${campaign.id}/results`;
  const hrefFor = (unitId: number) => `${base}${unitId === campaign.unitId ? '' : qs({ unit: unitId })}`;
  const r = shown?.data;
  const prev = r?.previous ?? null;
  const channels = r ? Object.entries(r.totals.byChannel).sort((a, b) => b[1] - a[1]) : [];
  // The headline is the questionnaire's overall-satisfaction criterion when it marks one: one answer per form.
  const head = r?.headline ?? null;
  const overallCi = r ? (head ? fmt.interval(head.low, head.high) : fmt.interval(r.overall.low, r.overall.high)) : null;
  const prevHead = head && prev ? prev.criteria[head.id] ?? null : null;

  return (
    <section className="panel results" aria-labelledby="results-title" data-focus={r?.focus.unitId}>
      {r && <Breadcrumb campaignUnitId={campaign.unitId} focus={r.focus} hrefFor={hrefFor} />}
      <div className="results-head">
        <h2 id="results-title">{r ? t('ui.surveys.results_of', { name: r.focus.name }) : t('ui.surveys.tab_results')}</h2>
        <div className="refresh">
          {live && <span className="live-dot">{t('ui.surveys.live')}</span>}
          {shown && <span role="status" data-testid="updated-at">{t('ui.surveys.updated_at', { time: clock(shown.at) })}</span>}
          <button type="button" className="small" onClick={reload} disabled={res.loading}>{t('ui.surveys.refresh')}</button>
        </div>
      </div>
      <ErrorBanner error={res.error} />
      {!r && res.loading && <p role="status">{t('ui.loading')}</p>}
      {r && (
        <>
          {r.focus.units > 1 && <p className="muted">{t('ui.surveys.focus_units', { n: fmt.int(r.focus.units) })}</p>}
          <div className="cards">
            <div className="card headline" data-testid="headline">
              <h3>{t('ui.surveys.satisfied')}</h3>
              {head ? (
                <>
                  <p className="big">{fmt.pct(head.share)}</p>
                  <p>{head.denominator
                    ? t('ui.surveys.headline_of', { k: fmt.int(head.satisfied), n: fmt.int(head.denominator), label: head.label.vi })
                    : t('ui.surveys.no_answers')}</p>
                  {overallCi && <p className="ci">{t('ui.surveys.ci', { ci: overallCi })}</p>}
                  {prevHead && prevHead.share !== null && head.share !== null && prev && (
                    <p className="change">{t('ui.surveys.vs_previous', { period: prev.period, value: fmt.pct(prevHead.share), points: fmt.points(head.share, prevHead.share) })}</p>
                  )}
                  {r.overall.denominator > 0 && <p className="hint">{t('ui.surveys.pooled', { share: fmt.pct(r.overall.share), k: fmt.int(r.overall.satisfied), n: fmt.int(r.overall.denominator), criteria: r.criteria.length })}</p>}
                </>
              ) : (
                <>
                  <p className="big">{fmt.pct(r.overall.share)}</p>
                  <p>{r.overall.denominator
                    ? t('ui.surveys.overall_of', { k: fmt.int(r.overall.satisfied), n: fmt.int(r.overall.denominator), criteria: r.criteria.length })
                    : t('ui.surveys.no_answers')}</p>
                  {r.overall.denominator > 0 && <p className="hint">{t('ui.surveys.ci_per_criterion')}</p>}
                  {prev && prev.overall.share !== null && r.overall.share !== null && (
                    <p className="change">{t('ui.surveys.vs_previous', { period: prev.period, value: fmt.pct(prev.overall.share), points: fmt.points(r.overall.share, prev.overall.share) })}</p>
                  )}
                </>
              )}
            </div>
            <div className="card" data-testid="responses">
              <h3>{t('ui.surveys.responses')}</h3>
              <p className="big" data-testid="valid-count">{fmt.int(r.totals.valid)}</p>
              <p>{t('ui.surveys.valid_invalid', { valid: fmt.int(r.totals.valid), invalid: fmt.int(r.totals.invalid) })}</p>
              {channels.length > 0 && (
                <ul className="channels" aria-label={t('ui.surveys.by_channel')}>
                  {channels.map(([ch, n]) => <li key={ch}>{t(`ui.surveys.channel.${ch}`)}: <strong>{fmt.int(n)}</strong></li>)}
                </ul>
              )}
              {prev && <p className="hint">{t('ui.surveys.prev_responses', { period: prev.period, n: fmt.int(prev.totals.valid) })}</p>}
            </div>
            <div className="card" data-testid="rate">
              <h3>{t('ui.surveys.rate')}</h3>
              <p className="big">{fmt.pct(r.totals.rate)}</p>
              <p>{r.totals.target ? t('ui.surveys.rate_of', { valid: fmt.int(r.totals.valid), target: fmt.int(r.totals.target) }) : t('ui.surveys.no_target')}</p>
              {r.totals.rate !== null && (
                <div className="meter" role="img" aria-label={t('ui.surveys.rate_of', { valid: fmt.int(r.totals.valid), target: fmt.int(r.totals.target) })}>
                  <span style={{ width: `${Math.min(100, r.totals.rate * 100)}%` }} />
                </div>
              )}
            </div>
          </div>

          <h3 id="criteria-title">{t('ui.surveys.criteria')}</h3>
          {prev && (
            <p className="hint compare-note" data-testid="compare-note">
              {t('ui.surveys.compare_note', { name: prev.name, period: prev.period, units: fmt.int(prev.units) })}
            </p>
          )}
          <ol className="criteria" aria-labelledby="criteria-title">
            {r.criteria.map((c, i) => <CriterionRow key={c.id} n={i + 1} c={c} previous={prev ? { period: prev.period, ...prev.criteria[c.id] } : null} />)}
          </ol>

          <h3 id="children-title">{t('ui.surveys.children')}</h3>
          {r.children.length === 0
            ? <p className="muted">{t('ui.surveys.no_children')}</p>
            : <ChildrenTable rows={r.children} hrefFor={hrefFor} />}

          <Breakdown campaign={campaign} unitId={unitParam} headline={head} />
          <ExportLinks campaignId={campaign.id} unitId={unitParam} unitName={r.focus.name} />
        </>
      )}
    </section>
  );
}
