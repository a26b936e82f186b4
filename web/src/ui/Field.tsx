// Labelled form controls with their per-field error, wired for screen readers (aria-invalid/-describedby).
import { useId, type ReactNode } from 'react';

interface Base {
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
}

function Frame({ id, label, error, hint, required, children }: Base & { id: string; children: ReactNode }) {
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <Label htmlFor={id} text={label} required={required} />
      {children}
      {hint && <small id={`${id}-hint`} className="hint">{hint}</small>}
      {error && <small id={`${id}-err`} className="field-error">{error}</small>}
    </div>
  );
}

/** A field's label; the required mark sits outside it so the accessible name is just the words. */
export function Label({ htmlFor, text, required }: { htmlFor: string; text: string; required?: boolean }) {
  return (
    <span className="label-row">
      <label htmlFor={htmlFor}>{text}</label>
      {required && <span aria-hidden="true" className="req">*</span>}
    </span>
  );
}

const describedBy = (id: string, p: Base) => [p.hint && `${id}-hint`, p.error && `${id}-err`].filter(Boolean).join(' ') || undefined;

export function TextField(p: Base & {
  value: string;
  onChange: (v: string) => void;
  type?: 'text' | 'password' | 'email' | 'tel' | 'search';
  autoComplete?: string;
  name?: string;
  multiline?: boolean;
}) {
  const id = useId();
  const common = {
    id, name: p.name, value: p.value, required: p.required,
    'aria-invalid': p.error ? true : undefined, 'aria-describedby': describedBy(id, p),
  };
  return (
    <Frame id={id} {...p}>
      {p.multiline
        ? <textarea {...common} rows={3} onChange={(e) => p.onChange(e.target.value)} />
        : <input {...common} type={p.type ?? 'text'} autoComplete={p.autoComplete} onChange={(e) => p.onChange(e.target.value)} />}
    </Frame>
  );
}

export function SelectField(p: Base & { value: string; onChange: (v: string) => void; options: { value: string; label: string }[]; name?: string }) {
  const id = useId();
  return (
    <Frame id={id} {...p}>
      <select id={id} name={p.name} value={p.value} required={p.required} aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(id, p)} onChange={(e) => p.onChange(e.target.value)}>
        {p.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </Frame>
  );
}
