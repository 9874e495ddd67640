import type { CallState } from '@sipkit/react';

/**
 * One short sentence for where a call is, for status lines and live regions.
 *
 * @example callLabel(call) // 'On hold'
 */
export function callLabel(call: CallState): string {
  switch (call.status) {
    case 'connecting':
      return 'Calling…';
    case 'ringing':
      if (call.direction === 'outgoing') return 'Ringing…';
      return call.answering ? 'Answering…' : 'Incoming call';
    case 'early':
      return 'Ringing…';
    case 'answered':
      return 'Connecting…';
    case 'confirmed':
      // Recovery comes first: a held call whose network broke is not heard either way.
      if (call.connection === 'reconnecting') return 'Reconnecting…';
      if (call.connection === 'failed') return connectionLost(call.connectionReason);
      if (call.hold.local) return 'On hold';
      if (call.hold.remote) return 'Held by the other side';
      return 'In call';
    case 'terminated':
      // Recovery gave up: say so with its reason; the SIP cause alone would not tell why.
      if (call.connection === 'failed')
        return `Call ended: ${connectionLost(call.connectionReason)}`;
      return call.cause === undefined || call.cause === 'Terminated'
        ? 'Call ended'
        : `Call ended: ${call.cause}`;
  }
}

function connectionLost(reason: string | undefined): string {
  return reason === undefined ? 'Connection lost' : `Connection lost (${reason})`;
}

/**
 * The value of a call's `data-state`: its status, with `held` for a confirmed call on hold (by
 * either side), so CSS needs one attribute for the common cases.
 *
 * @example <li data-state={callDataState(call)}>
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
