import { useCallback, useEffect, useRef, useState } from 'react';
import type { EntryKind, PointsEntryDto } from '@jifen/shared';
import { listPointsEntries } from '../../api/points';

const PAGE_SIZE = 20;

export interface EntriesState {
  items: PointsEntryDto[];
  /** Cursor of the next page; null once the last page is in. */
  next: string | null;
  /** `loading` while a page is on its way, `error` when the last request failed. */
  phase: 'loading' | 'idle' | 'error';
  /** The first page has arrived (an empty list is then really empty). */
  loaded: boolean;
}

const INITIAL: EntriesState = { items: [], next: null, phase: 'loading', loaded: false };

/**
 * The history for one filter, a page at a time. A new filter starts over; answers for a filter
 * that is no longer shown are dropped, so fast tab switching cannot mix two lists.
 */
export function useEntries(kinds: readonly EntryKind[], enabled: boolean) {
  const [state, setState] = useState<EntriesState>(INITIAL);
  const stateRef = useRef(state);
  stateRef.current = state;
  const generation = useRef(0);
  const inFlight = useRef(false);
  const kindList = kinds.join(',');

  const fetchPage = useCallback(
    (cursor: string | null) => {
      const gen = generation.current;
      inFlight.current = true;
      setState((s) => ({ ...s, phase: 'loading' }));
      listPointsEntries({ kinds: kindList ? (kindList.split(',') as EntryKind[]) : [], cursor, limit: PAGE_SIZE }).then(
        (page) => {
          if (gen !== generation.current) return;
          inFlight.current = false;
          setState((s) => ({ items: cursor ? [...s.items, ...page.items] : page.items, next: page.next, phase: 'idle', loaded: true }));
        },
        () => {
          if (gen !== generation.current) return;
          inFlight.current = false;
          setState((s) => ({ ...s, phase: 'error' }));
        },
      );
    },
    [kindList],
  );

  const restart = useCallback(() => {
    generation.current += 1;
    setState(INITIAL);
    fetchPage(null);
  }, [fetchPage]);

  useEffect(() => {
    if (enabled) restart();
  }, [enabled, restart]);

  /** The next page (on reaching the bottom or a tap on the footer); retries a failed page. */
  const loadMore = useCallback(() => {
    const s = stateRef.current;
    if (!enabled || inFlight.current) return;
    if (!s.loaded) fetchPage(null);
    else if (s.next) fetchPage(s.next);
  }, [enabled, fetchPage]);

  return { ...state, loadMore, restart };
}
