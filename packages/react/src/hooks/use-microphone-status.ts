import { useCallback, useEffect, useState } from 'react';
import {
  readMicrophoneStatus,
  watchMicrophoneStatus,
  type MicrophoneStatus,
} from '../media-devices/microphone-status.js';

/**
 * What `useMicrophoneStatus` returns.
 *
 * @example const { status, check }: UseMicrophoneStatusResult = useMicrophoneStatus();
 */
export interface UseMicrophoneStatusResult {
  readonly status: MicrophoneStatus;
  /** Reads the status again (after the person changed site settings or plugged one in). */
  check(): Promise<MicrophoneStatus>;
  /** Records what a call found out (a getUserMedia that failed with `NotAllowedError`...). */
  report(status: MicrophoneStatus): void;
}

/**
 * Whether calls can use a microphone, known *before* dialling or answering, so the person is
 * told what to do instead of seeing the call fail ("User Denied Media Access"). Follows
 * permission changes and devices coming and going while mounted; `unknown` on the server.
 *
 * @example
 * const { status } = useMicrophoneStatus();
 * if (status === 'denied') return <p>Allow the microphone in the site settings, then try again.</p>;
 */
export function useMicrophoneStatus(): UseMicrophoneStatusResult {
  const [status, setStatus] = useState<MicrophoneStatus>('unknown');
  useEffect(() => watchMicrophoneStatus(setStatus), []);
  const check = useCallback(async () => {
    const next = await readMicrophoneStatus();
    setStatus(next);
    return next;
  }, []);
  return { status, check, report: setStatus };
}
