import type { CallState } from '@sipkit/react';
import { defaultMessages } from '../messages/default-messages.js';
import type { CallMessages } from '../messages/sipkit-messages.js';

/**
 * One short sentence for where a call is, for status lines and live regions, in the language
 * of `messages` (`useMessages().call`; default English).
 *
 * @example callLabel(call) // 'On hold'
 */
export function callLabel(call: CallState, messages: CallMessages = defaultMessages.call): string {
  switch (call.status) {
    case 'connecting':
      return messages.calling;
    case 'ringing':
      if (call.direction === 'outgoing') return messages.ringing;
      return call.answering ? messages.answering : messages.incoming;
    case 'early':
      return messages.ringing;
    case 'answered':
      return messages.connecting;
    case 'confirmed':
      if (call.hold.local) return messages.onHold;
      if (call.hold.remote) return messages.heldByRemote;
      return messages.inCall;
    case 'terminated':
      // A plain hang-up ends with the cause 'Terminated': nothing worth saying.
      return messages.ended(call.cause === 'Terminated' ? undefined : call.cause);
  }
}

/**
 * The value of a call's `data-sipkit-state`: its status, with `held` for a confirmed call on hold (by
 * either side), so CSS needs one attribute for the common cases.
 *
 * @example <li data-sipkit-state={callDataState(call)}>
 */
export function callDataState(call: CallState | undefined): string {
  if (call === undefined) return 'idle';
  if (call.status === 'confirmed' && (call.hold.local || call.hold.remote)) return 'held';
  return call.status;
}

/**
 * True while a call is live: placed or answered, not ended.
 *
 * @example calls.filter(isLive)
 */
export function isLive(call: CallState | undefined): call is CallState {
  return call !== undefined && call.status !== 'terminated';
}
