import { useEffect } from 'react';

/** Re-reads from the network every `ms` while the page is visible (and at once when it shows again). */
export function usePolling(refetch: (opts: { requestPolicy: 'network-only' }) => void, ms: number | null) {
  useEffect(() => {
    if (!ms) return;
    const tick = () => {
      if (document.visibilityState === 'visible') refetch({ requestPolicy: 'network-only' });
    };
    const timer = setInterval(tick, ms);
    document.addEventListener('visibilitychange', tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [refetch, ms]);
}
