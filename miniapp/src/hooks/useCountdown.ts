import { useEffect, useState } from 'react';

/** Milliseconds left until `iso` (0 once passed, null without a deadline), ticking each second. */
export function useCountdown(iso: string | null | undefined): number | null {
  const target = iso ? Date.parse(iso) : null;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (target === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [target]);
  return target === null ? null : Math.max(0, target - now);
}

/** 14:59 (or 1:02:03 past an hour). */
export function formatCountdown(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}
