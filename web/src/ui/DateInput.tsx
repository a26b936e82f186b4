// A date typed as dd/MM/yyyy — how people here write dates, whatever the browser's locale would show in a
// native date input — with a button that opens the browser's calendar for those who prefer picking.
import { useId, useRef } from 'react';
import { formatDate, isIsoDate, parseDate } from '../dates.ts';
import { useT } from '../i18n.ts';
import { Label } from './Field.tsx';

interface Props {
  label: string;
  /** YYYY-MM-DD when valid; otherwise whatever was typed, so the server can name the bad field. */
  value: string;
  onChange: (isoOrRaw: string) => void;
  error?: string;
  required?: boolean;
}

export function DateInput({ label, value, onChange, error, required }: Props) {
  const t = useT();
  const id = useId();
  const picker = useRef<HTMLInputElement>(null);
  const shown = isIsoDate(value) ? formatDate(value) : value;
  const describedBy = `${id}-hint${error ? ` ${id}-err` : ''}`;
  return (
    <div className={`field date-field${error ? ' has-error' : ''}`}>
      <Label htmlFor={id} text={label} required={required} />
      <div className="date-row">
        <input id={id} type="text" inputMode="numeric" placeholder="dd/mm/yyyy" value={shown} required={required}
          aria-invalid={error ? true : undefined} aria-describedby={describedBy} size={11}
          onChange={(e) => onChange(parseDate(e.target.value) ?? e.target.value)} />
        <button type="button" className="icon" aria-label={t('ui.date.pick', { label })} title={t('ui.date.pick', { label })}
          onClick={() => picker.current?.showPicker?.()}>
          <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
            <rect x="3" y="5" width="18" height="16" rx="2" /><path d="M3 10h18M8 3v4M16 3v4" />
          </svg>
        </button>
        <input ref={picker} type="date" className="picker" tabIndex={-1} aria-hidden="true"
          value={isIsoDate(value) ? value : ''} onChange={(e) => e.target.value && onChange(e.target.value)} />
      </div>
      <small id={`${id}-hint`} className="hint">{t('ui.date.format')}</small>
      {error && <small id={`${id}-err`} className="field-error">{error}</small>}
    </div>
  );
}
