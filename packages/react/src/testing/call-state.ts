import type { CallState } from '../store/call-state.js';

/**
 * A store call entry: an outgoing, confirmed call from alice to Bob with media connected and
 * nothing else going on; `patch` sets what a test is about.
 *
 * @example
 * callState('a', { status: 'connecting' });
 */
export function callState(id: string, patch: Partial<CallState> = {}): CallState {
  return {
    id,
    callId: `cid-${id}`,
    direction: 'outgoing',
    status: 'confirmed',
    localIdentity: { displayName: undefined, uri: 'sip:alice@sip.test' },
    remoteIdentity: { displayName: 'Bob', uri: 'sip:bob@sip.test' },
    startTime: 1,
    endTime: undefined,
    cause: undefined,
    endedBy: undefined,
    hold: { local: false, remote: false },
    muted: { audio: false, video: false },
    localStream: undefined,
    remoteStream: undefined,
    lastDtmf: undefined,
    transfer: undefined,
    transferRequest: undefined,
    answering: false,
    connection: 'connected',
    connectionPath: undefined,
    connectionReason: undefined,
    ...patch,
  };
}
