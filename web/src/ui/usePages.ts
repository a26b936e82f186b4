// A list loaded a page at a time, with "more" at its bottom: the first page whenever deps change (the filters), the
// next one on demand. An answer for the deps before is dropped — a first page overtaken by newer filters, or a "more"
// asked before they changed — so a slow answer never replaces or extends the list with another filter's rows.
import { useEffect, useRef, useState } from 'react';

/** A page as the screen's fetch gives it: its items and the cursor of the next page (null at the end). */
export interface Page<C> {
  items: unknown[];
  next: C | null;
}

export function usePages<C, P extends Page<C>>(fetchPage: (cursor: C | null) => Promise<P>, deps: unknown[]) {
  type Items = P['items'];
  const [state, setState] = useState<{ items: Items; next: C | null; first: P | null; loading: boolean; error: unknown }>(
    { items: [], next: null, first: null, loading: true, error: null },
  );
  const generation = useRef(0);
  // fetchPage is recreated each render; deps say when the list really changes.
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  useEffect(() => {
    const gen = ++generation.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    fetchRef.current(null).then(
      (p) => gen === generation.current && setState({ items: p.items, next: p.next, first: p, loading: false, error: null }),
      (error: unknown) => gen === generation.current && setState((s) => ({ ...s, items: [], next: null, loading: false, error })),
    );
  }, deps);

  /** Loads the page after the last one shown, and appends it. */
  const more = () => {
    const gen = generation.current;
    const cursor = state.next;
    if (cursor === null) return;
    setState((s) => ({ ...s, loading: true, error: null }));
    fetchRef.current(cursor).then(
      (p) => gen === generation.current && setState((s) => ({ ...s, items: [...s.items, ...p.items] as Items, next: p.next, loading: false })),
      (error: unknown) => gen === generation.current && setState((s) => ({ ...s, loading: false, error })),
    );
  };

  /** The items, the first page's answer (what else it says, e.g. the order applied), whether more follow. */
  return { items: state.items, first: state.first, hasMore: state.next !== null, loading: state.loading, error: state.error, more };
}
