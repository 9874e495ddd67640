import type { Cause } from '@sipkit/core';
import type { JsSipPeerConnection } from './legacy-streams.js';
import type {
  IncomingRequestView,
  IncomingResponseView,
  OutgoingRequestView,
} from './sip-messages.js';
import type { RTCSession } from './rtc-session.js';

/** Who caused it, in JsSIP's words. */
export type JsSipOriginator = 'local' | 'remote' | 'system';

/** `ended` / `failed`: JsSIP's `{ originator, message, cause }`. */
export interface JsSipEndEvent {
  readonly originator: JsSipOriginator;
  readonly cause: Cause;
  readonly message: IncomingRequestView | IncomingResponseView | undefined;
}

/** `sdp`: a listener may assign `sdp`; what it leaves is used (see SipKit's `sdp` event). */
export interface JsSipSdpEvent {
  readonly originator: 'local' | 'remote';
  readonly type: 'offer' | 'answer';
  sdp: string;
}

/** `refer`: accept to call the target (the new session is handed to `initCallback`), or reject. */
export interface JsSipReferEvent {
  readonly request: IncomingRequestView;
  accept(
    initCallback?: (session: RTCSession) => void,
    options?: { readonly mediaConstraints?: MediaStreamConstraints },
  ): void;
  reject(options?: { readonly status_code?: number; readonly reason_phrase?: string }): void;
}

/**
 * Every RTCSession event, by JsSIP's names, with JsSIP's payloads. `getusermediafailed` and the
 * `peerconnection:*failed` events carry the error itself, as in JsSIP.
 *
 * @example session.on('peerconnection', ({ peerconnection }) => peerconnection.addEventListener('addstream', show));
 */
export interface RTCSessionEventMap {
  peerconnection: { readonly peerconnection: JsSipPeerConnection };
  connecting: { readonly request: OutgoingRequestView };
  sending: { readonly request: OutgoingRequestView };
  progress: {
    readonly originator: 'local' | 'remote';
    readonly response: IncomingResponseView | undefined;
  };
  accepted: {
    readonly originator: 'local' | 'remote';
    readonly response: IncomingResponseView | undefined;
  };
  confirmed: {
    readonly originator: 'local' | 'remote';
    readonly ack: IncomingRequestView | undefined;
  };
  ended: JsSipEndEvent;
  failed: JsSipEndEvent;
  newDTMF: {
    readonly originator: 'local' | 'remote';
    readonly dtmf: { readonly tone: string; readonly duration: number };
    readonly request: IncomingRequestView | undefined;
  };
  newInfo: {
    readonly originator: 'local' | 'remote';
    readonly info: { readonly contentType: string; readonly body: string };
    readonly request: IncomingRequestView | undefined;
  };
  hold: { readonly originator: 'local' | 'remote' };
  unhold: { readonly originator: 'local' | 'remote' };
  muted: { readonly audio: boolean; readonly video: boolean };
  unmuted: { readonly audio: boolean; readonly video: boolean };
  /** A re-INVITE arrived; SipKit has answered it already (see the migration page). */
  reinvite: { readonly request: IncomingRequestView };
  /** An UPDATE arrived; SipKit has answered it already. */
  update: { readonly request: IncomingRequestView };
  refer: JsSipReferEvent;
  /** This call is being replaced (RFC 3891); SipKit accepts the replacing call itself. */
  replaces: { readonly session: RTCSession | undefined };
  sdp: JsSipSdpEvent;
  icecandidate: { readonly candidate: RTCIceCandidate | null; ready(): void };
  getusermediafailed: Error;
  'peerconnection:createofferfailed': Error;
  'peerconnection:createanswerfailed': Error;
  'peerconnection:setlocaldescriptionfailed': Error;
  'peerconnection:setremotedescriptionfailed': Error;
}
