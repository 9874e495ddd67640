import { audioSdp } from './sip-text.js';

/**
 * The least of WebRTC that JsSIP's RTCSession touches, for running its calls in Node: JsSIP has
 * no media-handler hook, it calls `new RTCPeerConnection()` itself and checks
 * `window.RTCPeerConnection`. Descriptions resolve at once with a fixed audio SDP and ICE
 * gathering is already complete, so a call costs what JsSIP itself allocates plus this small
 * object, as SipKit's calls cost SipKit plus its FakeMediaHandler.
 */
class FakeRTCPeerConnection extends EventTarget {
  static #sessions = 0;
  readonly #sessionId = ++FakeRTCPeerConnection.#sessions;
  readonly iceGatheringState = 'complete';
  readonly iceConnectionState = 'connected';
  signalingState: RTCSignalingState = 'stable';
  localDescription: RTCSessionDescriptionInit | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  readonly #senders: { readonly track: unknown }[] = [];

  createOffer(): Promise<RTCSessionDescriptionInit> {
    return Promise.resolve({ type: 'offer', sdp: audioSdp(this.#sessionId) });
  }

  createAnswer(): Promise<RTCSessionDescriptionInit> {
    return Promise.resolve({ type: 'answer', sdp: audioSdp(this.#sessionId) });
  }

  setLocalDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.localDescription = description;
    this.signalingState = description.type === 'offer' ? 'have-local-offer' : 'stable';
    return Promise.resolve();
  }

  setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.remoteDescription = description;
    this.signalingState = description.type === 'offer' ? 'have-remote-offer' : 'stable';
    return Promise.resolve();
  }

  addTrack(track: unknown): { readonly track: unknown } {
    const sender = { track };
    this.#senders.push(sender);
    return sender;
  }

  getSenders(): readonly { readonly track: unknown }[] {
    return this.#senders;
  }

  getReceivers(): readonly unknown[] {
    return [];
  }

  close(): void {
    this.signalingState = 'closed';
  }
}

class FakeRTCSessionDescription {
  readonly type: RTCSdpType;
  readonly sdp: string;
  constructor(init: RTCSessionDescriptionInit) {
    this.type = init.type;
    this.sdp = init.sdp ?? '';
  }
}

/** Puts the fakes where JsSIP looks for them (the JsSIP worker only: it changes globals). */
export function installFakeWebRtc(): void {
  Object.assign(globalThis, {
    RTCPeerConnection: FakeRTCPeerConnection,
    RTCSessionDescription: FakeRTCSessionDescription,
    window: globalThis,
  });
}

/** A local stream with one audio track, passed as `mediaStream` so JsSIP skips getUserMedia. */
export function fakeAudioStream(): MediaStream {
  const track = { kind: 'audio', enabled: true, stop: (): void => undefined };
  const stream = {
    getTracks: () => [track],
    getAudioTracks: () => [track],
    getVideoTracks: () => [],
    removeTrack: (): void => undefined,
  };
  // JsSIP reads only these members; the cast is what it takes to hand it over typed.
  return stream as unknown as MediaStream;
}
