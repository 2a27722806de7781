import { useEffect, useState } from 'react';

/** The trimmed `query` once typing has paused for `delayMs`: what a search asks the service for. */
export function useSettledQuery(query: string, delayMs: number) {
  const [settled, setSettled] = useState(query.trim());
  useEffect(() => {
    const timer = setTimeout(() => setSettled(query.trim()), delayMs);
    return () => clearTimeout(timer);
  }, [query, delayMs]);
  return settled;
}
