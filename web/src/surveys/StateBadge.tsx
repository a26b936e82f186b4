// A campaign's state as a coloured tag with words (colour is never the only signal).
import { useT } from '../i18n.ts';
import type { CampaignState } from '../types.ts';

export function StateBadge({ state }: { state: CampaignState }) {
  const t = useT();
  return <span className={`tag state-${state}`} data-state={state}>{t(`ui.surveys.state.${state}`)}</span>;
}
