import { isHoldingUs, MediaDescriptionError, sdpDirections } from '@sipkit/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createFakeMediaHandler,
  FAKE_MEDIA_STATS,
  FakeMediaHandler,
  fakeMediaHandlers,
  userDeniedMediaError,
} from './fake-media-handler.js';
import { iceUfrag, sdpProblem } from './fake-sdp.js';

function remote(...sections: string[]): string {
  return ['v=0', 'o=- 99 1 IN IP4 192.0.2.1', 's=-', 't=0 0', ...sections, ''].join('\r\n');
}

const AUDIO = 'm=audio 4000 RTP/AVP 0';
const VIDEO = 'm=video 4002 RTP/AVP 96';

describe('FakeMediaHandler: offers', () => {
  it('produces deterministic SDP with a session version that goes up', async () => {
    const media = new FakeMediaHandler({}, { sessionId: 7 });
    const offer = await media.createOffer({ localHold: false });
    expect(offer).toBe(
      [
        'v=0',
        'o=- 7 1 IN IP4 127.0.0.1',
        's=-',
        'c=IN IP4 127.0.0.1',
        't=0 0',
        'a=ice-ufrag:fake7x1',
        'a=ice-pwd:fakepassword7x10000000',
        'm=audio 9 UDP/TLS/RTP/SAVPF 111',
        'a=mid:0',
        'a=sendrecv',
        'a=rtpmap:111 opus/48000/2',
        '',
      ].join('\r\n'),
    );
    expect(sdpProblem(offer)).toBeUndefined();
    expect(media.signalingState).toBe('have-local-offer');
    await media.setRemoteDescription({ type: 'answer', sdp: remote(AUDIO) });
    const held = await media.createOffer({ localHold: true });
    expect(held).toContain('o=- 7 2 IN IP4 127.0.0.1');
    expect(sdpDirections(held)).toEqual(['sendonly']);
    expect(media.localHold).toBe(true);
  });

  it('adds video when the constraints or the given stream ask for it', async () => {
    const withVideo = new FakeMediaHandler({ mediaConstraints: { audio: true, video: {} } });
    expect(sdpDirections(await withVideo.createOffer({ localHold: false }))).toEqual([
      'sendrecv',
      'sendrecv',
    ]);
    const audioOnly = new FakeMediaHandler({ mediaConstraints: { audio: true, video: false } });
    expect(sdpDirections(await audioOnly.createOffer({ localHold: false }))).toEqual(['sendrecv']);
  });

  it('keeps the sessions it answered in a re-offer', async () => {
    const media = new FakeMediaHandler();
    await media.setRemoteDescription({
      type: 'offer',
      sdp: remote(AUDIO, VIDEO, 'm=video 0 RTP/AVP 96'),
    });
    await media.createAnswer({ localHold: false });
    expect(sdpDirections(await media.createOffer({ localHold: true }))).toEqual([
      'sendonly',
      'inactive',
      'disabled',
    ]);
  });
});

