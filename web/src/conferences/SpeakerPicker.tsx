// Who is speaking: type to filter the delegates (a combobox: arrows move, Enter picks, Escape closes), or keep
// the typed name as a speaker not on the list, with their title and organisation.
import { useId, useState, type KeyboardEvent } from 'react';
import { fold } from '../dates.ts';
import { useT } from '../i18n.ts';
import { TextField } from '../ui/Field.tsx';
import type { Delegate } from './model.ts';

export interface Speaker {
  delegateId: number | null;
  name: string;
  title: string;
  organisation: string;
}

export const NO_SPEAKER: Speaker = { delegateId: null, name: '', title: '', organisation: '' };

export function SpeakerPicker({ delegates, value, onChange, inputRef, errors }: {
  delegates: Delegate[]; value: Speaker; onChange: (s: Speaker) => void; inputRef: React.RefObject<HTMLInputElement | null>; errors: Record<string, string>;
}) {
  const t = useT();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const needle = fold(value.name.trim());
  const matches = value.delegateId === null && needle
    ? delegates.filter((d) => fold(`${d.fullName} ${d.organisation ?? ''} ${d.village ?? ''}`).includes(needle)).slice(0, 8)
    : [];
  const expanded = open && matches.length > 0;
  const pick = (d: Delegate) => {
    onChange({ delegateId: d.id, name: d.fullName, title: d.title ?? '', organisation: d.organisation ?? d.village ?? '' });
    setOpen(false);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!expanded) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => (a + 1) % matches.length);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a - 1 + matches.length) % matches.length);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      if (e.key === 'Enter') e.preventDefault();
      pick(matches[Math.min(active, matches.length - 1)]!);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setOpen(false);
    }
  };
  const err = errors.delegateId ?? errors.speakerName;
  return (
    <fieldset className="conf-speaker">
      <legend>{t('ui.conf.cap.speaker')}</legend>
      <div className="conf-speaker-row">
        <div className={`field conf-combo${err ? ' has-error' : ''}`}>
          <span className="label-row"><label htmlFor={id}>{t('ui.conf.cap.speaker_name')}</label></span>
          <input ref={inputRef} id={id} type="text" role="combobox" autoComplete="off" value={value.name}
            aria-expanded={expanded} aria-controls={`${id}-list`} aria-autocomplete="list"
            aria-activedescendant={expanded ? `${id}-opt-${Math.min(active, matches.length - 1)}` : undefined}
            aria-describedby={`${id}-hint${err ? ` ${id}-err` : ''}`} aria-invalid={err ? true : undefined}
            onChange={(e) => {
              onChange({ ...value, delegateId: null, name: e.target.value });
              setOpen(true);
              setActive(0);
            }}
            onKeyDown={onKey} onBlur={(e) => {
              // Closed a moment later, so that a click on an option still lands; not if the field has its focus back
              // by then (a fast secretary is already typing the next name).
              const field = e.currentTarget;
              window.setTimeout(() => { if (document.activeElement !== field) setOpen(false); }, 150);
            }} />
          <ul id={`${id}-list`} role="listbox" className="conf-combo-list" hidden={!expanded} aria-label={t('ui.conf.cap.delegates')}>
            {matches.map((d, i) => (
              <li key={d.id} id={`${id}-opt-${i}`} role="option" aria-selected={i === active}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(d);
                }}>
                <strong>{d.fullName}</strong> <span className="muted">{[d.title, d.organisation ?? d.village].filter(Boolean).join(', ')}</span>
              </li>
            ))}
          </ul>
          <small id={`${id}-hint`} className="hint">
            {value.delegateId !== null ? t('ui.conf.cap.speaker_is_delegate') : value.name.trim() ? t('ui.conf.cap.speaker_free') : t('ui.conf.cap.speaker_hint')}
          </small>
          {err && <small id={`${id}-err`} className="field-error">{err}</small>}
        </div>
        <TextField label={t('ui.conf.cap.speaker_title')} value={value.title} onChange={(title) => onChange({ ...value, title })} error={errors.speakerTitle} />
        <TextField label={t('ui.conf.cap.speaker_org')} value={value.organisation} onChange={(organisation) => onChange({ ...value, organisation })} error={errors.speakerOrganisation} />
      </div>
    </fieldset>
  );
}
