import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MediaDescriptionError } from './media-handler.js';
import type { PeerConnectionConstructor } from './peer-connection-like.js';
import { FakeMediaStream, FakeMediaStreamTrack, fakeStream } from './testing/fake-media.js';
import {
  fakeCandidate,
  fakePeerConnections,
  type FakePeerConnection,
  type FakeTransceiver,
} from './testing/fake-peer-connection.js';
import { observe, settle } from './testing/settle.js';
import {
  createWebRtcMediaHandler,
  WebRtcMediaHandler,
  type WebRtcMediaHandlerOptions,
} from './webrtc-media-handler.js';

// Compile-time: the browser's RTCPeerConnection fits what the handler asks for.
type DomFits = typeof RTCPeerConnection extends PeerConnectionConstructor ? true : false;
const domFits: DomFits = true;

const REMOTE_OFFER = 'v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n';

function setup(
  options: Partial<WebRtcMediaHandlerOptions> = {},
  { completeGathering = true } = {},
) {
  const webrtc = fakePeerConnections({ completeGathering });
  const stream = fakeStream('audio');
  const getUserMedia = vi.fn((_constraints: MediaStreamConstraints) =>
    Promise.resolve<MediaStream>(stream),
  );
  const handler = new WebRtcMediaHandler({
    RTCPeerConnection: webrtc.RTCPeerConnection,
    getUserMedia,
    MediaStream: FakeMediaStream,
    ...options,
  });
  const pc = (): FakePeerConnection => {
    const connection = webrtc.connections[0];
    if (connection === undefined) throw new Error('no peer connection yet');
    return connection;
  };
  const transceivers = (): FakeTransceiver[] => pc().transceivers;
  return { handler, webrtc, stream, getUserMedia, pc, transceivers };
}

function track(stream: MediaStream, index = 0): FakeMediaStreamTrack {
  const found = stream.getTracks()[index];
  if (!(found instanceof FakeMediaStreamTrack)) throw new Error('no such fake track');
  return found;
}

function deniedError(): Error {
  const error = new Error('Permission denied');
  error.name = 'NotAllowedError';
  return error;
}

describe('WebRtcMediaHandler: local media and offers', () => {
  it('satisfies the DOM type check', () => {
    expect(domFits).toBe(true);
  });

  it('creates the peer connection and gets media lazily, on the first offer only', async () => {
    const { handler, webrtc, getUserMedia, stream, pc } = setup({
      pcConfig: { iceServers: [{ urls: 'stun:stun.example.org' }] },
      rtcOfferConstraints: { offerToReceiveVideo: true },
    });
    expect(webrtc.connections).toHaveLength(0);
    expect(handler.localStream).toBeUndefined();

    const sdp = await handler.createOffer({ localHold: false });
    expect(sdp).toContain('m=audio');
    expect(getUserMedia).toHaveBeenCalledWith({ audio: true, video: false });
    expect(pc().configuration).toEqual({ iceServers: [{ urls: 'stun:stun.example.org' }] });
    expect(pc().offerOptions).toEqual([{ offerToReceiveVideo: true }]);
    // offerToReceiveVideo adds a recvonly video transceiver (as Chromium does).
    expect(pc().transceivers.map((t) => t.sender.track)).toEqual([track(stream), null]);
    expect(handler.localStream).toBe(stream);

    await handler.setRemoteDescription({ type: 'answer', sdp: REMOTE_OFFER });
    await handler.createOffer({ localHold: false, iceRestart: true });
    expect(getUserMedia).toHaveBeenCalledTimes(1);
    // The video transceiver exists now: the re-offer adds no other (see offerOptions).
    expect(pc().transceivers).toHaveLength(2);
    expect(pc().offerOptions[1]).toEqual({ iceRestart: true });
  });

  it('asks getUserMedia for the given constraints', async () => {
    const { handler, getUserMedia } = setup({ mediaConstraints: { audio: true, video: true } });
    await handler.createOffer({ localHold: false });
    expect(getUserMedia).toHaveBeenCalledWith({ audio: true, video: true });
  });

  it('uses an app-given stream without getUserMedia and never stops it', async () => {
    const given = fakeStream('audio', 'video');
    const { handler, getUserMedia, pc } = setup({ mediaStream: given });
    expect(handler.localStream).toBe(given);
    await handler.createOffer({ localHold: false });
    expect(getUserMedia).not.toHaveBeenCalled();
    expect(pc().transceivers.map((t) => t.kind)).toEqual(['audio', 'video']);
    handler.close();
    expect(track(given, 0).stopCalls + track(given, 1).stopCalls).toBe(0);
    expect(pc().closed).toBe(true);
  });

  it('stops the tracks it acquired on close, once (close is idempotent)', async () => {
    const { handler, stream, pc } = setup();
    await handler.createOffer({ localHold: false });
    handler.close();
    handler.close();
    expect(track(stream).stopCalls).toBe(1);
    expect(pc().closed).toBe(true);
  });

  it('passes a getUserMedia denial on with its name, and asks again next time', async () => {
    const { handler, getUserMedia } = setup();
    getUserMedia.mockRejectedValueOnce(deniedError());
    await expect(handler.createOffer({ localHold: false })).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    await expect(handler.createOffer({ localHold: false })).resolves.toContain('m=audio');
    expect(getUserMedia).toHaveBeenCalledTimes(2);
  });

  it('stops tracks that arrive after close (getUserMedia was still pending)', async () => {
    let grant: (stream: MediaStream) => void = () => undefined;
    const late = fakeStream('audio');
    const { handler } = setup({
      getUserMedia: () => new Promise<MediaStream>((resolve) => (grant = resolve)),
    });
    const offer = handler.createOffer({ localHold: false });
    await settle();
    handler.close();
    grant(late);
    await expect(offer).rejects.toMatchObject({ name: 'InvalidStateError' });
    expect(track(late).stopCalls).toBe(1);
  });

  it('rejects with NotSupportedError where WebRTC is missing (Node, SSR)', async () => {
    const handler = createWebRtcMediaHandler({});
    await expect(handler.createOffer({ localHold: false })).rejects.toMatchObject({
      name: 'NotSupportedError',
    });
    expect(handler.sendDtmf('1')).toBe(false);
    await expect(handler.getStats()).resolves.toMatchObject({ sendBitrate: undefined });
    handler.close();
  });

  it('rejects an offer after close', async () => {
    const { handler } = setup();
    handler.close();
    await expect(handler.createOffer({ localHold: false })).rejects.toMatchObject({
      name: 'InvalidStateError',
    });
  });

  it('refuses negative gathering times', () => {
    expect(() => setup({ iceGatheringTimeout: -1 })).toThrow(RangeError);
    expect(() => setup({ iceGatheringMaxTime: Number.NaN })).toThrow(RangeError);
  });
});