describe('FakeMediaHandler: answers (RFC 3264 §6.1)', () => {
  it.each([
    ['sendrecv', false, 'sendrecv'],
    ['sendrecv', true, 'sendonly'],
    ['sendonly', false, 'recvonly'],
    ['sendonly', true, 'inactive'],
    ['recvonly', false, 'sendonly'],
    ['recvonly', true, 'sendonly'],
    ['inactive', false, 'inactive'],
    ['inactive', true, 'inactive'],
  ] as const)('offer %s, localHold %s: answer %s', async (offered, localHold, answered) => {
    const media = new FakeMediaHandler();
    await media.setRemoteDescription({ type: 'offer', sdp: remote(AUDIO, `a=${offered}`) });
    const answer = await media.createAnswer({ localHold });
    expect(sdpDirections(answer)).toEqual([answered]);
    expect(media.signalingState).toBe('stable');
  });

  it('mirrors the offered sections and their mids, rejecting what it cannot do', async () => {
    const media = new FakeMediaHandler();
    await media.setRemoteDescription({
      type: 'offer',
      sdp: remote(
        AUDIO,
        'a=mid:a',
        VIDEO,
        'a=mid:v',
        'm=application 5000 UDP/DTLS/SCTP webrtc-datachannel',
      ),
    });
    const answer = await media.createAnswer({ localHold: false });
    expect(sdpDirections(answer)).toEqual(['sendrecv', 'recvonly', 'disabled']);
    expect(answer).toContain('a=mid:a');
    expect(answer).toContain('a=mid:v');
    expect(answer).toContain('m=application 0 ');
  });

  it('lets isHoldingUs see our hold in the answer to a plain offer', async () => {
    const media = new FakeMediaHandler();
    await media.setRemoteDescription({ type: 'offer', sdp: remote(AUDIO) });
    expect(isHoldingUs(await media.createAnswer({ localHold: true }))).toBe(true);
  });
});

describe('FakeMediaHandler: remote descriptions and state', () => {
  it.each([
    ['not SDP', 'hello'],
    ['no o= line', 'v=0\r\ns=-\r\nm=audio 1 RTP/AVP 0\r\n'],
    ['no m= line', 'v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\n'],
    [
      'a line that is not x=',
      'v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio 1 RTP/AVP 0\r\ngarbage\r\n',
    ],
  ])('rejects %s with MediaDescriptionError', async (_label, sdp) => {
    const media = new FakeMediaHandler();
    await expect(media.setRemoteDescription({ type: 'offer', sdp })).rejects.toBeInstanceOf(
      MediaDescriptionError,
    );
    expect(media.signalingState).toBe('stable');
    expect(media.remoteSdp).toBeUndefined();
  });

  it('rejects an answer without a pending local offer (InvalidStateError)', async () => {
    const media = new FakeMediaHandler();
    await expect(
      media.setRemoteDescription({ type: 'answer', sdp: remote(AUDIO) }),
    ).rejects.toMatchObject({
      name: 'InvalidStateError',
    });
    await expect(media.createAnswer({ localHold: false })).rejects.toMatchObject({
      name: 'InvalidStateError',
    });
  });

  it('rejects an offer during its own pending offer, and the other way round', async () => {
    const media = new FakeMediaHandler();
    await media.createOffer({ localHold: false });
    await expect(
      media.setRemoteDescription({ type: 'offer', sdp: remote(AUDIO) }),
    ).rejects.toMatchObject({
      name: 'InvalidStateError',
    });
    await media.rollback();
    await media.setRemoteDescription({ type: 'offer', sdp: remote(AUDIO) });
    await expect(media.createOffer({ localHold: false })).rejects.toMatchObject({
      name: 'InvalidStateError',
    });
  });

  it('keeps have-local-offer through a pranswer until the answer', async () => {
    const media = new FakeMediaHandler();
    await media.createOffer({ localHold: false });
    await media.setRemoteDescription({ type: 'pranswer', sdp: remote(AUDIO) });
    expect(media.signalingState).toBe('have-local-offer');
    await media.setRemoteDescription({ type: 'answer', sdp: remote(AUDIO, 'a=sendonly') });
    expect(media.signalingState).toBe('stable');
    expect(media.remoteSdp).toContain('a=sendonly');
  });

  it('rolls back to the previous local description', async () => {
    const media = new FakeMediaHandler();
    const first = await media.createOffer({ localHold: false });
    await media.setRemoteDescription({ type: 'answer', sdp: remote(AUDIO) });
    await media.createOffer({ localHold: true });
    await media.rollback();
    expect(media.signalingState).toBe('stable');
    expect(media.localSdp).toBe(first);
    await media.rollback(); // nothing pending: no-op
    expect(media.localSdp).toBe(first);
  });
});

