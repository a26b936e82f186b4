// A tiny router over the History API: a handful of screens under /console/ do not need a routing library.
import { useSyncExternalStore } from 'react';

export const BASE = '/console';
const CHANGE = 'ln:navigate';

function subscribe(fn: () => void) {
  window.addEventListener('popstate', fn);
  window.addEventListener(CHANGE, fn);
  return () => {
    window.removeEventListener('popstate', fn);
    window.removeEventListener(CHANGE, fn);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

export interface Route {
  /** Path below /console, e.g. '/units/12'. */
  path: string;
  query: URLSearchParams;
}

/** The current route; re-renders on navigation. */
export function useRoute(): Route {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, window.location.origin);
  const path = url.pathname.startsWith(BASE) ? url.pathname.slice(BASE.length) || '/' : '/';
  return { path, query: url.searchParams };
}

/** Goes to a console path ('/units?asOf=...'); replace keeps the history entry (filters, dates). */
export function navigate(to: string, replace = false) {
  const href = BASE + to;
  if (href === snapshot()) return;
  if (replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(CHANGE));
}
