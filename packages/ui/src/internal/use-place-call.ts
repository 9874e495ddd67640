import { Causes, type CallOptions } from '@sipkit/core';
import { useCall, useSipStore } from '@sipkit/react';
import { useContext } from 'react';
import { normalizeDialString } from '../dial/normalize-dial-string.js';
import { CallGateContext } from './call-gate.js';

/** What `usePlaceCall` gives a control that starts calls. */
export interface PlaceCall {
  /** The target as it will be dialled (cleaned up as a pasted one would be). */
  readonly target: string;
  /**
   * False when there is nothing to call, no connection to the server, the server refused our
   * credentials, or the microphone is known to be unusable (below a `<Softphone>`).
   */
  readonly ready: boolean;
  /** Places the call with the given options; throws what the UA throws. Call only when ready. */
  readonly place: () => string;
}

/**
 * The one rule for starting a call from the kit's controls, shared by `<CallButton>` and Enter in
 * `<DialInput>` so both place the same call (same options: video, ICE servers, extra headers) and
 * both refuse while there is no connection. Enter once skipped the rule: it placed a call with no
 * options while the Call button was disabled, and the call failed into the list of ended calls.
 * Refused credentials refuse calls too: the proxy would challenge the INVITE with the same
 * credentials and the call would only fail (the notice says "check password" instead).
 */
export function usePlaceCall(text: string, options: CallOptions | undefined): PlaceCall {
  const { call } = useCall();
  // Only the connection: the whole registration would re-render every control on each change.
  const connection = useSipStore((s) => s.connection);
  const refused = useSipStore(
    (s) =>
      s.registration.status === 'failed' &&
      (s.registration.cause === Causes.AUTHENTICATION_ERROR ||
        s.registration.cause === Causes.NO_CREDENTIALS),
  );
  const gated = useContext(CallGateContext);
  const target = normalizeDialString(text);
  return {
    target,
    ready: target !== '' && connection === 'connected' && !refused && !gated,
    place: () => call(target, options),
  };
}
