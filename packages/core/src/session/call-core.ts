import type { Dialog } from '../dialog/index.js';
import {
  SipParseError,
  type HeaderEntry,
  type IncomingRequest,
  type IncomingResponse,
  type OutgoingResponse,
} from '../message/index.js';
import { TypedEmitter } from '../transport/index.js';
import type { Cause } from '../ua/causes.js';
import type { Identity } from '../ua/out-of-dialog-request.js';
import { CallConnection } from './call-connection.js';
import { Negotiation, type AnswerHook } from './negotiation.js';
import type { SessionContext } from './session-context.js';
import type { Originator, SessionEvents } from './session-events.js';
import type { AnswerOptions, CallOptions } from './session-options.js';
import { sessionResponse, type SessionResponseOptions } from './session-responses.js';
import type { SessionStatus } from './session-status.js';
import type { Session } from './session.js';

/** How a call ends: `ended` once established, `failed` before. */
export type EndKind = 'ended' | 'failed';

/** Ends the call: stops every part of it, then reports `kind` (the session owns the order). */
export type FinishCall = (
  kind: EndKind,
  originator: Originator,
  cause: Cause,
  message: IncomingRequest | IncomingResponse | undefined,
) => void;

/** A request sent in the dialog. */
export interface InDialogRequestInit {
  readonly body?: string;
  readonly contentType?: string;
  readonly extraHeaders?: readonly string[];
  readonly headers?: readonly HeaderEntry[];
}

const noop = (): void => undefined;

/** One settled promise for every call's media queue to start from. */
const SETTLED: Promise<unknown> = Promise.resolve();

/**
 * The state one call's parts share (outgoing or incoming INVITE, offers, refreshes, INFO): the
 * one `status`, the dialog, the media negotiation, the event emitter, and the small machinery
 * they all use (serialized media steps, responses, in-dialog requests, BYE). The parts receive
 * this instead of reaching into the `Session`, which stays the public face.
 */
export class CallCore {
  readonly context: SessionContext;
  /** The public object: what the UA routes this call's dialogs to. */
  readonly session: Session;
  readonly events: TypedEmitter<SessionEvents>;
  /** Which of the call's paths (media, signalling) are being recovered: `session.connectionState`. */
  readonly connection: CallConnection;
  readonly callId: string;
  readonly localTag: string;
  /** The confirmed dialog (for incoming calls, the early one the INVITE built). */
  dialog: Dialog | undefined;
  negotiation: Negotiation | undefined;
  /** Who the far end is; an outgoing call learns its display name from the answer's To. */
  remoteIdentity: Identity;
  startTime: Date | undefined;
  endTime: Date | undefined;
  cause: Cause | undefined;
  /** What the call was placed or answered with: DTMF transport; a replacing call inherits it. */
  options: AnswerOptions | CallOptions = {};
  /** Runs before we answer a re-offer (`Session.answerHook`, set by `media-change/`). */
  answerHook: AnswerHook | undefined;
  /** Where the media's ICE and connection states go: the call's `MediaRecovery`. */
  mediaState: ((state: RTCIceConnectionState | RTCPeerConnectionState) => void) | undefined;
  #status: SessionStatus;
  #media: Promise<unknown> = SETTLED;
  readonly #finish: FinishCall;

  constructor(init: {
    readonly context: SessionContext;
    readonly session: Session;
    readonly callId: string;
    readonly localTag: string;
    readonly status: SessionStatus;
    readonly remoteIdentity: Identity;
    readonly finish: FinishCall;
  }) {
    this.remoteIdentity = init.remoteIdentity;
    this.context = init.context;
    this.session = init.session;
    this.callId = init.callId;
    this.localTag = init.localTag;
    this.#status = init.status;
    this.#finish = init.finish;
    this.events = new TypedEmitter<SessionEvents>(init.context.onListenerError);
    this.connection = new CallConnection((event) => this.events.emit('connection', event));
  }

  get status(): SessionStatus {
    return this.#status;
  }

  setStatus(status: SessionStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    this.events.emit('statuschange', { status });
  }

  /** Ends the call (once: nothing happens when it already ended). */
  finish(
    kind: EndKind,
    originator: Originator,
    cause: Cause,
    message: IncomingRequest | IncomingResponse | undefined,
  ): void {
    this.#finish(kind, originator, cause, message);
  }

  /** The last step of ending: records why and when, and reports it. */
  terminated(
    kind: EndKind,
    originator: Originator,
    cause: Cause,
    message: IncomingRequest | IncomingResponse | undefined,
  ): void {
    this.cause = cause;
    this.endTime = new Date();
    this.setStatus('terminated');
    this.events.emit(kind, { originator, cause, message });
  }

  /** Routes requests for `dialog` to this call (RFC 3261 §12.2.2). */
  attach(dialog: Dialog): void {
    this.context.attach(dialog, this.session);
  }

