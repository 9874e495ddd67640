import { useCallback, useSyncExternalStore } from 'react';
import type { SipTrace } from './create-sip-trace.js';
import type { TracedMessage } from './traced-message.js';

const NONE: readonly TracedMessage[] = [];

/**
 * The SIP messages of one call from a trace, kept current. `callId` is a Call-ID or a store call
 * id (`useCall().id`); undefined gives no messages.
 *
 * @example
 * const { id } = useCall();
 * const messages = useSipTrace(trace, id);
 * return <p>{messages.length} SIP messages</p>;
 */
export function useSipTrace(trace: SipTrace, callId: string | undefined): readonly TracedMessage[] {
  const subscribe = useCallback((listener: () => void) => trace.subscribe(listener), [trace]);
  const snapshot = (): readonly TracedMessage[] =>
    callId === undefined ? NONE : trace.messages(callId);
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
