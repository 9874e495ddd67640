import { describe, expect, it } from 'vitest';
import type { SharedCallState } from './shared-call-state.js';
import { caught, useProductionBuild } from '../diagnostics/testing/production-build.js';

const STATE: SharedCallState = {
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

// A production build (NODE_ENV=production) keeps the codes of docs/errors/handover.md; the
// modules are imported afresh under that environment. Class, name and `field` are unchanged, and
// a value found is named by its type only (a state holds SDP and headers), in both builds.
describe('call handover diagnostics in a production build', () => {
  useProductionBuild();

  it('readSharedCallState: code, what was found, field', async () => {
    const { readSharedCallState, SharedCallStateError } = await import('./shared-call-state.js');

    const version = caught(() => readSharedCallState({ ...STATE, v: 2 }));
    expect(version).toBeInstanceOf(SharedCallStateError);
    expect(version.name).toBe('SharedCallStateError');
    expect((version as InstanceType<typeof SharedCallStateError>).field).toBe('v');
    expect(version.message).toBe('handover.version 2 reads=1 (field "v")');

    const { callId: _callId, ...missing } = STATE;
    expect(caught(() => readSharedCallState(missing)).message).toBe(
      'handover.not-text nothing (field "callId")',
    );
    const sdp = caught(() => readSharedCallState({ ...STATE, hold: { local: 'v=0', remote: 1 } }));
    expect(sdp.message).toBe('handover.not-boolean a string (field "hold.local")');
    expect(caught(() => readSharedCallState({ ...STATE, direction: 'up' })).message).toBe(
      'handover.not-one-of a string allowed=outgoing|incoming (field "direction")',
    );
  });

  it('resumeCall: a bad route, and a UA not started', async () => {
    const { resumeCall } = await import('./resume-call.js');
    const { UA } = await import('../ua/ua.js');
    const { WebSocketInterface } = await import('../transport/index.js');
    const ua = new UA({
      uri: 'sip:alice@example.com',
      sockets: new WebSocketInterface('wss://sip.test'),
    });
    const routes = caught(() =>
      resumeCall(ua, { ...STATE, routeSet: ['<sip:a.example.com;lr>, <sip:b.example.com;lr>'] }),
    );
    expect(routes).toMatchObject({
      name: 'SharedCallStateError',
      field: 'routeSet[0]',
      message: 'handover.route-count 2 (field "routeSet[0]")',
    });
    expect(caught(() => resumeCall(ua, STATE)).message).toBe('handover.ua-not-started ready');
  });
});
