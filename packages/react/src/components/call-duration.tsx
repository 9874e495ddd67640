import type { ReactNode } from 'react';
import { useCallDuration } from '../hooks/use-call-duration.js';
import { useSipStore } from '../hooks/use-sip-store.js';

/**
 * Props of `<CallDuration>`.
 *
 * @example <CallDuration id={callId} format={(s) => `${s}s`} />
 */
export interface CallDurationProps {
  /** The call; default the current one. */
  readonly id?: string;
  /** How to show the seconds; default `m:ss` (or `h:mm:ss`). */
  readonly format?: (seconds: number) => string;
  readonly className?: string;
}

/**
 * A `<time>` that ticks with a call's duration: the only thing that re-renders every second.
 * `data-state` is the call's status (`confirmed`, `terminated`...) or `idle`.
 *
 * @example <CallDuration className="timer" />
 */
export function CallDuration({
  id,
  format = formatDuration,
  className,
}: CallDurationProps): ReactNode {
  const seconds = useCallDuration(id);
  const status = useSipStore((s) => {
    const callId = id ?? s.currentCallId;
    return callId === undefined ? undefined : s.calls[callId]?.status;
  });
  return (
    <time className={className} data-state={status ?? 'idle'} dateTime={`PT${seconds}S`}>
      {format(seconds)}
    </time>
  );
}

/**
 * `m:ss` below an hour, `h:mm:ss` from then on.
 *
 * @example formatDuration(75) // '1:15'
 */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
