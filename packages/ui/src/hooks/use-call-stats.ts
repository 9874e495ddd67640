import type { MediaStats } from '@sipkit/core';
import { useSipClient, useSipStore } from '@sipkit/react';
import { useEffect, useState } from 'react';

/** Settings of `useCallStats`. */
export interface UseCallStatsOptions {
  /** Milliseconds between two `getStats()`; default 1000. */
  readonly interval?: number;
  /** How many samples `history` keeps; default 30. */
  readonly history?: number;
}

/** What `useCallStats` returns. */
export interface CallStatsResult {
  /** The newest sample, or undefined before the first one. */
  readonly latest: MediaStats | undefined;
  /** The last samples, oldest first. */
  readonly history: readonly MediaStats[];
}

const NO_STATS: CallStatsResult = { latest: undefined, history: [] };

/**
 * Polls a call's media statistics (`session.media.getStats()`: bitrates, loss, jitter, round
 * trip) while mounted and while the call is live; stops polling when it ends and keeps the last
 * samples. `callId` defaults to the current call.
 *
 * @example
 * const { latest } = useCallStats();
 * return <p>{latest?.roundTripTime === undefined ? '' : `${latest.roundTripTime * 1000} ms`}</p>;
 */
export function useCallStats(callId?: string, options: UseCallStatsOptions = {}): CallStatsResult {
  const { interval = 1000, history = 30 } = options;
  const ua = useSipClient();
  const id = useSipStore((s) => callId ?? s.currentCallId);
  const live = useSipStore((s) => {
    const status = s.calls[id ?? '']?.status;
    return status !== undefined && status !== 'terminated';
  });
  const [stats, setStats] = useState<{ readonly id: string | undefined } & CallStatsResult>({
    id,
    ...NO_STATS,
  });
  useEffect(() => {
    if (ua === undefined || id === undefined || !live) return;
    let current = true;
    const sample = (): void => {
      const media = ua.sessions.find((session) => session.id === id)?.media;
      media?.getStats().then(
        (next) => {
          if (!current) return;
          setStats((previous) => ({
            id,
            latest: next,
            history: [...(previous.id === id ? previous.history : []), next].slice(-history),
          }));
        },
        // A handler closing under us rejects: the next tick (or the end of the call) sorts it out.
        () => undefined,
      );
    };
    sample();
    const timer = setInterval(sample, interval);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [ua, id, live, interval, history]);
  // Samples of another call (the current one changed) are not this call's.
  return stats.id === id ? stats : NO_STATS;
}
