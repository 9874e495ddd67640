import type { DialogId } from '../dialog/index.js';
import type { MediaHandler, MediaHandlerOptions } from '../media/index.js';
import type { IceRestartOptions } from './ice-restart-options.js';
import type { SessionEvents } from './session-events.js';

/** JsSIP-style listeners attached before anything happens. */
export type SessionEventHandlers = {
  readonly [K in keyof SessionEvents]?: (payload: SessionEvents[K]) => void;
};

/**
 * Options of `ua.call(target, options)`: JsSIP's names, plus the media knobs of
 * `MediaHandlerOptions` (mediaConstraints, mediaStream, pcConfig, rtcOfferConstraints,
 * iceGatheringTimeout).
 *
 * @example ua.call('bob', { mediaConstraints: { audio: true, video: false }, pcConfig: { iceServers: [] } })
 */
export interface CallOptions extends MediaHandlerOptions {
  /** `Name: value` lines added to the INVITE. */
  readonly extraHeaders?: readonly string[];
  /** Hide who calls (RFC 3323): anonymous From, `Privacy: id`. */
  readonly anonymous?: boolean;
  readonly eventHandlers?: SessionEventHandlers;
  /** How DTMF goes out: RFC 4733 in RTP (default) or SIP INFO `application/dtmf-relay`. */
  readonly dtmfTransport?: 'rfc4733' | 'info';
  /** The user part of this call's From URI instead of the UA's (same host). */
  readonly fromUserName?: string;
  /** The display name of this call's From instead of `display_name`. */
  readonly fromDisplayName?: string;
  /**
   * The session interval (RFC 4028) this call asks for, in seconds, instead of the default 90;
   * at least 90.
   */
  readonly sessionTimersExpires?: number;
  /**
   * This call's media recovery (ICE restart), over `UAOptions.iceRestart`; `false`: none.
   * Checked at the call (`InvalidOptionError` naming e.g. `iceRestart.deadline`).
   */
  readonly iceRestart?: IceRestartOptions | false;
  /**
   * Offer reliable provisional responses (RFC 3262): the INVITE says `Supported: 100rel` and each
   * reliable 18x is acknowledged with PRACK. Default true; `false` for a far end that misbehaves
   * with it (its reliable 18x then get no PRACK, and it may give up on the call).
   */
  readonly reliableProvisionals?: boolean;
  /**
   * This call's media handler, made elsewhere, instead of one from the UA's
   * `mediaHandlerFactory` (the media options above are then not used: the handler was made with
   * its own). Multi-tab apps give the call a proxy whose peer connection lives in the tab the
   * person uses (`createRemoteMediaHandler`). The session closes it when the call ends.
   *
   * @example ua.call('bob', { mediaHandler: createRemoteMediaHandler(port, mediaTabId, callKey) })
   */
  readonly mediaHandler?: MediaHandler | undefined;
}

/**
 * Options of `session.sendEarlyMedia()`: the media `answer()` would get (it keeps them), and
 * `extraHeaders` for the 183.
 */
export type EarlyMediaOptions = AnswerOptions;

/** Options of `session.answer()`. */
export interface AnswerOptions extends MediaHandlerOptions {
  /** `Name: value` lines added to the 200. */
  readonly extraHeaders?: readonly string[];
  readonly dtmfTransport?: 'rfc4733' | 'info';
  /** This call's media recovery (ICE restart), as for `CallOptions.iceRestart`. */
  readonly iceRestart?: IceRestartOptions | false;
  /**
   * This call's media handler, made elsewhere, as for `CallOptions.mediaHandler`.
   *
   * @example session.answer({ mediaHandler: createRemoteMediaHandler(port, mediaTabId, callKey) })
   */
  readonly mediaHandler?: MediaHandler | undefined;
}

/** Options of `session.terminate()`. */
export interface TerminateOptions {
  /** For an unanswered incoming call: the rejection status (default 480; 486 busy, 603 decline). */
  readonly status_code?: number;
  readonly reason_phrase?: string;
  readonly extraHeaders?: readonly string[];
}

/** Options of `session.hold()` / `session.unhold()`. */
export interface HoldOptions {
  /** Send the offer in an UPDATE (RFC 3311) instead of a re-INVITE. */
  readonly useUpdate?: boolean;
}

/** Options of `session.sendDTMF()`. */
export interface DtmfSendOptions {
  /** Tone length in ms (default 100, 40 to 6000). */
  readonly duration?: number;
  /** Gap between tones in ms (default 70, at least 30). */
  readonly interToneGap?: number;
  /** Overrides the session's DTMF transport for these tones. */
  readonly transport?: 'rfc4733' | 'info';
  readonly extraHeaders?: readonly string[];
}

/** Options of `session.refer()`. */
export interface ReferOptions {
  readonly extraHeaders?: readonly string[];
  /** Attended transfer: the other call whose dialog the target should replace (RFC 3891). */
  readonly replaces?: { readonly dialogId: DialogId; readonly remoteTarget?: string };
}
