// What the phone page reports and offers, whichever library runs in it: plain data in
// `window.__phone.state` (Playwright reads it with page.evaluate) and one small API.
import type { PhoneEvents, SubscriptionRecord } from './events.js';

/** The two user agents the page can run, configured the same (JsSIP's configuration). */
export type Library = 'sipkit' | 'jssip';

/** One thing that happened to a call, at `performance.now()` time. */
export interface CallEvent {
  readonly name: string;
  readonly at: number;
  readonly originator?: string;
  readonly cause?: string;
  /** DTMF: the tone of `newDTMF`, or of the page's own RTCDTMFSender (`tonechange`). */
  readonly tone?: string;
}

export interface CallRecord {
  readonly id: number;
  readonly direction: 'outgoing' | 'incoming';
  /** `performance.now()` just before `ua.call()` (outgoing) or at `newRTCSession` (incoming). */
  readonly startedAt: number;
  readonly events: CallEvent[];
}

/** What the UA's transport reported (`connected` / `disconnected`), at `performance.now()` time. */
export interface TransportNote {
  readonly name: 'connected' | 'disconnected';
  readonly at: number;
  readonly url: string;
  readonly error?: boolean;
  readonly code?: number | undefined;
  readonly reason?: string | undefined;
}

/**
 * One connection or registration event of the UA, at `performance.now()` time: `connected` and
 * `disconnected` name the server (`url`), so a test sees which node of a cluster the UA is on.
 */
export interface UaEvent {
  /** `recovered`: ours only, calls' targets refreshed after a reconnection (issue 20). */
  readonly name: 'connected' | 'disconnected' | 'registered' | 'registrationFailed' | 'recovered';
  readonly at: number;
  readonly url?: string;
  readonly cause?: string | undefined;
}

export interface PhoneState {
  readonly library: Library;
  registration: 'starting' | 'registered' | 'failed';
  cause: string | undefined;
  /** Connections and registrations, in order. */
  readonly ua: UaEvent[];
  readonly calls: CallRecord[];
  readonly errors: string[];
  readonly transport: TransportNote[];
  /** The browser's network events (`online`, `offline`, `connection:change`), `name@ms`. */
  readonly network: string[];
  /** Subscriptions made and accepted (RFC 6665), in order. */
  readonly subscriptions: SubscriptionRecord[];
}

/** Per-call media options, passed the same way to both libraries. */
export interface CallSpec {
  readonly pcConfig?: RTCConfiguration;
}

/** Received audio, as each library lets an app read it. */
export interface InboundAudio {
  /** `packetsReceived` of the audio `inbound-rtp` entry of the RTCPeerConnection's stats. */
  readonly packetsReceived: number | undefined;
  /** Our `MediaStats.packetsReceived` (sipkit only): the same number, through our API. */
  readonly reduced?: number | undefined;
  /**
   * `totalAudioEnergy` and `audioLevel` of that entry: 0 unless the remote track is played
   * (`__phone.play`), then the loudness of what arrived (a 0.5 sine gives a level of ~0.5).
   */
  readonly totalAudioEnergy?: number | undefined;
  readonly audioLevel?: number | undefined;
}

/** The ICE candidate pair a call's media uses (webrtc-stats: the transport's selected pair). */
export interface SelectedPair {
  readonly state: string;
  readonly local: { readonly type: string; readonly address: string; readonly port: number };
  readonly remote: { readonly type: string; readonly address: string; readonly port: number };
}

/** What a library adapter does for the page; every call id comes from `state.calls`. */
export interface Phone {
  call(target: string, spec: CallSpec): number;
  answer(id: number, spec: CallSpec): void;
  hangup(id: number): void;
  hold(id: number): Promise<boolean>;
  unhold(id: number): Promise<boolean>;
  sendDtmf(id: number, tones: string, transport: 'rfc4733' | 'info'): void;
  inboundAudio(id: number): Promise<InboundAudio>;
  /** The call's RTCPeerConnection, as the library exposes it (undefined before there is one). */
  connection(id: number): RTCPeerConnection | undefined;
  /** SUBSCRIBE/NOTIFY through the library's own API. */
  readonly events: PhoneEvents;
  /** Mid-call video and screen share (issue 24); our UA only. */
  readonly mediaChange?: MediaChangeApi;
}

/** One far-end video stream as the page sees it: its m= mid and the frames decoded so far. */
export interface RemoteVideoFrames {
  readonly mid: string | undefined;
  readonly framesDecoded: number | undefined;
}

/** The media-change functions of `@sipkit/core`, by call id; each resolves 'ok' or the error. */
export interface MediaChangeApi {
  addVideo(id: number): Promise<string>;
  removeVideo(id: number): Promise<string>;
  shareScreen(id: number, replace: boolean): Promise<string>;
  stopScreenShare(id: number): Promise<string>;
  /** The far end's camera and screen (`watchRemoteMedia`), with `framesDecoded` from getStats. */
  remoteVideo(id: number): Promise<{
    readonly camera: RemoteVideoFrames | undefined;
    readonly screen: RemoteVideoFrames | undefined;
  }>;
}

