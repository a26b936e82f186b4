// One criterion: a horizontal stacked bar of its answer levels (best on the left; satisfied levels green,
// the others amber to red), % satisfied over its denominator with the 95% interval, and the change since
// the previous campaign — marked as within the margin of error when the two intervals overlap.
import { useT } from '../i18n.ts';
import type { CriterionResult } from '../types.ts';
import { useFormat } from './format.ts';

const SATISFIED = ['#14452f', '#3c8d5f', '#7dbb93'];
const UNSATISFIED = ['#e2a038', '#c8553d', '#9b1c1c'];

export interface PreviousFigure {
  period: string;
  share?: number | null;
  denominator?: number;
  low?: number | null;
  high?: number | null;
}

/** Colours by level: satisfied levels from dark green, the others from amber to red (worst last). */
export function levelColours(levels: { satisfied: boolean }[]): string[] {
  let s = 0;
  const bad = levels.filter((l) => !l.satisfied).length;
  let u = bad === 1 ? 1 : 0;
  return levels.map((l) => (l.satisfied ? SATISFIED[Math.min(s++, SATISFIED.length - 1)]! : UNSATISFIED[Math.min(u++, UNSATISFIED.length - 1)]!));
}

export function CriterionRow({ n, c, previous }: { n: number; c: CriterionResult; previous: PreviousFigure | null }) {
  const t = useT();
  const fmt = useFormat();
  const colours = levelColours(c.levels);
  const ci = fmt.interval(c.low, c.high);
  const described = c.levels.map((l) => `${fmt.local(l.label)}: ${fmt.int(l.n)}`).join('; ');
  const prev = previous && previous.share !== null && previous.share !== undefined ? previous : null;
  let change = null;
  if (prev && c.share !== null) {
    const d = c.share - prev.share!;
    const overlap = c.low !== null && c.low !== undefined && c.high != null && prev.low != null && prev.high != null && c.low <= prev.high && prev.low <= c.high;
    const dir = Math.abs(d) < 0.0005 ? 'same' : d > 0 ? 'up' : 'down';
    const prevCi = fmt.interval(prev.low, prev.high);
    change = (
      <p className={`change change-${dir}${overlap ? ' within' : ''}`} data-testid="change">
        <span aria-hidden="true" className="arrow">{dir === 'up' ? '▲' : dir === 'down' ? '▼' : '■'}</span>{' '}
        <strong>{t('ui.surveys.points', { points: fmt.points(c.share, prev.share!) })}</strong>{' '}
        <span className="muted">{t('ui.surveys.prev_value', { period: prev.period, value: fmt.pct(prev.share), ci: prevCi ?? '—', n: fmt.int(prev.denominator) })}</span>
        {overlap && <span className="within-note"> {t('ui.surveys.within_margin')}</span>}
      </p>
    );
  }

  return (
    <li className="criterion" data-criterion={c.id}>
      <div className="criterion-label">
        <span className="crit-n">{n}.</span> {fmt.local(c.label)}
      </div>
      <div className="criterion-bar">
        {c.denominator > 0 ? (
          <div className="stack-bar" role="img" aria-label={t('ui.surveys.distribution', { levels: described })}>
            {c.levels.map((l, i) => l.n > 0 && (
              <span key={l.code} style={{ width: `${(l.n / c.denominator) * 100}%`, background: colours[i] }} title={`${fmt.local(l.label)}: ${fmt.int(l.n)} (${fmt.pct(l.n / c.denominator)})`} />
            ))}
          </div>
        ) : <div className="stack-bar empty" aria-hidden="true" />}
        <ul className="legend" aria-hidden="true">
          {c.levels.map((l, i) => (
            <li key={l.code}><span className="swatch" style={{ background: colours[i] }} />{fmt.local(l.label)} {fmt.int(l.n)}</li>
          ))}
          {c.noOpinion > 0 && <li className="muted">{t('ui.surveys.no_opinion', { n: fmt.int(c.noOpinion) })}</li>}
        </ul>
      </div>
      <div className="criterion-figure">
        <p className="share">{fmt.pct(c.share)}</p>
        <p className="of">{c.denominator ? t('ui.surveys.of_answers', { k: fmt.int(c.satisfied), n: fmt.int(c.denominator) }) : t('ui.surveys.no_answers')}</p>
        {ci && <p className="ci">{t('ui.surveys.ci_short', { ci })}</p>}
      </div>
      <div className="criterion-change">{change}</div>
    </li>
  );
}
