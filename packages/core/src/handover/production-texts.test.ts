import { describe, expect, it } from 'vitest';
import { STATE } from './testing/shared-call-state.fixture.js';
import { caught, useProductionBuild } from '../diagnostics/testing/production-build.js';

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
