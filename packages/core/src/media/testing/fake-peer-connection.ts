// Test-only RTCPeerConnection stand-in: a JSEP signalling-state machine with transceivers, DTMF
// senders and stats, whose ICE gathering and connection state the test drives by hand.
import type {
  DtmfSenderLike,
  IceCandidateEventLike,
  PeerConnectionConstructor,
  PeerConnectionLike,
  RtpSenderLike,
  RtpTransceiverLike,
  TrackEventLike,
} from '../peer-connection-like.js';

/** Records every `insertDTMF` call; `toneBuffer` is whatever the test sets. */
export class FakeDtmfSender implements DtmfSenderLike {
  canInsertDTMF = true;
  toneBuffer = '';
  readonly inserted: { tones: string; duration?: number; interToneGap?: number }[] = [];

  insertDTMF(tones: string, duration?: number, interToneGap?: number): void {
    this.inserted.push({
      tones,
      ...(duration === undefined ? {} : { duration }),
      ...(interToneGap === undefined ? {} : { interToneGap }),
    });
  }
}

export class FakeRtpSender implements RtpSenderLike {
  track: MediaStreamTrack | null = null;
  readonly dtmf: FakeDtmfSender | null;

  constructor(kind: string) {
    // Only audio senders have a DTMF sender (W3C WebRTC, RTCRtpSender.dtmf).
    this.dtmf = kind === 'audio' ? new FakeDtmfSender() : null;
  }

  replaceTrack(track: MediaStreamTrack | null): Promise<void> {
    this.track = track;
    return Promise.resolve();
  }
}

export class FakeTransceiver implements RtpTransceiverLike {
  direction: RTCRtpTransceiverDirection;
  currentDirection: RTCRtpTransceiverDirection | null = null;
  readonly kind: string;
  readonly sender: FakeRtpSender;
  readonly receiver: { readonly track: { readonly kind: string } };
  /** Once a track was attached, addTrack never reuses the transceiver (JSEP, addTrack). */
  usedToSend = false;

  constructor(kind: string, direction: RTCRtpTransceiverDirection) {
    this.kind = kind;
    this.direction = direction;
    this.sender = new FakeRtpSender(kind);
    this.receiver = { track: { kind } };
  }
}

type Listeners = {
  icecandidate: Set<(event: IceCandidateEventLike) => void>;
  track: Set<(event: TrackEventLike) => void>;
  icegatheringstatechange: Set<() => void>;
  connectionstatechange: Set<() => void>;
  iceconnectionstatechange: Set<() => void>;
};

/** A peer connection whose events happen only when the test calls the `emit*` / `set*` helpers. */
export class FakePeerConnection implements PeerConnectionLike {
  readonly configuration: RTCConfiguration | undefined;
  /** The legacy second constructor argument, when one was given. */
  constraints: object | undefined;
  signalingState: RTCSignalingState = 'stable';
  iceGatheringState: RTCIceGatheringState = 'new';
  connectionState: RTCPeerConnectionState = 'new';
  iceConnectionState: RTCIceConnectionState = 'new';
  readonly transceivers: FakeTransceiver[] = [];
  readonly offerOptions: (RTCOfferOptions | undefined)[] = [];
  readonly answerOptions: (RTCAnswerOptions | undefined)[] = [];
  readonly localDescriptions: RTCLocalSessionDescriptionInit[] = [];
  readonly remoteDescriptions: RTCSessionDescriptionInit[] = [];
  readonly candidates: RTCIceCandidate[] = [];
  /** When true, `setLocalDescription` ends ICE gathering at once (for tests about other things). */
  completeGatheringOnSetLocal = false;
  /** What `getStats()` resolves with next. */
  statsReport: RTCStatsReport = new Map();
  closed = false;
  private local: { type: RTCSdpType; sdp: string } | null = null;
  private readonly listeners: Listeners = {
    icecandidate: new Set(),
    track: new Set(),
    icegatheringstatechange: new Set(),
    connectionstatechange: new Set(),
    iceconnectionstatechange: new Set(),
  };

  constructor(configuration?: RTCConfiguration) {
    this.configuration = configuration;
  }

  /** The local description, with every candidate gathered so far appended (as browsers do). */
  get localDescription(): { readonly type: RTCSdpType; readonly sdp: string } | null {
    if (this.local === null) return null;
    const lines = this.candidates.map((candidate) => `a=${candidate.candidate}\r\n`);
    return { type: this.local.type, sdp: this.local.sdp + lines.join('') };
  }

  createOffer(options?: RTCOfferOptions): Promise<RTCSessionDescriptionInit> {
    this.offerOptions.push(options);
    this.applyLegacyOfferOptions(options);
    return Promise.resolve({ type: 'offer', sdp: this.render() });
  }

