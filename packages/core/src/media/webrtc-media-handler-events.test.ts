import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediaHandlerEvents } from './media-handler.js';
import type { PeerConnectionLike } from './peer-connection-like.js';
import { FakeMediaStream, fakeStream } from './testing/fake-media.js';
import {
  fakeCandidate,
  fakePeerConnections,
  FakeTransceiver,
  type FakePeerConnection,
} from './testing/fake-peer-connection.js';
import { observe, settle } from './testing/settle.js';
import { offerOptions, setHoldDirections } from './transceiver-directions.js';
import { WebRtcMediaHandler, type WebRtcMediaHandlerOptions } from './webrtc-media-handler.js';

const ANSWER = 'v=0\r\no=- 2 1 IN IP4 192.0.2.2\r\ns=-\r\nt=0 0\r\n';

function setup(options: Partial<WebRtcMediaHandlerOptions> = {}, completeGathering = true) {
  const webrtc = fakePeerConnections({ completeGathering });
  const getUserMedia = vi.fn((constraints: MediaStreamConstraints) =>
    Promise.resolve<MediaStream>(
      constraints.video === true ? fakeStream('audio', 'video') : fakeStream('audio'),
    ),
  );
  const handler = new WebRtcMediaHandler({
    RTCPeerConnection: webrtc.RTCPeerConnection,
    getUserMedia,
    MediaStream: FakeMediaStream,
    ...options,
  });
  const failures: MediaHandlerEvents['failure'][] = [];
  handler.on('failure', (event) => failures.push(event));
  const pc = (): FakePeerConnection => {
    const connection = webrtc.connections[0];
    if (connection === undefined) throw new Error('no peer connection yet');
    return connection;
  };
  return { handler, webrtc, getUserMedia, failures, pc };
}

function mLines(sdp: string): string[] {
  return [...sdp.matchAll(/^m=(\w+).*\r\n(?:a=mid:\d+\r\n)?a=(\w+)/gm)].map(
    (match) => `${match[1] ?? ''} ${match[2] ?? ''}`,
  );
}

// Chromium treats offerToReceive* as numbers too; JsSIP apps pass 1.
const ONE = 1 as unknown as boolean;

describe('hold keeps the m= lines whatever the offer constraints (regression)', () => {
  it('holds an audio+video call placed with offerToReceiveAudio/Video: 1 on its two m= lines', async () => {
    const { handler, pc } = setup({
      mediaConstraints: { audio: true, video: true },
      rtcOfferConstraints: { offerToReceiveAudio: ONE, offerToReceiveVideo: ONE },
    });
    const initial = await handler.createOffer({ localHold: false });
    expect(mLines(initial)).toEqual(['audio sendrecv', 'video sendrecv']);
    await handler.setRemoteDescription({ type: 'answer', sdp: ANSWER });

    const held = await handler.createOffer({ localHold: true });
    expect(mLines(held)).toEqual(['audio sendonly', 'video sendonly']);
    await handler.setRemoteDescription({ type: 'answer', sdp: ANSWER });
    const resumed = await handler.createOffer({ localHold: false });
    expect(mLines(resumed)).toEqual(['audio sendrecv', 'video sendrecv']);
    expect(pc().transceivers).toHaveLength(2);
  });

  it('an audio call that asked to receive video holds on audio sendonly + video inactive', async () => {
    const { handler } = setup({ rtcOfferConstraints: { offerToReceiveVideo: true } });
    const initial = await handler.createOffer({ localHold: false });
    expect(mLines(initial)).toEqual(['audio sendrecv', 'video recvonly']);
    await handler.setRemoteDescription({ type: 'answer', sdp: ANSWER });
    const held = await handler.createOffer({ localHold: true });
    expect(mLines(held)).toEqual(['audio sendonly', 'video inactive']);
  });

  it('the fake models Chromium: the raw options on a held connection add two m= lines', async () => {
    // What the handler did before: pass rtcOfferConstraints through on every offer.
    const { handler, pc } = setup({ mediaConstraints: { audio: true, video: true } });
    await handler.createOffer({ localHold: false });
    setHoldDirections(pc().getTransceivers(), true);
    const raw = await pc().createOffer({ offerToReceiveAudio: ONE, offerToReceiveVideo: ONE });
    expect(mLines(raw.sdp ?? '')).toEqual([
      'audio sendonly',
      'video sendonly',
      'audio recvonly',
      'video recvonly',
    ]);
  });
});

