import { useEffect, useState } from 'react';
import { getUnread } from '../api/reminders';
import { session } from './session';

/**
 * Unread notices in 消息中心, for the badge on 我的 (entry and tab). Refreshed when a tab page
 * shows (at most every 20 s) and set by 消息中心 as notices are read.
 */
let unread = 0;
let fetchedAt = 0;
const listeners = new Set<(n: number) => void>();

export function setUnread(n: number): void {
  unread = n;
  listeners.forEach((listener) => listener(n));
}

export function refreshUnread(force = false): void {
  if (session.get().status !== 'signedIn') {
    if (unread !== 0) setUnread(0);
    return;
  }
  const now = Date.now();
  if (!force && now - fetchedAt < 20_000) return;
  fetchedAt = now;
  getUnread().then((r) => setUnread(r.unread), () => undefined);
}

export function useUnread(): number {
  const [n, setN] = useState(unread);
  useEffect(() => {
    setN(unread);
    listeners.add(setN);
    return () => {
      listeners.delete(setN);
    };
  }, []);
  return n;
}

// Signing out clears the badge; signing in fetches it.
session.subscribe(() => {
  fetchedAt = 0;
  refreshUnread();
});
