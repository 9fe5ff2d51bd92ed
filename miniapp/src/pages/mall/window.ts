import { useEffect, useState } from 'react';
import type { MallItemDto } from '@jifen/shared';

/** Where an item stands against its limited-time window at `now`. */
export type WindowState = { phase: 'open'; endsIn: number | null } | { phase: 'upcoming'; startsIn: number } | { phase: 'ended' };

export function windowOf(item: Pick<MallItemDto, 'startsAt' | 'endsAt'>, now: number): WindowState {
  const starts = item.startsAt ? Date.parse(item.startsAt) : null;
  const ends = item.endsAt ? Date.parse(item.endsAt) : null;
  if (starts !== null && now < starts) return { phase: 'upcoming', startsIn: starts - now };
  if (ends !== null && now >= ends) return { phase: 'ended' };
  return { phase: 'open', endsIn: ends === null ? null : ends - now };
}

const two = (n: number) => String(n).padStart(2, '0');

/** 2天 03:04:05, or 03:04:05 within a day. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86400);
  const clock = `${two(Math.floor((total % 86400) / 3600))}:${two(Math.floor((total % 3600) / 60))}:${two(total % 60)}`;
  return days > 0 ? `${days}天 ${clock}` : clock;
}

/** The current time, ticking each second while `active` (only when some item has a window). */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}
