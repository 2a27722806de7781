import { useEffect, useMemo, useState } from 'react';
import type { Promotion } from '../api/promotions-api';
import { nextStateChange } from '../api/promotion-state';

/** setTimeout's longest delay (about 24.8 days); a later change is waited for in steps. */
const MAX_DELAY_MS = 2_147_483_647;

/**
 * "Now" for the states on screen: a new one whenever the promotions change and
 * at the next instant a shown promotion starts or ends, so a scheduled promotion
 * turns live at its start without a reload.
 */
export function useStateClock(promotions: Promotion[]): Date {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const now = new Date();
    const next = nextStateChange(promotions, now);
    if (!next) return;
    // A few milliseconds late rather than early: the states are computed against the new now.
    const delay = Math.min(next.getTime() - now.getTime() + 5, MAX_DELAY_MS);
    const timer = setTimeout(() => setTick((count) => count + 1), delay);
    return () => clearTimeout(timer);
  }, [promotions, tick]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a new now exactly when the promotions or the tick change
  return useMemo(() => new Date(), [promotions, tick]);
}
