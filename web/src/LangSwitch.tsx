// Tiếng Việt first, English second: two buttons, the current one marked pressed.
import { useContext } from 'react';
import { LangContext, translate, type Lang } from './i18n.ts';

const NAMES: Record<Lang, string> = { vi: 'Tiếng Việt', en: 'English' };

export function LangSwitch() {
  const { lang, setLang } = useContext(LangContext);
  return (
    <div className="lang-switch" role="group" aria-label={translate(lang, 'ui.lang.label')}>
      {(['vi', 'en'] as const).map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={lang === l} onClick={() => setLang(l)}>
          <span aria-hidden="true">{l.toUpperCase()}</span>
          <span className="sr-only">{NAMES[l]}</span>
        </button>
      ))}
    </div>
  );
}