describe('offerOptions', () => {
  const audio = new FakeTransceiver('audio', 'sendonly');
  it('drops a truthy offerToReceive of a kind that has a live transceiver, keeps the rest', () => {
    expect(
      offerOptions({ offerToReceiveAudio: ONE, offerToReceiveVideo: true, iceRestart: true }, [
        audio,
      ]),
    ).toEqual({ offerToReceiveVideo: true, iceRestart: true });
    expect(offerOptions({ offerToReceiveAudio: false }, [audio])).toEqual({
      offerToReceiveAudio: false,
    });
    expect(offerOptions(undefined, [audio])).toEqual({});
  });

  it('keeps it when the only transceiver of that kind is stopped', () => {
    const stopped = new FakeTransceiver('audio', 'stopped');
    expect(offerOptions({ offerToReceiveAudio: true }, [stopped])).toEqual({
      offerToReceiveAudio: true,
    });
  });
});

describe('WebRtcMediaHandler events for the session', () => {
  it('reports the peer connection once, when it is created', async () => {
    const { handler, pc } = setup();
    const seen: PeerConnectionLike[] = [];
    handler.on('peerconnection', ({ connection }) => seen.push(connection));
    expect(handler.connection).toBeUndefined();
    await handler.createOffer({ localHold: false });
    await handler.setRemoteDescription({ type: 'answer', sdp: ANSWER });
    await handler.createOffer({ localHold: true });
    expect(seen).toEqual([pc()]);
    expect(handler.connection).toBe(pc());
  });

  it('passes rtcConstraints as the second constructor argument, and nothing without them', async () => {
    const legacy = { optional: [{ DtlsSrtpKeyAgreement: true }] };
    const withConstraints = setup({ rtcConstraints: legacy });
    await withConstraints.handler.createOffer({ localHold: false });
    expect(withConstraints.pc().constraints).toBe(legacy);
    const without = setup();
    await without.handler.createOffer({ localHold: false });
    expect(without.pc().constraints).toBeUndefined();
  });

  it('reports a getUserMedia failure as its own step', async () => {
    const denied = Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' });
    const { handler, failures } = setup({ getUserMedia: () => Promise.reject(denied) });
    await expect(handler.createOffer({ localHold: false })).rejects.toBe(denied);
    expect(failures).toEqual([{ step: 'getUserMedia', error: denied }]);
  });

  it('reports createOffer, setLocalDescription and setRemoteDescription failures', async () => {
    const { handler, failures } = setup();
    const broken = new Error('broken');
    const connection = vi.fn();
    handler.on('peerconnection', ({ connection: created }) => {
      connection(created);
      vi.spyOn(created, 'createOffer').mockRejectedValueOnce(broken);
      vi.spyOn(created, 'setLocalDescription').mockRejectedValueOnce(broken);
    });
    await expect(handler.createOffer({ localHold: false })).rejects.toBe(broken);
    await expect(handler.createOffer({ localHold: false })).rejects.toBe(broken);
    await handler.createOffer({ localHold: false });
    await expect(
      handler.setRemoteDescription({ type: 'answer', sdp: 'not sdp' }),
    ).rejects.toMatchObject({ name: 'MediaDescriptionError' });
    expect(failures.map(({ step }) => step)).toEqual([
      'createOffer',
      'setLocalDescription',
      'setRemoteDescription',
    ]);
    expect(connection).toHaveBeenCalledTimes(1);
  });

  it('reports a createAnswer failure', async () => {
    const { handler, failures } = setup();
    // No remote offer: the fake's createAnswer rejects with InvalidStateError.
    await expect(handler.createAnswer({ localHold: false })).rejects.toMatchObject({
      name: 'InvalidStateError',
    });
    expect(failures.map(({ step }) => step)).toEqual(['createAnswer']);
  });
});

describe('icecandidate ready()', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ends the ICE gathering wait at once with the candidates gathered so far', async () => {
    const { handler, pc } = setup({}, false);
    handler.on('icecandidate', ({ ready }) => ready?.());
    const offer = observe(handler.createOffer({ localHold: false }));
    await settle();
    expect(offer.settled()).toBe(false);
    pc().emitCandidate(fakeCandidate('host'));
    await settle();
    expect(offer.value()).toContain('typ host');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ready() during setLocalDescription ends the wait as soon as it starts', async () => {
    const { handler } = setup({}, false);
    handler.on('peerconnection', ({ connection }) => {
      const setLocal = connection.setLocalDescription.bind(connection);
      vi.spyOn(connection, 'setLocalDescription').mockImplementation(async (description) => {
        await setLocal(description);
        (connection as FakePeerConnection).emitCandidate(fakeCandidate('host'));
      });
    });
    handler.on('icecandidate', ({ ready }) => ready?.());
    await expect(handler.createOffer({ localHold: false })).resolves.toContain('typ host');
    expect(vi.getTimerCount()).toBe(0);
  });
});
