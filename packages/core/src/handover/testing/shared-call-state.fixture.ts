import type { SharedCallState } from '../shared-call-state.js';

/**
 * A mid-call state as an owner tab would hand it over: outgoing, confirmed, with a route set and a
 * session timer, so every field reader has a value to check.
 */
export const STATE: SharedCallState = {
  v: 1,
  id: 'a84b4c76e667101928301774',
  direction: 'outgoing',
  callId: 'a84b4c76e66710',
  localTag: '1928301774',
  remoteTag: 'a6c85cf',
  local: { uri: 'sip:alice@example.com', displayName: 'Alice' },
  remote: { uri: 'sip:bob@example.com', displayName: null },
  localHeader: '"Alice" <sip:alice@example.com>;tag=1928301774',
  remoteHeader: '<sip:bob@example.com>;tag=a6c85cf',
  remoteTarget: 'sip:bob@192.0.2.4;transport=ws',
  routeSet: ['<sip:proxy.example.com;lr>'],
  localSeq: 3,
  remoteSeq: null,
  secure: false,
  sessionTimer: { interval: 90, refresher: 'local', minSe: 90, refreshedAt: 1_700_000_000_000 },
  peerAllow: ['INVITE', 'ACK', 'BYE', 'UPDATE'],
  localSdp: 'v=0\r\n',
  remoteSdp: null,
  hold: { local: false, remote: false },
  startTime: 1_700_000_000_000,
};
