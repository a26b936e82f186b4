// Small pieces the conference screens share: the state badge, a labelled number input, radio chips, and a
// person (name + title) pair of fields.
import { useId } from 'react';
import { fieldErrors } from '../ui/Alert.tsx';
import { useT } from '../i18n.ts';
import { Label, TextField } from '../ui/Field.tsx';
import { parseTime, type ConferenceState } from './model.ts';

export function ConfStateBadge({ state }: { state: ConferenceState }) {
  const t = useT();
  return <span className={`tag conf-state conf-state-${state}`} data-state={state}>{t(`ui.conf.state.${state}`)}</span>;
}

/** A group of radio buttons drawn as chips: arrow keys move between them, as any radio group. */
export function RadioChips<T extends string>({ legend, name, value, options, onChange, error, required }: {
  legend: string; name: string; value: T | ''; options: { value: T; label: string }[]; onChange: (v: T) => void; error?: string; required?: boolean;
}) {
  const id = useId();
  return (
    <fieldset className={`conf-chips${error ? ' has-error' : ''}`} aria-describedby={error ? `${id}-err` : undefined}>
      <legend>{legend}{required && <span aria-hidden="true" className="req"> *</span>}</legend>
      <div className="conf-chip-row">
        {options.map((o) => (
          <label key={o.value} className={`conf-chip${value === o.value ? ' on' : ''}`} data-value={o.value}>
            <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {error && <small id={`${id}-err`} className="field-error">{error}</small>}
    </fieldset>
  );
}

export function NumberField({ label, value, onChange, error, min = 0, hint }: { label: string; value: string; onChange: (v: string) => void; error?: string; min?: number; hint?: string }) {
  const id = useId();
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <Label htmlFor={id} text={label} />
      <input id={id} type="number" inputMode="numeric" min={min} value={value} onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined} aria-describedby={[hint && `${id}-hint`, error && `${id}-err`].filter(Boolean).join(' ') || undefined} />
      {hint && <small id={`${id}-hint`} className="hint">{hint}</small>}
      {error && <small id={`${id}-err`} className="field-error">{error}</small>}
    </div>
  );
}

/** Name and title of the presiding officer or the secretary. */
export function PersonFields({ legend, value, onChange, errors, prefix }: {
  legend: string; value: { name: string; title: string }; onChange: (v: { name: string; title: string }) => void;
  errors: Record<string, string>; prefix: string;
}) {
  const t = useT();
  return (
    <fieldset className="conf-person">
      <legend>{legend}</legend>
      <div className="form-grid">
        <TextField label={t('ui.conf.person.name')} value={value.name} onChange={(name) => onChange({ ...value, name })} error={errors[`${prefix}.name`] ?? errors[prefix]} />
        <TextField label={t('ui.conf.person.title')} value={value.title} onChange={(title) => onChange({ ...value, title })} error={errors[`${prefix}.title`]} />
      </div>
    </fieldset>
  );
}

/** A time of day typed as HH:mm (24 hours, as written here, whatever the browser's locale), tidied on leaving. */
export function TimeInput({ value, onChange, id, invalid, describedBy, label, dataF }: {
  value: string; onChange: (v: string) => void; id?: string; invalid?: boolean; describedBy?: string; label?: string; dataF?: string;
}) {
  return (
    <input id={id} type="text" inputMode="numeric" placeholder="hh:mm" maxLength={5} value={value} size={6} className="conf-time-input"
      aria-label={label} aria-invalid={invalid ? true : undefined} aria-describedby={describedBy} data-f={dataF}
      onChange={(e) => onChange(e.target.value)} onBlur={() => {
        const t = parseTime(value);
        if (t && t !== value) onChange(t);
      }} />
  );
}

/** The server's messages for fields that have no control on this screen (action, state, conference…), said in words. */
export function LooseFieldErrors({ error, names }: { error: unknown; names: string[] }) {
  const errs = fieldErrors(error);
  const found = names.map((n) => errs[n]).filter((m): m is string => !!m);
  if (!found.length) return null;
  return <ul className="conf-loose-errors">{found.map((m) => <li key={m} className="field-error">{m}</li>)}</ul>;
}
