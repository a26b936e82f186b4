// Types for build-walbuf.mjs (plain JavaScript: npm ci runs it before anything can load TypeScript).
export const WALBUF_LIBRARY: string;
export function walbufIsCurrent(): boolean;
export function buildWalbuf(opts?: { quiet?: boolean }): boolean;