describe('FakeMediaHandler: failures, records, close', () => {
  it('fails the next call of a step once', async () => {
    const media = new FakeMediaHandler();
    media.failNext('createOffer', userDeniedMediaError());
    await expect(media.createOffer({ localHold: false })).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    await expect(media.createOffer({ localHold: false })).resolves.toContain('v=0');
    media.failNext('setRemoteDescription', new Error('boom'));
    await expect(
      media.setRemoteDescription({ type: 'answer', sdp: remote(AUDIO) }),
    ).rejects.toThrow('boom');
    expect(media.signalingState).toBe('have-local-offer');
  });

  it('records mute, DTMF (with defaults) and calls', async () => {
    const media = new FakeMediaHandler();
    expect(media.sendDtmf('1')).toBe(false); // no audio sender yet
    await media.createOffer({ localHold: false });
    media.setMuted('audio', true);
    expect(media.sendDtmf('12', { duration: 200 })).toBe(true);
    expect(() => media.sendDtmf('1', { interToneGap: 10 })).toThrow(RangeError);
    expect(() => media.sendDtmf('x')).toThrow(
      expect.objectContaining({ name: 'InvalidCharacterError' }),
    );
    expect(media.muted).toEqual({ audio: true, video: false });
    expect(media.dtmf).toEqual([{ tones: '12', duration: 200, interToneGap: 70 }]);
    expect(media.calls).toEqual(['createOffer', 'setMuted:audio:true']);
  });

  it('returns deterministic stats', async () => {
    await expect(new FakeMediaHandler().getStats()).resolves.toBe(FAKE_MEDIA_STATS);
  });

  it('has no streams in Node', async () => {
    const media = new FakeMediaHandler();
    await media.setRemoteDescription({ type: 'offer', sdp: remote(AUDIO) });
    await media.createAnswer({ localHold: false });
    expect(media.localStream).toBeUndefined();
    expect(media.remoteStream).toBeUndefined();
  });

  describe('where MediaStream exists', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    it('makes empty streams and emits remotestream once', async () => {
      class EmptyStream {
        getAudioTracks(): MediaStreamTrack[] {
          return [];
        }
        getVideoTracks(): MediaStreamTrack[] {
          return [];
        }
      }
      vi.stubGlobal('MediaStream', EmptyStream);
      const media = new FakeMediaHandler();
      const streams: MediaStream[] = [];
      media.on('remotestream', ({ stream }) => streams.push(stream));
      await media.setRemoteDescription({ type: 'offer', sdp: remote(AUDIO) });
      expect(media.localStream).toBeUndefined();
      await media.createAnswer({ localHold: false });
      await media.setRemoteDescription({ type: 'offer', sdp: remote(AUDIO) });
      expect(media.localStream).toBeInstanceOf(EmptyStream);
      expect(media.remoteStream).toBeInstanceOf(EmptyStream);
      expect(streams).toEqual([media.remoteStream]);
      media.setMuted('audio', true);
    });
  });

  it('emits events until closed, then rejects and refuses DTMF', async () => {
    const media = new FakeMediaHandler();
    const states: RTCPeerConnectionState[] = [];
    media.on('connectionstate', ({ state }) => states.push(state));
    await media.createOffer({ localHold: false });
    media.emit('connectionstate', { state: 'connected' });
    media.close();
    media.close();
    media.emit('connectionstate', { state: 'failed' });
    expect(states).toEqual(['connected']);
    expect(media.closed).toBe(true);
    expect(media.sendDtmf('1')).toBe(false);
    await expect(media.createOffer({ localHold: false })).rejects.toMatchObject({
      name: 'InvalidStateError',
    });
  });
});

