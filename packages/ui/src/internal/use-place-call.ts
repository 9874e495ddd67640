import type { CallOptions } from '@sipkit/core';
import { useCall, useSipStore } from '@sipkit/react';
import { normalizeDialString } from '../dial/normalize-dial-string.js';

/** What `usePlaceCall` gives a control that starts calls. */
export interface PlaceCall {
  /** The target as it will be dialled (cleaned up as a pasted one would be). */
  readonly target: string;
  /** False when there is nothing to call or no connection to the server. */
  readonly ready: boolean;
  /** Places the call with the given options; throws what the UA throws. Call only when ready. */
  readonly place: () => string;
}

/**
 * The one rule for starting a call from the kit's controls, shared by `<CallButton>` and Enter in
 * `<DialInput>` so both place the same call (same options: video, ICE servers, extra headers) and
 * both refuse while there is no connection. Enter once skipped the rule: it placed a call with no
 * options while the Call button was disabled, and the call failed into the list of ended calls.
 */
export function usePlaceCall(text: string, options: CallOptions | undefined): PlaceCall {
  const { call } = useCall();
  // Only the connection: the whole registration would re-render every control on each change.
  const connection = useSipStore((s) => s.connection);
  const target = normalizeDialString(text);
  return {
    target,
    ready: target !== '' && connection === 'connected',
    place: () => call(target, options),
  };
}
