import type { IncomingRequest, IncomingResponse, OutgoingRequest } from '../message/index.js';
import type { MediaStep } from '../media/index.js';
import type { Cause } from '../ua/causes.js';
import type { CallConnectionEvent } from './call-connection.js';
import type { SessionStatus } from './session-status.js';
import type { ReferProgress } from './sipfrag.js';

/** Who caused something: the far end, this app, or the stack itself (timers, transport). */
export type Originator = 'local' | 'remote' | 'system';

/** Payload of `ended` and `failed`. */
export interface SessionEndEvent {
  readonly originator: Originator;
  readonly cause: Cause;
  /** The request or response that ended it, when one did. */
  readonly message: IncomingRequest | IncomingResponse | undefined;
}

/** An incoming REFER (RFC 3515) the app accepts (we call the target) or rejects. */
export interface IncomingReferEvent {
  readonly request: IncomingRequest;
  /** The Refer-To URI, without its URI headers. */
  readonly target: string;
  /** The Replaces of an attended transfer, raw (`Replaces` URI header of Refer-To). */
  readonly replaces: string | undefined;
  /** Accept: answers 202, places a call to `target` (with Replaces) and NOTIFYs its progress. */
  accept(options?: { readonly mediaConstraints?: MediaStreamConstraints }): void;
  /** Reject with 603 (or the given status). */
  reject(options?: { readonly status_code?: number; readonly reason_phrase?: string }): void;
}

/**
 * Everything a session reports, with JsSIP's event names and payload shapes where JsSIP has
 * them, so listeners move over unchanged.
 *
 * @example session.on('ended', ({ cause }) => console.log('call ended:', cause));
 */
export interface SessionEvents {
  /**
   * Outgoing calls: local media was obtained and the INVITE is built (with its offer); `sending`
   * follows at once. The moment to show "calling".
   */
  connecting: { readonly request: OutgoingRequest };
  /** The INVITE is about to go out (outgoing calls). */
  sending: { readonly request: OutgoingRequest };
  /**
   * The call's RTCPeerConnection was created (either direction), before any offer or answer: the
   * place to add its listeners. Also readable later as `session.connection`.
   */
  peerConnection: { readonly connection: RTCPeerConnection };
  /** Local media could not be obtained; the call then fails (`failed`) with its usual cause. */
  getUserMediaFailed: { readonly error: Error };
  /** A WebRTC step failed; the call then fails or ends with its usual cause. */
  peerConnectionFailed: {
    readonly step: Exclude<MediaStep, 'getUserMedia'>;
    readonly error: Error;
  };
  /** A provisional response arrived (outgoing) or we sent 180 (incoming). */
  progress: {
    readonly originator: 'local' | 'remote';
    readonly response: IncomingResponse | undefined;
  };
  /** The call was answered: 2xx received (outgoing) or sent (incoming). */
  accepted: {
    readonly originator: 'local' | 'remote';
    readonly response: IncomingResponse | undefined;
  };
  /** The ACK went out (outgoing) or arrived (incoming): media and mid-call requests can flow. */
  confirmed: { readonly originator: 'local' | 'remote'; readonly ack: IncomingRequest | undefined };
  /** An established call ended. */
  ended: SessionEndEvent;
  /** A call ended before it was established. */
  failed: SessionEndEvent;
  hold: { readonly originator: 'local' | 'remote' };
  unhold: { readonly originator: 'local' | 'remote' };
  muted: { readonly audio: boolean; readonly video: boolean };
  unmuted: { readonly audio: boolean; readonly video: boolean };
  /** A DTMF tone sent (`local`) or received in INFO (`remote`). */
  newDTMF: {
    readonly originator: 'local' | 'remote';
    readonly dtmf: { readonly tone: string; readonly duration: number };
    readonly request: IncomingRequest | undefined;
  };
  /** An INFO that is not DTMF (answered 200). */
  newInfo: {
    readonly originator: 'local' | 'remote';
    readonly info: { readonly contentType: string; readonly body: string };
    readonly request: IncomingRequest | undefined;
  };
  /** A REFER arrived: call `accept()` or `reject()` (no listener: rejected with 603). */
  refer: IncomingReferEvent;
  /** Progress of a REFER we sent, from the transferee's NOTIFYs (RFC 3515 §2.4.5). */
  referProgress: ReferProgress & { readonly final: boolean };
  /** A re-INVITE arrived (already answered). */
  reinvite: { readonly request: IncomingRequest };
  /** An UPDATE arrived (already answered). */
  update: { readonly request: IncomingRequest };
  /**
   * An SDP is about to go out (`local`) or to be applied (`remote`). A listener may assign
   * `event.sdp`: what it leaves there is what goes on the wire (local) or is handed to WebRTC
   * (remote). For a local SDP, setLocalDescription has already run with the original: a change
   * must stay compatible with it (reorder codecs, add attributes, bandwidth lines).
   *
   * @example
   * session.on('sdp', (event) => {
   *   if (event.originator === 'local') event.sdp = event.sdp.replace(/a=extmap-allow-mixed\r\n/, '');
   * });
   */
  sdp: {
    readonly originator: 'local' | 'remote';
    readonly type: 'offer' | 'answer';
    sdp: string;
  };
  /**
   * A local ICE candidate (null: gathering ended). `ready()` stops waiting for more: the offer or
   * answer goes out with the candidates gathered so far (a no-op where the media handler cannot).
   */
  icecandidate: { readonly candidate: RTCIceCandidate | null; readonly ready: () => void };
  /** The remote stream changed (a track arrived). */
  remotestream: { readonly stream: MediaStream };
  /** This call replaced another one (incoming INVITE with Replaces, RFC 3891). */
  replaces: { readonly replaced: string };
  /**
   * The call's connection changed state: `reconnecting` while its media (ICE) or signalling
   * (WebSocket) path is being recovered, `connected` again after, `failed` just before the call
   * ends because recovery gave up.
   */
  connection: CallConnectionEvent;
  /** Anything in the status changed (the store follows this one). */
  statuschange: { readonly status: SessionStatus };
}
