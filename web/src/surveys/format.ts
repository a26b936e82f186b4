// Survey figures for people: Vietnamese number style (92,4%; 5.725), "—" where there is no data (never 0%),
// intervals as "90,1–94,2%", changes in percentage points with their sign.
import { useContext, useMemo } from 'react';
import { LangContext, type Lang } from '../i18n.ts';
import type { LocalText } from '../types.ts';

const formats = new Map<string, Intl.NumberFormat>();

function nf(lang: Lang, digits: number): Intl.NumberFormat {
  const key = `${lang}|${digits}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formats.set(key, f);
  }
  return f;
}

export const NONE = '—';

/** A count: 5.725 (vi), 5,725 (en). */
export function int(lang: Lang, n: number | null | undefined): string {
  return n === null || n === undefined ? NONE : nf(lang, 0).format(n);
}

/** A share 0..1 as a percentage with one decimal: 92,4%; "—" without data. */
export function pct(lang: Lang, share: number | null | undefined): string {
  return share === null || share === undefined || Number.isNaN(share) ? NONE : `${nf(lang, 1).format(share * 100)}%`;
}

/** The 95% interval: 90,1–94,2%. */
export function interval(lang: Lang, low: number | null | undefined, high: number | null | undefined): string | null {
  if (low === null || low === undefined || high === null || high === undefined) return null;
  return `${nf(lang, 1).format(low * 100)}–${nf(lang, 1).format(high * 100)}%`;
}

/** A change between two shares in percentage points, signed: +1,2 / −0,8 / 0,0. */
export function points(lang: Lang, now: number, before: number): string {
  const d = Math.round((now - before) * 1000) / 10;
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  return `${sign}${nf(lang, 1).format(Math.abs(d))}`;
}

/** The text in the console's language, falling back to Vietnamese. */
export function local(lang: Lang, text: LocalText | undefined): string {
  if (!text) return '';
  return lang === 'en' && text.en ? text.en : text.vi;
}

/** HH:mm:ss in Vietnam time. */
export function clock(d: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(d);
}

/** The helpers above, bound to the console's language. */
export function useFormat() {
  const { lang } = useContext(LangContext);
  return useMemo(() => ({
    lang,
    int: (n: number | null | undefined) => int(lang, n),
    pct: (share: number | null | undefined) => pct(lang, share),
    interval: (low: number | null | undefined, high: number | null | undefined) => interval(lang, low, high),
    points: (now: number, before: number) => points(lang, now, before),
    local: (text: LocalText | undefined) => local(lang, text),
  }), [lang]);
}