describe('WebRtcMediaHandler: ICE gathering limits', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends a host-only offer after the default 5000 ms, emitting every candidate', async () => {
    const { handler, pc } = setup({}, { completeGathering: false });
    const candidates: (RTCIceCandidate | null)[] = [];
    handler.on('icecandidate', ({ candidate }) => candidates.push(candidate));
    const offer = observe(handler.createOffer({ localHold: false }));
    await settle();
    const host = fakeCandidate('host');
    pc().emitCandidate(host);
    vi.advanceTimersByTime(4999);
    await settle();
    expect(offer.settled()).toBe(false);
    vi.advanceTimersByTime(1);
    await settle();
    expect(offer.value()).toContain('typ host');
    expect(candidates).toEqual([host]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('honours iceGatheringTimeout after a srflx candidate, and emits the null candidate', async () => {
    const { handler, pc } = setup({ iceGatheringTimeout: 200 }, { completeGathering: false });
    const candidates: (RTCIceCandidate | null)[] = [];
    handler.on('icecandidate', ({ candidate }) => candidates.push(candidate));
    const offer = observe(handler.createOffer({ localHold: false }));
    await settle();
    pc().emitCandidate(fakeCandidate('srflx'));
    vi.advanceTimersByTime(200);
    await settle();
    expect(offer.settled()).toBe(true);
    pc().emitCandidate(null);
    expect(candidates).toHaveLength(2);
    expect(candidates[1]).toBeNull();
  });

  it('rejects a pending offer with AbortError on close and leaves no timer', async () => {
    const { handler } = setup({}, { completeGathering: false });
    const offer = observe(handler.createOffer({ localHold: false }));
    await settle();
    handler.close();
    await settle();
    expect(offer.error()).toMatchObject({ name: 'AbortError' });
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('WebRtcMediaHandler: hold (RFC 3264 §8.4)', () => {
  it('offers sendonly while holding and sendrecv again after', async () => {
    const { handler, transceivers } = setup({ mediaStream: fakeStream('audio', 'video') });
    const held = await handler.createOffer({ localHold: true });
    expect(transceivers().map((t) => t.direction)).toEqual(['sendonly', 'sendonly']);
    expect(held).toContain('a=sendonly');
    await handler.rollback();
    await handler.createOffer({ localHold: false });
    expect(transceivers().map((t) => t.direction)).toEqual(['sendrecv', 'sendrecv']);
  });

  it('answers with the hold direction on the transceivers the remote offer created', async () => {
    const { handler, transceivers, stream } = setup();
    await handler.setRemoteDescription({ type: 'offer', sdp: REMOTE_OFFER });
    const answer = await handler.createAnswer({ localHold: true });
    expect(transceivers()).toHaveLength(1);
    expect(transceivers()[0]?.sender.track).toBe(track(stream));
    expect(transceivers()[0]?.direction).toBe('sendonly');
    expect(answer).toContain('a=sendonly');
  });

  it('does not promise media from a transceiver without a track', async () => {
    const { handler, transceivers } = setup();
    await handler.setRemoteDescription({
      type: 'offer',
      sdp: `${REMOTE_OFFER}m=video 9 RTP/AVP 96\r\n`,
    });
    await handler.createAnswer({ localHold: false });
    expect(transceivers().map((t) => t.direction)).toEqual(['sendrecv', 'recvonly']);
    await handler.setRemoteDescription({ type: 'offer', sdp: REMOTE_OFFER });
    await handler.createAnswer({ localHold: true });
    expect(transceivers().map((t) => t.direction)).toEqual(['sendonly', 'inactive']);
  });

  it('leaves stopped transceivers alone', async () => {
    const { handler, transceivers } = setup();
    await handler.createOffer({ localHold: false });
    const [audio] = transceivers();
    if (audio === undefined) throw new Error('no transceiver');
    audio.currentDirection = 'stopped';
    audio.direction = 'stopped';
    await handler.rollback();
    await expect(handler.createOffer({ localHold: true })).resolves.toContain('a=stopped');
  });
});

describe('WebRtcMediaHandler: remote descriptions and rollback', () => {
  it('turns an unusable remote SDP into MediaDescriptionError with the cause', async () => {
    const { handler } = setup();
    const error: unknown = await handler
      .setRemoteDescription({ type: 'offer', sdp: 'garbage' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MediaDescriptionError);
    expect((error as Error).cause).toMatchObject({ name: 'OperationError' });
  });

  it('keeps InvalidStateError (wrong signalling state) as it is', async () => {
    const { handler } = setup();
    await expect(
      handler.setRemoteDescription({ type: 'answer', sdp: REMOTE_OFFER }),
    ).rejects.toMatchObject({ name: 'InvalidStateError' });
  });

  it('accepts a provisional then a final answer', async () => {
    const { handler, pc } = setup();
    await handler.createOffer({ localHold: false });
    await handler.setRemoteDescription({ type: 'pranswer', sdp: REMOTE_OFFER });
    await handler.setRemoteDescription({ type: 'answer', sdp: REMOTE_OFFER });
    expect(pc().signalingState).toBe('stable');
  });

  it('rolls a pending local offer back, and does nothing otherwise', async () => {
    const { handler, pc } = setup();
    await handler.rollback(); // no peer connection yet
    await handler.createOffer({ localHold: false });
    expect(pc().signalingState).toBe('have-local-offer');
    await handler.rollback();
    expect(pc().signalingState).toBe('stable');
    expect(pc().localDescriptions.at(-1)).toEqual({ type: 'rollback' });
    await handler.rollback();
    expect(pc().localDescriptions.filter((d) => d.type === 'rollback')).toHaveLength(1);
  });
});

describe('WebRtcMediaHandler: mute', () => {
  it('toggles track.enabled per kind', async () => {
    const given = fakeStream('audio', 'video');
    const { handler } = setup({ mediaStream: given });
    handler.setMuted('audio', true);
    expect([track(given, 0).enabled, track(given, 1).enabled]).toEqual([false, true]);
    handler.setMuted('video', true);
    handler.setMuted('audio', false);
    expect([track(given, 0).enabled, track(given, 1).enabled]).toEqual([true, false]);
  });

  it('applies a mute set before the media was acquired', async () => {
    const { handler, stream } = setup();
    handler.setMuted('audio', true);
    await handler.createOffer({ localHold: false });
    expect(track(stream).enabled).toBe(false);
  });
});

describe('WebRtcMediaHandler: DTMF (RFC 4733)', () => {
  async function ready() {
    const context = setup();
    await context.handler.createOffer({ localHold: false });
    const dtmf = context.transceivers()[0]?.sender.dtmf;
    if (dtmf === null || dtmf === undefined) throw new Error('no DTMF sender');
    return { ...context, dtmf };
  }

  it('returns false before there is an audio sender', () => {
    expect(setup().handler.sendDtmf('1')).toBe(false);
  });

  it('delegates to insertDTMF with the defaults 100 / 70', async () => {
    const { handler, dtmf } = await ready();
    expect(handler.sendDtmf('12#')).toBe(true);
    expect(handler.sendDtmf('9', { duration: 250, interToneGap: 40 })).toBe(true);
    expect(dtmf.inserted).toEqual([
      { tones: '12#', duration: 100, interToneGap: 70 },
      { tones: '9', duration: 250, interToneGap: 40 },
    ]);
  });

  it('appends to tones still queued instead of dropping them', async () => {
    const { handler, dtmf } = await ready();
    dtmf.toneBuffer = '45';
    handler.sendDtmf('6');
    expect(dtmf.inserted).toEqual([{ tones: '456', duration: 100, interToneGap: 70 }]);
  });

  it.each([
    ['duration 39', { duration: 39 }],
    ['duration 6001', { duration: 6001 }],
    ['gap 29', { interToneGap: 29 }],
    ['duration NaN', { duration: Number.NaN }],
  ])('throws RangeError for %s', async (_label, options) => {
    const { handler, dtmf } = await ready();
    expect(() => handler.sendDtmf('1', options)).toThrow(RangeError);
    expect(dtmf.inserted).toEqual([]);
  });

  it('accepts the range limits', async () => {
    const { handler } = await ready();
    expect(handler.sendDtmf('1', { duration: 40, interToneGap: 30 })).toBe(true);
    expect(handler.sendDtmf('1', { duration: 6000 })).toBe(true);
  });

  it('returns false when the sender cannot insert DTMF, or without an audio track', async () => {
    const { handler, dtmf } = await ready();
    dtmf.canInsertDTMF = false;
    expect(handler.sendDtmf('1')).toBe(false);
    const videoOnly = setup({ mediaStream: fakeStream('video') });
    await videoOnly.handler.createOffer({ localHold: false });
    expect(videoOnly.handler.sendDtmf('1')).toBe(false);
  });
});

describe('WebRtcMediaHandler: events and stats', () => {
  it('emits remotestream with the stream of the track event', async () => {
    const { handler, pc } = setup();
    const streams: MediaStream[] = [];
    handler.on('remotestream', ({ stream }) => streams.push(stream));
    await handler.setRemoteDescription({ type: 'offer', sdp: REMOTE_OFFER });
    const remote = fakeStream('audio');
    pc().emitTrack(track(remote), [remote]);
    expect(streams).toEqual([remote]);
    expect(handler.remoteStream).toBe(remote);
  });

  it('builds one stream for tracks without a stream, and re-emits when a track ends', async () => {
    const { handler, pc } = setup();
    const streams: MediaStream[] = [];
    handler.on('remotestream', ({ stream }) => streams.push(stream));
    await handler.setRemoteDescription({ type: 'offer', sdp: REMOTE_OFFER });
    const audio = new FakeMediaStreamTrack('audio');
    const video = new FakeMediaStreamTrack('video');
    pc().emitTrack(audio);
    pc().emitTrack(video);
    expect(streams).toHaveLength(2);
    expect(streams[0]).toBe(streams[1]);
    expect(handler.remoteStream?.getTracks()).toEqual([audio, video]);
    audio.end();
    expect(streams).toHaveLength(3);
  });

  it('emits connectionstate, and nothing once closed', async () => {
    const { handler, pc } = setup();
    const states: RTCPeerConnectionState[] = [];
    const off = handler.on('connectionstate', ({ state }) => states.push(state));
    await handler.createOffer({ localHold: false });
    pc().setConnectionState('connecting');
    pc().setConnectionState('connected');
    off();
    pc().setConnectionState('disconnected');
    handler.on('connectionstate', ({ state }) => states.push(state));
    handler.close();
    pc().setConnectionState('failed');
    expect(states).toEqual(['connecting', 'connected']);
  });

  it('emits icestate on each ICE connection state change, and nothing once closed', async () => {
    const { handler, pc, webrtc } = setup();
    const states: RTCIceConnectionState[] = [];
    handler.on('icestate', ({ state }) => states.push(state));
    await handler.createOffer({ localHold: false });
    for (const state of ['checking', 'connected', 'disconnected', 'failed'] as const) {
      pc().setIceConnectionState(state);
    }
    // A restart offer reuses the one connection and its senders (no second pc, no new tracks).
    await handler.setRemoteDescription({ type: 'answer', sdp: REMOTE_OFFER });
    await handler.createOffer({ localHold: false, iceRestart: true });
    pc().setIceConnectionState('completed');
    expect(webrtc.connections).toHaveLength(1);
    expect(
      pc()
        .getSenders()
        .filter((sender) => sender.track !== null),
    ).toHaveLength(1);
    handler.close();
    pc().setIceConnectionState('failed');
    expect(states).toEqual(['checking', 'connected', 'disconnected', 'failed', 'completed']);
  });

  it('reduces the report and computes bitrates between calls', async () => {
    const { handler, pc } = setup();
    await expect(handler.getStats()).resolves.toMatchObject({ report: undefined });
    await handler.createOffer({ localHold: false });
    const report = (bytesSent: number, timestamp: number): RTCStatsReport =>
      new Map([['out', { id: 'out', type: 'outbound-rtp', kind: 'audio', bytesSent, timestamp }]]);
    pc().statsReport = report(1000, 10_000);
    expect((await handler.getStats()).sendBitrate).toBeUndefined();
    pc().statsReport = report(5000, 12_000);
    const stats = await handler.getStats();
    expect(stats.sendBitrate).toBe(16_000); // 4000 bytes in 2 s
    expect(stats.report).toBe(pc().statsReport);
  });

  it('counts inbound audio packets for the stall watch without touching the bitrate sample', async () => {
    const { handler, pc } = setup();
    await expect(handler.audioPacketsReceived()).resolves.toBeUndefined();
    await handler.createOffer({ localHold: false });
    const inbound = (packetsReceived: number, bytesReceived: number): RTCStatsReport =>
      new Map([
        [
          'in',
          {
            id: 'in',
            type: 'inbound-rtp',
            kind: 'audio',
            packetsReceived,
            bytesReceived,
            timestamp: packetsReceived * 20,
          },
        ],
      ]);
    pc().statsReport = inbound(100, 8000);
    await handler.getStats();
    pc().statsReport = inbound(150, 12_000);
    await expect(handler.audioPacketsReceived()).resolves.toBe(150);
    // The app's next bitrate is still measured from its own previous read (100 -> 200 packets).
    pc().statsReport = inbound(200, 16_000);
    expect((await handler.getStats()).receiveBitrate).toBe(32_000); // 8000 bytes in 2 s
    handler.close();
    await expect(handler.audioPacketsReceived()).resolves.toBeUndefined();
  });
});

describe('WebRtcMediaHandler: switching devices on a live call', () => {
  it('swaps the microphone track in place, stops the old one, keeps the stream object', async () => {
    const { handler, getUserMedia, pc, stream } = setup();
    await handler.createOffer({ localHold: false });
    const before = track(stream);
    const next = fakeStream('audio');
    getUserMedia.mockResolvedValueOnce(next);
    handler.setMuted('audio', true);
    await handler.replaceLocalMedia({ audio: { deviceId: { exact: 'usb-mic' } } });
    expect(getUserMedia).toHaveBeenLastCalledWith({ audio: { deviceId: { exact: 'usb-mic' } } });
    const sender = pc()
      .getSenders()
      .find((s) => s.track?.kind === 'audio');
    expect(sender?.track).toBe(track(next));
    expect(before.readyState).toBe('ended');
    expect(handler.localStream).toBe(stream);
    expect(stream.getAudioTracks()).toEqual([track(next)]);
    expect(track(next).enabled).toBe(false); // the mute carries over
  });

  it('leaves kinds the call does not send alone and never stops an app-given track', async () => {
    const appStream = fakeStream('audio');
    const { handler, getUserMedia, pc } = setup({ mediaStream: appStream });
    await handler.createOffer({ localHold: false });
    const appTrack = track(appStream);
    const next = fakeStream('audio', 'video');
    getUserMedia.mockResolvedValueOnce(next);
    await handler.replaceLocalMedia({ audio: true, video: true });
    expect(appTrack.readyState).toBe('live');
    expect(track(next, 1).readyState).toBe('ended'); // no video sender: not taken
    expect(pc().getSenders()[0]?.track).toBe(track(next, 0));
    handler.close();
    expect(track(next, 0).readyState).toBe('ended'); // acquired by the switch: ours to stop
    expect(appTrack.readyState).toBe('live');
  });
});