describe('FakeMediaHandler: ICE', () => {
  async function connectedPair(): Promise<[FakeMediaHandler, FakeMediaHandler]> {
    const caller = new FakeMediaHandler({}, { sessionId: 1 });
    const callee = new FakeMediaHandler({}, { sessionId: 2 });
    await callee.setRemoteDescription({
      type: 'offer',
      sdp: await caller.createOffer({ localHold: false }),
    });
    await caller.setRemoteDescription({
      type: 'answer',
      sdp: await callee.createAnswer({ localHold: false }),
    });
    return [caller, callee];
  }

  it('plays the ICE states a test sets, until closed', () => {
    const media = new FakeMediaHandler();
    const states: RTCIceConnectionState[] = [];
    media.on('icestate', ({ state }) => states.push(state));
    media.setIceState('disconnected');
    media.setIceState('failed');
    media.close();
    media.setIceState('connected');
    expect(states).toEqual(['disconnected', 'failed']);
    expect(media.iceState).toBe('failed');
  });

  it('an iceRestart offer gets new credentials; both sides reconnect once it is answered', async () => {
    const [caller, callee] = await connectedPair();
    const states: string[] = [];
    caller.on('icestate', ({ state }) => states.push(`caller ${state}`));
    callee.on('icestate', ({ state }) => states.push(`callee ${state}`));
    const first = iceUfrag(caller.localSdp ?? '');
    const offer = await caller.createOffer({ localHold: false, iceRestart: true });
    expect(iceUfrag(offer)).not.toBe(first);
    expect(offer).toMatch(/a=ice-pwd:fakepassword1x2/);
    await callee.setRemoteDescription({ type: 'offer', sdp: offer });
    const answer = await callee.createAnswer({ localHold: false });
    expect(iceUfrag(answer)).toBe('fake2x2');
    await caller.setRemoteDescription({ type: 'answer', sdp: answer });
    await Promise.resolve();
    expect(states).toEqual([
      'callee checking',
      'callee connected',
      'caller checking',
      'caller connected',
    ]);
    expect([caller.ice.restarts, callee.ice.restarts]).toEqual([1, 1]);
  });

  it('a plain re-offer keeps the credentials; a rolled back restart restores them', async () => {
    const [caller] = await connectedPair();
    const first = iceUfrag(caller.localSdp ?? '');
    await caller.createOffer({ localHold: true, iceRestart: true });
    await caller.rollback();
    expect(iceUfrag(await caller.createOffer({ localHold: false }))).toBe(first);
    expect(caller.ice.restarts).toBe(0);
  });

  it('with iceRestartOutcome undefined ICE stays checking after a restart', async () => {
    const [caller, callee] = await connectedPair();
    caller.iceRestartOutcome = undefined;
    const offer = await caller.createOffer({ localHold: false, iceRestart: true });
    await callee.setRemoteDescription({ type: 'offer', sdp: offer });
    await caller.setRemoteDescription({
      type: 'answer',
      sdp: await callee.createAnswer({ localHold: false }),
    });
    await Promise.resolve();
    expect(caller.iceState).toBe('checking');
    expect(callee.iceState).toBe('connected');
  });
});

describe('factories', () => {
  it('createFakeMediaHandler passes the options on', () => {
    const handler = createFakeMediaHandler({ iceGatheringTimeout: 1 });
    expect(handler).toBeInstanceOf(FakeMediaHandler);
    expect((handler as FakeMediaHandler).options).toEqual({ iceGatheringTimeout: 1 });
  });

  it('fakeMediaHandlers records every handler and configures it first', async () => {
    const media = fakeMediaHandlers((handler, index) => {
      if (index === 1) handler.failNext('createOffer', userDeniedMediaError());
    });
    const first = media.factory({});
    const second = media.factory({ mediaConstraints: { audio: true } });
    expect(media.handlers).toEqual([first, second]);
    await expect(first.createOffer({ localHold: false })).resolves.toContain('v=0');
    await expect(second.createOffer({ localHold: false })).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    expect(media.handlers[0]?.sessionId).not.toBe(media.handlers[1]?.sessionId);
  });
});
