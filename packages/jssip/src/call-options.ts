import type { CallOptions } from '@sipkit/core';
import type { RTCSessionEventMap } from './rtc-session-events.js';

/** JsSIP-style `eventHandlers` of `ua.call()`. */
export type RTCSessionEventHandlers = {
  readonly [K in keyof RTCSessionEventMap]?: (event: RTCSessionEventMap[K]) => void;
};

/**
 * Options of `ua.call()`, JsSIP's names. Everything but `eventHandlers` and `data` is handed to
 * SipKit's `ua.call()`, which has the same names.
 *
 * @example ua.call('bob', { mediaConstraints: { audio: true, video: true }, eventHandlers: { failed: (e) => console.log(e.cause) } });
 */
export interface JsSipCallOptions {
  readonly extraHeaders?: readonly string[];
  readonly mediaConstraints?: MediaStreamConstraints;
  readonly mediaStream?: MediaStream;
  readonly pcConfig?: RTCConfiguration;
  readonly rtcConstraints?: CallOptions['rtcConstraints'];
  readonly rtcOfferConstraints?: RTCOfferOptions;
  readonly rtcAnswerConstraints?: RTCAnswerOptions;
  readonly eventHandlers?: RTCSessionEventHandlers;
  readonly anonymous?: boolean;
  readonly fromUserName?: string;
  readonly fromDisplayName?: string;
  readonly sessionTimersExpires?: number;
  /**
   * SipKit's, not JsSIP's (JsSIP has no 100rel): `false` leaves `Supported: 100rel` out of the
   * INVITE, so the far end sends no reliable 18x to PRACK (RFC 3262). Default true.
   */
  readonly reliableProvisionals?: boolean;
  /** Copied to `session.data`. */
  readonly data?: Record<string, unknown>;
}

/** SipKit's call options for JsSIP's (the adapter keeps `eventHandlers` and `data` itself). */
export function jssipCallOptions(options: JsSipCallOptions): CallOptions {
  const { eventHandlers: _handlers, data: _data, ...rest } = options;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) if (value !== undefined) out[key] = value;
  return out as CallOptions;
}
