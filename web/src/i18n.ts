// The console speaks through the server's catalogues (src/i18n/*.json, keys `ui.*` are ours), so the API's
// messages and the screens never disagree. The chosen language is also a cookie, which the API honours.
import { createContext, useCallback, useContext } from 'react';
import vi from '../../src/i18n/vi.json';
import en from '../../src/i18n/en.json';

export type Lang = 'vi' | 'en';
const catalogues: Record<Lang, Record<string, string>> = { vi, en };

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Text for key in lang, with {param} interpolation; falls back to Vietnamese, then to the key itself. */
export function translate(lang: Lang, key: string, params?: Record<string, string | number>): string {
  const text = catalogues[lang][key] ?? catalogues.vi[key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (m, n: string) => (n in params ? String(params[n]) : m)) : text;
}

/** The lang cookie if set, otherwise the browser's preference; Vietnamese first. */
export function initialLang(): Lang {
  const cookie = /(?:^|;\s*)lang=(vi|en)/.exec(document.cookie)?.[1];
  if (cookie === 'vi' || cookie === 'en') return cookie;
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'vi';
}

/** Remembers the choice for the API (error messages) and for the next visit. */
export function rememberLang(lang: Lang) {
  document.cookie = `lang=${lang}; path=/; max-age=31536000; samesite=lax`;
  document.documentElement.lang = lang;
}

export const LangContext = createContext<{ lang: Lang; setLang: (l: Lang) => void }>({ lang: 'vi', setLang: () => undefined });

/** The translate function for the current language. */
export function useT(): Translate {
  const { lang } = useContext(LangContext);
  return useCallback((key, params) => translate(lang, key, params), [lang]);
}