  /** Media for the call, its events re-emitted, its ICE state handed to `mediaState`. */
  setUpMedia(options: CallOptions | AnswerOptions): Negotiation {
    // A handler the app made for this one call (a multi-tab media proxy) wins over the factory.
    const media = options.mediaHandler ?? this.context.createMediaHandler(options);
    const negotiation = new Negotiation(media, this.events);
    // Never unsubscribed: the handler is closed and dropped with the call, and whatever it
    // still emits after that is ignored here (saves keeping three unsubscribe functions a call).
    media.on('icecandidate', ({ candidate, ready }) => {
      if (this.#status !== 'terminated')
        this.events.emit('icecandidate', { candidate, ready: ready ?? noop });
    });
    media.on('peerconnection', ({ connection }) => {
      // The handler's structural type; at run time it is the runtime's RTCPeerConnection.
      this.events.emit('peerConnection', { connection: connection as RTCPeerConnection });
    });
    media.on('failure', ({ step, error }) => {
      if (this.#status === 'terminated') return;
      if (step === 'getUserMedia') this.events.emit('getUserMediaFailed', { error });
      else this.events.emit('peerConnectionFailed', { step, error });
    });
    media.on('remotestream', (payload) => {
      if (this.#status !== 'terminated') this.events.emit('remotestream', payload);
    });
    // ICE trouble no longer ends the call: the media recovery restarts ICE (media-recovery.ts).
    media.on('icestate', ({ state }) => this.mediaState?.(state));
    media.on('connectionstate', ({ state }) => this.mediaState?.(state));
    this.negotiation = negotiation;
    // JsSIP apps read `session.connection` right after `ua.call()` / `answer()`: make it now. A
    // failure here (no WebRTC) is reported by the first offer or answer, which meets it again.
    try {
      media.createConnection?.();
    } catch {
      // see above
    }
    return negotiation;
  }

  /** Runs media steps one after another: SDP operations must not interleave (JSEP). */
  serial<T>(step: () => Promise<T>): Promise<T> {
    const next = this.#media.then(step, step);
    this.#media = next.catch(() => undefined);
    return next;
  }

  /** A response to the far end's `request` (see `sessionResponse`). */
  response(
    request: IncomingRequest,
    status: number,
    options: SessionResponseOptions = {},
  ): OutgoingResponse {
    return sessionResponse(this.context, this.localTag, request, status, options);
  }

  /** Sends a request in the dialog (with digest retries); resolves with the final status (0: none). */
  async request(method: string, init: InDialogRequestInit): Promise<number> {
    return (await this.requestResponse(method, init))?.status ?? 0;
  }

  /**
   * Sends a request in the dialog (with digest retries); resolves with its final response. While
   * the connection is being recovered it waits for it (`signallingReady`), and one the lost
   * connection took down with it is sent again on the next; undefined when it could not go out.
   */
  async requestResponse(
    method: string,
    init: InDialogRequestInit,
  ): Promise<IncomingResponse | undefined> {
    for (;;) {
      const ready = this.context.signallingReady();
      if (ready !== true && !(await ready)) {
        this.context.logger.warn(`session: ${method} not sent: the connection did not come back`);
        return undefined;
      }
      const dialog = this.dialog;
      if (dialog === undefined) return undefined;
      const outcome = await this.context.channel.send(dialog.createRequest(method, init));
      dialog.advanceLocalSeq(outcome.cseq);
      if (outcome.kind === 'transport-error' && this.context.signallingReady() !== true) continue;
      return outcome.kind === 'response' ? outcome.response : undefined;
    }
  }

  /**
   * Sends BYE, now or, while the connection is being recovered, once it is back (a BYE the lost
   * connection took down is sent again). One that cannot go out in time is logged and counted
   * in the UA's `recoveryFailed`.
   */
  bye(extraHeaders: readonly string[], headers: readonly HeaderEntry[] = []): void {
    const ready = this.context.signallingReady();
    if (ready === true) return this.#byeNow(extraHeaders, headers);
    void ready.then((ok) => {
      if (ok) this.#byeNow(extraHeaders, headers);
      else this.context.logger.warn('session: BYE not sent: the connection did not come back');
    });
  }

  #byeNow(extraHeaders: readonly string[], headers: readonly HeaderEntry[]): void {
    const dialog = this.dialog;
    if (dialog === undefined) return;
    try {
      const sent = this.context.channel.send(
        dialog.createRequest('BYE', { headers, extraHeaders }),
      );
      void sent.then((outcome) => {
        if (outcome.kind === 'transport-error' && this.context.signallingReady() !== true)
          this.bye(extraHeaders, headers);
      });
    } catch (error) {
      // The call ends here whatever happens, so the far end must hear of it: a BYE with only
      // what the stack writes is better than none (the app's lines are checked at the API, so
      // this is the last line of defence, not a path anything should take).
      this.context.logger.warn(`session: BYE not sent: ${(error as Error).message}`);
      // Drop the app's lines first (they are what may be wrong), keeping the stack's (Reason);
      // only if those fail too, send the bare BYE.
      if (extraHeaders.length > 0) this.#byeNow([], headers);
      else if (headers.length > 0) this.#byeNow([], []);
    }
  }

  /** A dialog from a message, or undefined (logged) when the message cannot build one. */
  tryDialog(make: () => Dialog): Dialog | undefined {
    try {
      return make();
    } catch (error) {
      if (error instanceof SipParseError) {
        this.context.logger.warn(`session: cannot build the dialog: ${error.message}`);
        return undefined;
      }
      throw error;
    }
  }
}