/** What the page adds over the library adapters, the same for both. */
export interface PagePhone extends Phone {
  readonly state: PhoneState;
  /** Plays the call's remote audio in an `<audio>` element (the browser measures energy then). */
  play(id: number): void;
  /** The selected candidate pair of the call's connection, once ICE chose one. */
  selectedPair(id: number): Promise<SelectedPair | undefined>;
}

declare global {
  interface Window {
    __phone: PagePhone;
  }
}

/** Audio only, on Chromium's fake microphone: the same for every call of both libraries. */
export const MEDIA_CONSTRAINTS = { audio: true, video: false } as const;

/** The audio `inbound-rtp` packet count of a stats report (W3C webrtc-stats). */
export function audioPacketsReceived(report: RTCStatsReport | undefined): number | undefined {
  let packets: number | undefined;
  report?.forEach((entry: Record<string, unknown>) => {
    if (entry['type'] !== 'inbound-rtp' || entry['kind'] !== 'audio') return;
    const value = entry['packetsReceived'];
    if (typeof value === 'number') packets = (packets ?? 0) + value;
  });
  return packets;
}

/** The audio `inbound-rtp` entry's loudness fields (summed over entries, like the packets). */
export function audioEnergy(
  report: RTCStatsReport | undefined,
): Pick<InboundAudio, 'totalAudioEnergy' | 'audioLevel'> {
  let totalAudioEnergy: number | undefined;
  let audioLevel: number | undefined;
  report?.forEach((entry: Record<string, unknown>) => {
    if (entry['type'] !== 'inbound-rtp' || entry['kind'] !== 'audio') return;
    const energy = entry['totalAudioEnergy'];
    const level = entry['audioLevel'];
    if (typeof energy === 'number') totalAudioEnergy = (totalAudioEnergy ?? 0) + energy;
    if (typeof level === 'number') audioLevel = Math.max(audioLevel ?? 0, level);
  });
  return { totalAudioEnergy, audioLevel };
}

/** The selected pair of a stats report: the transport's `selectedCandidatePairId`. */
export function selectedPairOf(report: RTCStatsReport): SelectedPair | undefined {
  const entries = new Map<string, Record<string, unknown>>();
  report.forEach((entry: Record<string, unknown>) => entries.set(String(entry['id']), entry));
  const transport = [...entries.values()].find(
    (e) => e['type'] === 'transport' && typeof e['selectedCandidatePairId'] === 'string',
  );
  const pair = entries.get(String(transport?.['selectedCandidatePairId']));
  if (pair === undefined) return undefined;
  const candidate = (id: unknown) => {
    const c = entries.get(String(id)) ?? {};
    return {
      type: String(c['candidateType']),
      address: String(c['address'] ?? c['ip']),
      port: Number(c['port']),
    };
  };
  return {
    state: String(pair['state']),
    local: candidate(pair['localCandidateId']),
    remote: candidate(pair['remoteCandidateId']),
  };
}

/** Keeps `state.calls` and each library's session object by call id. */
export class CallBook<S> {
  readonly #state: PhoneState;
  readonly #sessions = new Map<number, S>();

  constructor(state: PhoneState) {
    this.#state = state;
  }

  add(session: S, direction: CallRecord['direction'], startedAt = performance.now()): CallRecord {
    const record: CallRecord = { id: this.#state.calls.length, direction, startedAt, events: [] };
    this.#state.calls.push(record);
    this.#sessions.set(record.id, session);
    return record;
  }

  session(id: number): S {
    const session = this.#sessions.get(id);
    if (session === undefined) throw new Error(`no call ${id}`);
    return session;
  }

  /** Records `name` on the call (listeners of both libraries end up here). */
  note(record: CallRecord, name: string, details: Omit<CallEvent, 'name' | 'at'> = {}): void {
    record.events.push({ name, at: performance.now(), ...details });
  }
}

/**
 * Notes each ICE connection state of a call's RTCPeerConnection (`ice:disconnected`,
 * `ice:failed`, `ice:connected`...): the recovery scenarios read when ICE broke and came back.
 */
export function watchIce(pc: RTCPeerConnection, onState: (state: string) => void): void {
  if (watchedIce.has(pc)) return;
  watchedIce.add(pc);
  pc.addEventListener('iceconnectionstatechange', () => onState(`ice:${pc.iceConnectionState}`));
}
const watchedIce = new WeakSet<RTCPeerConnection>();

/**
 * Records the tones the browser actually plays into RTP (RFC 4733): the receiving browser does
 * not surface them, so the sender's `tonechange` is the evidence that DTMF left in the stream.
 */
export function watchTones(
  pc: RTCPeerConnection | undefined,
  onTone: (tone: string) => void,
): void {
  const dtmf = pc?.getSenders().find((sender) => sender.track?.kind === 'audio')?.dtmf;
  if (dtmf === undefined || dtmf === null || watched.has(dtmf)) return;
  watched.add(dtmf);
  dtmf.addEventListener('tonechange', (event) => {
    if (event.tone !== '') onTone(event.tone);
  });
}
const watched = new WeakSet<RTCDTMFSender>();
