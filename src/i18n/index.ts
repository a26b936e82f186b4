// Translation: one flat catalogue per language, shared by the server and the staff console.
import vi from './vi.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'vi';

export const catalogues: Record<Lang, Record<string, string>> = { vi, en };

/** Translates key with {param} interpolation; an unknown key falls back to Vietnamese, then to the key. */
export function t(lang: Lang, key: string, params?: Record<string, string | number>): string {
  const text = catalogues[lang][key] ?? catalogues.vi[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Picks the language from an explicit choice (query or cookie) or Accept-Language; Vietnamese by default. */
export function pickLang(explicit: string | undefined, acceptLanguage: string | undefined): Lang {
  if (explicit === 'vi' || explicit === 'en') return explicit;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .map((part) => {
        const [tag = '', q] = part.trim().split(';q=');
        return { tag: tag.toLowerCase().slice(0, 2), q: q === undefined ? 1 : Number(q) };
      })
      .filter((x) => x.q > 0)
      .sort((a, b) => b.q - a.q);
    for (const r of ranked) if (r.tag === 'vi' || r.tag === 'en') return r.tag;
  }
  return DEFAULT_LANG;
}
