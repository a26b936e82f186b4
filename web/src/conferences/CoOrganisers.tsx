// Co-organisers: the usual three offered as toggle chips, anything else typed and added (Enter adds).
import { useId, useState } from 'react';
import { useT } from '../i18n.ts';
import { CO_ORGANISERS } from './model.ts';

export function CoOrganisers({ value, onChange, error }: { value: string[]; onChange: (v: string[]) => void; error?: string }) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState('');
  const toggle = (name: string) => onChange(value.includes(name) ? value.filter((v) => v !== name) : [...value, name]);
  const add = () => {
    const name = text.trim();
    if (name && !value.includes(name)) onChange([...value, name]);
    setText('');
  };
  const others = value.filter((v) => !CO_ORGANISERS.includes(v));
  return (
    <fieldset className="conf-coorg">
      <legend>{t('ui.conf.co_organisers')}</legend>
      <div className="conf-chip-row">
        {CO_ORGANISERS.map((name) => (
          <button key={name} type="button" className={`chip conf-toggle${value.includes(name) ? ' on' : ''}`} aria-pressed={value.includes(name)} onClick={() => toggle(name)}>
            {value.includes(name) ? '✓ ' : '+ '}{name}
          </button>
        ))}
        {others.map((name) => (
          <span key={name} className="chip-static">
            {name}
            <button type="button" className="small icon" aria-label={t('ui.conf.co_remove', { name })} onClick={() => toggle(name)}>✕</button>
          </span>
        ))}
      </div>
      <div className="conf-inline">
        <label htmlFor={id} className="sr-only">{t('ui.conf.co_other')}</label>
        <input id={id} type="text" value={text} placeholder={t('ui.conf.co_other')} onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }} />
        <button type="button" className="small" onClick={add} disabled={!text.trim()}>{t('ui.conf.co_add')}</button>
      </div>
      {error && <small className="field-error">{error}</small>}
    </fieldset>
  );
}
