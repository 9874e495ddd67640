import { MediaDescriptionError, type MediaHandler } from '../media/index.js';
import { isHoldingUs } from '../media/sdp-direction.js';
import { ownString } from '../message/own-string.js';
import type { TypedEmitter } from '../transport/index.js';
import { Causes, type Cause } from '../ua/causes.js';
import type { SessionEvents } from './session-events.js';

/** A media step failed; `cause` says how to report it. */
export class NegotiationError extends Error {
  override readonly name = 'NegotiationError';
  override readonly cause: Cause;

  constructor(cause: Cause, message: string) {
    super(message);
    this.cause = cause;
  }
}

/**
 * Runs between applying the far end's re-offer and answering it (`media-change/`: our camera for
 * a video offer the app accepts). Its failure leaves the answer as it would have been.
 */
export type AnswerHook = (offer: string) => Promise<void>;

/** Where SDP is reported as it passes: the session's `sdp` event. */
export type SdpEvents = Pick<TypedEmitter<SessionEvents>, 'emit'>;

/**
 * The offer/answer model (RFC 3264) of one call over its `MediaHandler`: which side holds
 * (§8.4), and what a failure means for the call. Every media error becomes a
 * `NegotiationError` with a cause, so the session never guesses.
 */
export class Negotiation {
  readonly media: MediaHandler;
  /** We asked for hold (our media `sendonly`/`inactive`). */
  localHold = false;
  /** Our hold as the far end agreed to it (the re-INVITE succeeded): what `isOnHold()` reports. */
  holdGranted = false;
  /** The far end's last offer put all media `sendonly`/`inactive` (or `c=0.0.0.0`). */
  remoteHold = false;
  /** The last SDP each side gave (offer or answer), as it went on the wire or was applied. */
  readonly lastSdp: { local?: string; remote?: string } = {};
  readonly #events: SdpEvents;

  constructor(media: MediaHandler, events: SdpEvents) {
    this.media = media;
    this.#events = events;
  }

  /** A local offer with the current hold state. */
  async offer(iceRestart = false): Promise<string> {
    const sdp = await guard(() =>
      this.media.createOffer({ localHold: this.localHold, iceRestart }),
    );
    return this.#report('local', 'offer', sdp);
  }

  /** Applies a remote offer and answers it. Returns whether the far end's hold state changed. */
  async answer(
    offer: string,
    hook?: AnswerHook,
  ): Promise<{ readonly sdp: string; readonly remoteHoldChanged: boolean }> {
    // A handler may keep the SDP for the whole call; the message it came in must not stay too.
    const sdp = ownString(this.#report('remote', 'offer', offer));
    await guard(() => this.media.setRemoteDescription({ type: 'offer', sdp }));
    await hook?.(sdp).catch(() => undefined);
    const held = isHoldingUs(sdp);
    const remoteHoldChanged = held !== this.remoteHold;
    this.remoteHold = held;
    const answer = await guard(() => this.media.createAnswer({ localHold: this.localHold }));
    return { sdp: this.#report('local', 'answer', answer), remoteHoldChanged };
  }

  /** Applies the answer to our offer (`provisional` for an 18x answer, JSEP pranswer). */
  async accept(answer: string, provisional = false): Promise<void> {
    const sdp = ownString(this.#report('remote', 'answer', answer));
    await guard(() =>
      this.media.setRemoteDescription({ type: provisional ? 'pranswer' : 'answer', sdp }),
    );
  }

  /** Our offer went unanswered (re-INVITE failed): the previous state stays in force. */
  async rollback(): Promise<void> {
    await this.media.rollback().catch(() => undefined);
  }

  close(): void {
    this.media.close();
  }

  /** Emits `sdp`; listeners may replace it, and what they leave is what is used. */
  #report(originator: 'local' | 'remote', type: 'offer' | 'answer', sdp: string): string {
    const event = { originator, type, sdp };
    this.#events.emit('sdp', event);
    return (this.lastSdp[originator] = typeof event.sdp === 'string' ? event.sdp : sdp);
  }
}

async function guard<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw toNegotiationError(error);
  }
}

/** The cause a media failure gives the call (JsSIP's cause names). */
export function toNegotiationError(error: unknown): NegotiationError {
  if (error instanceof NegotiationError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof MediaDescriptionError) {
    return new NegotiationError(Causes.BAD_MEDIA_DESCRIPTION, message);
  }
  const name = error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'NotFoundError') {
    return new NegotiationError(Causes.USER_DENIED_MEDIA_ACCESS, message);
  }
  if (name === 'InvalidAccessError' || name === 'OperationError' || name === 'SyntaxError') {
    return new NegotiationError(Causes.BAD_MEDIA_DESCRIPTION, message);
  }
  return new NegotiationError(Causes.WEBRTC_ERROR, message);
}
