import { loadSdp } from './load-agent.js';

/** The `RTCSessionDescriptionInit` JsSIP builds with `new RTCSessionDescription(...)`. */
export class FakeSessionDescription {
  readonly type: RTCSdpType;
  readonly sdp: string;

  constructor(init: { readonly type: RTCSdpType; readonly sdp?: string }) {
    this.type = init.type;
    this.sdp = init.sdp ?? '';
  }
}

let sessions = 0;

/**
 * Just enough of RTCPeerConnection for JsSIP 3.13's RTCSession in Node, where there is no WebRTC:
 * offers and answers are a fixed audio SDP, ICE gathering is complete as soon as the local
 * description is set (so JsSIP sends at once), and no media flows. The load run measures
 * signalling through Kamailio, as @sipkit/testing's fake media handler does for our UA.
 */
export class FakePeerConnection extends EventTarget {
  localDescription: FakeSessionDescription | null = null;
  remoteDescription: FakeSessionDescription | null = null;
  signalingState: RTCSignalingState = 'stable';
  iceGatheringState: RTCIceGatheringState = 'new';
  iceConnectionState: RTCIceConnectionState = 'new';
  connectionState: RTCPeerConnectionState = 'new';
  readonly #sessionId = ++sessions;
  #version = 0;

  createOffer(): Promise<FakeSessionDescription> {
    return Promise.resolve(this.#describe('offer'));
  }

  createAnswer(): Promise<FakeSessionDescription> {
    return Promise.resolve(this.#describe('answer'));
  }

  setLocalDescription(description: FakeSessionDescription): Promise<void> {
    this.localDescription = description;
    this.signalingState = description.type === 'offer' ? 'have-local-offer' : 'stable';
    this.iceGatheringState = 'complete';
    return Promise.resolve();
  }

  setRemoteDescription(description: FakeSessionDescription): Promise<void> {
    this.remoteDescription = description;
    this.signalingState = description.type === 'offer' ? 'have-remote-offer' : 'stable';
    if (description.type === 'answer') this.iceConnectionState = 'connected';
    return Promise.resolve();
  }

  addTrack(): Record<string, never> {
    return {};
  }

  getSenders(): [] {
    return [];
  }

  getReceivers(): [] {
    return [];
  }

  getTransceivers(): [] {
    return [];
  }

  close(): void {
    this.signalingState = 'closed';
    this.iceConnectionState = 'closed';
    this.connectionState = 'closed';
  }

  #describe(type: 'offer' | 'answer'): FakeSessionDescription {
    this.#version += 1;
    return new FakeSessionDescription({ type, sdp: loadSdp(this.#sessionId, this.#version) });
  }
}