  createAnswer(options?: RTCAnswerOptions): Promise<RTCSessionDescriptionInit> {
    this.answerOptions.push(options);
    if (this.signalingState !== 'have-remote-offer') return Promise.reject(invalidState());
    return Promise.resolve({ type: 'answer', sdp: this.render() });
  }

  setLocalDescription(description: RTCLocalSessionDescriptionInit = {}): Promise<void> {
    this.localDescriptions.push(description);
    if (this.closed) return Promise.reject(invalidState());
    if (description.type === 'rollback') {
      if (this.signalingState !== 'have-local-offer') return Promise.reject(invalidState());
      this.signalingState = 'stable';
      return Promise.resolve();
    }
    const type = description.type ?? 'offer';
    this.local = { type, sdp: description.sdp ?? '' };
    this.signalingState = type === 'offer' ? 'have-local-offer' : 'stable';
    if (this.completeGatheringOnSetLocal) {
      this.setIceGatheringState('gathering');
      this.setIceGatheringState('complete');
    }
    return Promise.resolve();
  }

  setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.remoteDescriptions.push(description);
    if (this.closed) return Promise.reject(invalidState());
    const sdp = description.sdp ?? '';
    if (!sdp.startsWith('v=0')) {
      const error = new Error('Failed to parse SessionDescription');
      error.name = 'OperationError';
      return Promise.reject(error);
    }
    if (description.type === 'offer') {
      if (this.signalingState !== 'stable') return Promise.reject(invalidState());
      this.signalingState = 'have-remote-offer';
      // JSEP, applying a remote offer: each new m= section gets a transceiver, recvonly until a
      // track is added.
      const kinds = [...sdp.matchAll(/^m=(\w+)/gm)].map((match) => match[1] ?? '');
      kinds.forEach((kind, index) => {
        if (this.transceivers[index] === undefined) {
          this.transceivers.push(new FakeTransceiver(kind, 'recvonly'));
        }
      });
      return Promise.resolve();
    }
    if (
      this.signalingState !== 'have-local-offer' &&
      this.signalingState !== 'have-remote-pranswer'
    ) {
      return Promise.reject(invalidState());
    }
    this.signalingState = description.type === 'pranswer' ? 'have-remote-pranswer' : 'stable';
    return Promise.resolve();
  }

  addTrack(track: MediaStreamTrack): RtpSenderLike {
    let transceiver = this.transceivers.find(
      (candidate) => candidate.kind === track.kind && !candidate.usedToSend,
    );
    if (transceiver === undefined) {
      transceiver = new FakeTransceiver(track.kind, 'sendrecv');
      this.transceivers.push(transceiver);
    } else if (transceiver.direction === 'recvonly') {
      transceiver.direction = 'sendrecv';
    } else if (transceiver.direction === 'inactive') {
      transceiver.direction = 'sendonly';
    }
    transceiver.usedToSend = true;
    transceiver.sender.track = track;
    return transceiver.sender;
  }

  getTransceivers(): RtpTransceiverLike[] {
    return [...this.transceivers];
  }

  getSenders(): RtpSenderLike[] {
    return this.transceivers.map((transceiver) => transceiver.sender);
  }

  getStats(): Promise<RTCStatsReport> {
    return Promise.resolve(this.statsReport);
  }

  close(): void {
    this.closed = true;
    this.signalingState = 'closed';
    this.connectionState = 'closed';
    this.iceConnectionState = 'closed';
  }

  addEventListener(type: 'icecandidate', listener: (event: IceCandidateEventLike) => void): void;
  addEventListener(type: 'track', listener: (event: TrackEventLike) => void): void;
  addEventListener(
    type: 'icegatheringstatechange' | 'connectionstatechange' | 'iceconnectionstatechange',
    listener: () => void,
  ): void;
  addEventListener(type: keyof Listeners, listener: (event: never) => void): void {
    (this.listeners[type] as Set<(event: never) => void>).add(listener);
  }

  removeEventListener(type: 'icecandidate', listener: (event: IceCandidateEventLike) => void): void;
  removeEventListener(type: 'icegatheringstatechange', listener: () => void): void;
  removeEventListener(type: keyof Listeners, listener: (event: never) => void): void {
    (this.listeners[type] as Set<(event: never) => void>).delete(listener);
  }

  /** Number of listeners on `type` (to check that waits clean up after themselves). */
  listenerCount(type: keyof Listeners): number {
    return this.listeners[type].size;
  }

  /** A candidate was gathered (null: end of candidates). */
  emitCandidate(candidate: RTCIceCandidate | null): void {
    if (candidate !== null) this.candidates.push(candidate);
    for (const listener of [...this.listeners.icecandidate]) listener({ candidate });
  }

  setIceGatheringState(state: RTCIceGatheringState): void {
    this.iceGatheringState = state;
    for (const listener of [...this.listeners.icegatheringstatechange]) listener();
  }

  setConnectionState(state: RTCPeerConnectionState): void {
    this.connectionState = state;
    for (const listener of [...this.listeners.connectionstatechange]) listener();
  }

  setIceConnectionState(state: RTCIceConnectionState): void {
    this.iceConnectionState = state;
    for (const listener of [...this.listeners.iceconnectionstatechange]) listener();
  }

  /** A remote track arrived, in `streams` (none: the far end sent no a=msid). */
  emitTrack(track: MediaStreamTrack, streams: MediaStream[] = []): void {
    for (const listener of [...this.listeners.track]) listener({ track, streams });
  }

  /**
   * Chromium's reading of the legacy options: `offerToReceiveX` true (or 1) adds a `recvonly`
   * transceiver of that kind when no live one has a receiving direction; false (or 0) takes the
   * receiving part out of every transceiver of that kind.
   */
  private applyLegacyOfferOptions(options: RTCOfferOptions | undefined): void {
    const legacy: [string, boolean | number | undefined][] = [
      ['audio', options?.offerToReceiveAudio],
      ['video', options?.offerToReceiveVideo],
    ];
    for (const [kind, value] of legacy) {
      if (value === undefined) continue;
      const ofKind = this.transceivers.filter((t) => t.kind === kind && t.direction !== 'stopped');
      if (value === false || value === 0) {
        for (const t of ofKind) {
          if (t.direction === 'sendrecv') t.direction = 'sendonly';
          else if (t.direction === 'recvonly') t.direction = 'inactive';
        }
      } else if (!ofKind.some((t) => t.direction === 'sendrecv' || t.direction === 'recvonly')) {
        this.transceivers.push(new FakeTransceiver(kind, 'recvonly'));
      }
    }
  }

  // One m= section per transceiver with its direction: enough for tests to read hold state.
  private render(): string {
    const sections = this.transceivers.map(
      (transceiver, index) =>
        `m=${transceiver.kind} 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:${index}\r\na=${transceiver.direction}\r\n`,
    );
    return `v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n${sections.join('')}`;
  }
}

