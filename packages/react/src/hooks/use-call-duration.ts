import { useCallback, useRef, useSyncExternalStore } from 'react';
import { useSipStore } from './use-sip-store.js';

/**
 * Whole seconds since the call was answered (0 before), frozen once it ends. Only the component
 * that calls it re-renders, once a second and only while the call lasts: keep it in a leaf
 * (such as `<CallDuration />`) so the rest of the tree does not tick along.
 *
 * @example
 * function Timer() {
 *   const seconds = useCallDuration();
 *   return <span>{Math.floor(seconds / 60)}:{String(seconds % 60).padStart(2, '0')}</span>;
 * }
 */
export function useCallDuration(id?: string): number {
  const current = useSipStore((s) => s.currentCallId);
  const callId = id ?? current;
  const start = useSipStore((s) => (callId === undefined ? undefined : s.calls[callId]?.startTime));
  const end = useSipStore((s) => (callId === undefined ? undefined : s.calls[callId]?.endTime));
  // The time of the last tick: snapshots read it rather than the clock, so two reads in one
  // render agree (React checks that they do).
  const now = useRef<number | undefined>(undefined);
  const subscribe = useCallback(
    (onTick: () => void) => {
      if (start === undefined || end !== undefined) return () => undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      // Tick on the call's own second boundaries, so the display turns over on time.
      const next = (): void => {
        timer = setTimeout(
          () => {
            now.current = Date.now();
            onTick();
            next();
          },
          1000 - ((Date.now() - start) % 1000),
        );
      };
      now.current = Date.now();
      onTick();
      next();
      return () => clearTimeout(timer);
    },
    [start, end],
  );
  const snapshot = (): number => {
    if (start === undefined) return 0;
    const until = end ?? now.current ?? start;
    return Math.max(0, Math.floor((until - start) / 1000));
  };
  // The server has no clock to follow: it shows what is fixed (the final duration) or 0.
  const serverSnapshot = (): number => (end === undefined ? 0 : snapshot());
  return useSyncExternalStore(subscribe, snapshot, serverSnapshot);
}
