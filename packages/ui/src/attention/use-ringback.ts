import { useCall } from '@sipkit/react';
import type { AudioContextFactory } from './audio-context-like.js';
import type { Sound } from './sound-player.js';
import { RINGBACK } from './tone-pattern.js';
import { useRingtone, type UseRingtoneResult } from './use-ringtone.js';

/** Options of `useRingback`. */
export interface UseRingbackOptions {
  /** What to play; default the generated `RINGBACK`; `false` plays nothing. */
  readonly sound?: Sound | false;
  /** The call; default the current one. */
  readonly callId?: string;
  /** Makes the Web Audio context of generated tones; default the browser's. */
  readonly audioContext?: AudioContextFactory;
}

/**
 * Plays the ringback while a call we placed rings at the far end (180 Ringing), so the caller
 * knows it goes through. Not while the far end plays its own early media (183 with SDP, RFC
 * 3960: the network's tone or announcement is heard instead). Stops on answer, failure, hang-up
 * and unmount.
 *
 * @example
 * const ringback = useRingback();
 * return ringback.state === 'blocked' ? <button onClick={ringback.enableSound}>Enable sound</button> : null;
 */
export function useRingback({
  sound = RINGBACK,
  callId,
  audioContext,
}: UseRingbackOptions = {}): UseRingtoneResult {
  const { state } = useCall(callId);
  return useRingtone({
    active: state?.direction === 'outgoing' && state.status === 'ringing',
    sound,
    key: state?.id,
    ...(audioContext === undefined ? {} : { audioContext }),
  });
}