/**
 * A peer connection class for a handler's `RTCPeerConnection` option, and every instance it made.
 * `completeGathering` makes each one finish ICE gathering as soon as a local description is set.
 *
 * @example
 * ```ts
 * const webrtc = fakePeerConnections();
 * const media = new WebRtcMediaHandler({ RTCPeerConnection: webrtc.RTCPeerConnection });
 * ```
 */
export function fakePeerConnections(options: { readonly completeGathering?: boolean } = {}): {
  readonly RTCPeerConnection: PeerConnectionConstructor;
  readonly connections: FakePeerConnection[];
} {
  const connections: FakePeerConnection[] = [];
  class RecordedPeerConnection extends FakePeerConnection {
    constructor(configuration?: RTCConfiguration, constraints?: object) {
      super(configuration);
      this.constraints = constraints;
      this.completeGatheringOnSetLocal = options.completeGathering ?? false;
      connections.push(this);
    }
  }
  return { RTCPeerConnection: RecordedPeerConnection, connections };
}

/**
 * An ICE candidate of the given type (RFC 8839 §5.1 syntax). `withType: false` leaves the parsed
 * `type` field null, as some runtimes do, so only the candidate line tells.
 */
export function fakeCandidate(
  type: RTCIceCandidateType,
  options: { readonly withType?: boolean; readonly address?: string } = {},
): RTCIceCandidate {
  const address = options.address ?? (type === 'host' ? '192.168.1.10' : '203.0.113.7');
  const line = `candidate:1 1 udp 2122260223 ${address} 50000 typ ${type}`;
  const init: RTCIceCandidateInit = { candidate: line, sdpMid: '0', sdpMLineIndex: 0 };
  return {
    address,
    candidate: line,
    component: 'rtp',
    foundation: '1',
    port: 50000,
    priority: 2122260223,
    protocol: 'udp',
    relatedAddress: null,
    relatedPort: null,
    sdpMLineIndex: 0,
    sdpMid: '0',
    tcpType: null,
    type: options.withType === false ? null : type,
    usernameFragment: null,
    toJSON: () => init,
  };
}

function invalidState(): Error {
  const error = new Error('invalid signaling state');
  error.name = 'InvalidStateError';
  return error;
}
