// The as-of date of the tree: history is browsed by moving it (01/01/2025 shows the district police).
import { useEffect, useState } from 'react';
import { formatDate, isIsoDate, todayVN } from '../dates.ts';
import { useT } from '../i18n.ts';
import { DateInput } from '../ui/DateInput.tsx';

export function AsOfControl({ asOf, onChange }: { asOf: string; onChange: (iso: string) => void }) {
  const t = useT();
  const [draft, setDraft] = useState(asOf);
  // The date may also change from outside (a link to a unit on another date).
  useEffect(() => setDraft(asOf), [asOf]);
  // A complete, real date applies at once; partial typing waits.
  const edit = (v: string) => {
    setDraft(v);
    if (isIsoDate(v) && v !== asOf) onChange(v);
  };
  const today = todayVN();
  const invalid = draft !== '' && !isIsoDate(draft) && draft.replace(/\D/g, '').length >= 8;
  return (
    <div className="asof">
      <DateInput label={t('ui.units.asof')} value={draft} onChange={edit} error={invalid ? t('validation.date') : undefined} />
      <button type="button" onClick={() => edit(today)} disabled={asOf === today}>{t('ui.units.today')}</button>
      <p className="asof-note" aria-live="polite">
        {asOf === today ? t('ui.units.asof_today', { date: formatDate(asOf) }) : t('ui.units.asof_history', { date: formatDate(asOf) })}
      </p>
    </div>
  );
}
