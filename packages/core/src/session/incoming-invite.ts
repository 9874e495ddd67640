import { Dialog } from '../dialog/index.js';
import type { HeaderEntry, IncomingRequest, OutgoingResponse } from '../message/index.js';
import type { InviteServerTransaction, ServerTransaction } from '../transaction/index.js';
import { SingleTimer } from '../transport/clock.js';
import { Causes } from '../ua/causes.js';
import type { AckWait } from './ack-wait.js';
import { answerFailureResponse } from './answer-failure-response.js';
import { answerMediaOptions } from './answer-media.js';
import type { CallCore } from './call-core.js';
import { NegotiationError, toNegotiationError } from './negotiation.js';
import { EarlyUpdate } from './early-update.js';
import { ReliableProvisionals } from './reliable-provisionals.js';
import { isSdp } from './sdp-body.js';
import type { AnswerOptions, EarlyMediaOptions, TerminateOptions } from './session-options.js';
import type { SessionRefresh } from './session-refresh.js';
import type { SessionTimerAnswer } from './session-timer-negotiation.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * The UAS side of a call: the far end's INVITE (its server transaction already sent 100),
 * ringing with the no-answer timer, our answer (or an offer, for an INVITE without one) in the
 * 2xx and its ACK, a rejection, and the far end's CANCEL.
 */
export class IncomingInvite {
  readonly #core: CallCore;
  readonly #refresh: SessionRefresh;
  readonly #ackWait: AckWait;
  readonly #invite: IncomingRequest;
  readonly #transaction: InviteServerTransaction;
  readonly #noAnswer: SingleTimer;
  #answering = false;
  /** RFC 4028 §9: what the far end's INVITE asked of our session timer. */
  #timerAnswer: SessionTimerAnswer | undefined;
  /** RFC 3262: our reliable 18x and their PRACKs. */
  readonly #provisionals: ReliableProvisionals;
  /** Media set up before the answer, for early media: the SDP the 183 carried. */
  #early: Promise<EarlySdp> | undefined;
  /**
   * The offer/answer of the INVITE is done before the 2xx (RFC 3262 §5): our answer went in a
   * reliable 183, or our offer did and its answer came in the PRACK. The 2xx then has no SDP.
   */
  #settledEarly = false;
  #earlyUpdate: EarlyUpdate | undefined;
  /** Our offer went in a reliable 183 (an INVITE without SDP): its answer comes in the PRACK. */
  #offerInProvisional = false;

  constructor(
    core: CallCore,
    refresh: SessionRefresh,
    ackWait: AckWait,
    invite: IncomingRequest,
    transaction: InviteServerTransaction,
  ) {
    this.#core = core;
    this.#refresh = refresh;
    this.#ackWait = ackWait;
    this.#invite = invite;
    this.#transaction = transaction;
    this.#noAnswer = new SingleTimer(core.context.clock);
    this.#provisionals = new ReliableProvisionals(core, invite, transaction, () => {
      // RFC 3262 §3: 64*T1 without a PRACK, the INVITE is rejected with a 5xx.
      if (core.status !== 'ringing') return;
      transaction.respond(core.response(invite, 504));
      core.finish('failed', 'system', Causes.NO_ACK, undefined);
    });
  }

  /**
   * Builds the early dialog and routes it to the call; false (having answered 422) when the
   * INVITE's session interval is below our Min-SE.
   */
  open(): boolean {
    const core = this.#core;
    const invite = this.#invite;
    const timer = this.#refresh.answerTo(invite);
    if (timer.kind === 'reject') {
      this.#transaction.respond(core.response(invite, timer.status, { headers: timer.headers }));
      this.#refresh.close();
      return false;
    }
    this.#timerAnswer = timer;
    core.dialog = Dialog.fromRequest(invite, core.localTag, core.context.dialogContext);
    core.attach(core.dialog);
    return true;
  }

  /** True when `transaction` is this call's INVITE transaction. */
  owns(transaction: InviteServerTransaction): boolean {
    return this.#transaction === transaction;
  }

  /** Sends 180 and starts the no-answer timer (408 when it fires). */
  ring(): void {
    const core = this.#core;
    const invite = this.#invite;
    if (core.status !== 'ringing' || this.#answering) return;
    this.#noAnswer.schedule(core.context.configuration.no_answer_timeout * 1000, () => {
      if (core.status !== 'ringing' || this.#answering) return;
      this.#transaction.respond(core.response(invite, 408));
      core.finish('failed', 'system', Causes.NO_ANSWER, undefined);
    });
    this.#provisional(180, undefined, []);
    core.events.emit('progress', { originator: 'local', response: undefined });
  }

  /**
   * Early media: media set up now and the offer answered in a 183 Session Progress (reliable
   * when the caller supports 100rel), so the caller hears us before the answer. An INVITE
   * without an offer gets ours in a reliable 183, answered in the PRACK; without 100rel that
   * cannot be done, and this throws. `answer()` later keeps the same media.
   */
  sendEarlyMedia(options: EarlyMediaOptions): void {
    const core = this.#core;
    const invite = this.#invite;
    if (core.status !== 'ringing' || this.#answering || this.#early !== undefined) {
      throw new Error(
        DEV
          ? `cannot start early media now (call ${core.status})`
          : `session.early-media-not-now ${core.status}`,
      );
    }
    const offer = invite.body === '' ? undefined : invite.body;
    if (offer === undefined && !this.#provisionals.reliable(true)) {
      // Our offer would have no answer before the 2xx: only a PRACK can carry one (RFC 3262 §5).
      throw new Error(
        DEV
          ? 'cannot start early media: no offer in the INVITE and no 100rel'
          : 'session.early-media-no-offer',
      );
    }
    this.#noAnswer.cancel();
    const answerOptions = answerMediaOptions(options, offer);
    core.options = answerOptions;
    const negotiation = core.setUpMedia(answerOptions);
    const early = core.serial(async (): Promise<EarlySdp> => {
      const sdp =
        offer === undefined ? await negotiation.offer() : (await negotiation.answer(offer)).sdp;
      return { sdp, offeredHere: offer === undefined };
    });
    this.#early = early;
    early.then(
      ({ sdp, offeredHere }) => {
        // Sent even when answer() came meanwhile: the 2xx then waits for its PRACK (§3).
        if (core.status !== 'ringing') return;
        const reliable = this.#provisionals.reliable(true);
        this.#offerInProvisional = offeredHere;
        if (reliable && !offeredHere) this.#settledEarly = true;
        this.#provisional(183, sdp, options.extraHeaders ?? []);
        core.events.emit('progress', { originator: 'local', response: undefined });
      },
      (error: unknown) => this.#failAnswer(error),
    );
  }

  /**
   * What an UPDATE with an offer in the early dialog gets before it is answered (RFC 3311 §5.2):
   * 491 while our offer (in a reliable 183) waits for its answer, 500 while the INVITE's offer is
   * not answered reliably; undefined when the offer/answer is done and a new one may start.
   */
  earlyUpdateRefusal(): { readonly status: number; readonly retryAfter: boolean } | undefined {
    if (this.#offerInProvisional && !this.#settledEarly) return { status: 491, retryAfter: false };
    if (!this.#settledEarly) return { status: 500, retryAfter: true };
    return undefined;
  }

  /**
   * Our new offer by UPDATE in the early dialog (RFC 3311 §5.1): only once the INVITE's
   * offer/answer is complete and our 183 with it was PRACKed; false otherwise or when refused.
   */
  sendEarlyUpdate(): Promise<boolean> {
    const dialog = this.#core.dialog;
    const ready =
      this.#core.status === 'ringing' &&
      !this.#answering &&
      this.earlyUpdateRefusal() === undefined &&
      !this.#provisionals.sdpUnacknowledged;
    if (!ready || dialog === undefined) return Promise.resolve(false);
    return (this.#earlyUpdate ??= new EarlyUpdate(this.#core)).send(dialog);
  }

  /** A PRACK in the early dialog (RFC 3262 §3), with an answer to our offer or a new offer. */
  receivePrack(prack: IncomingRequest, transaction: ServerTransaction): void {
    const core = this.#core;
    this.#provisionals.receivePrack(prack, transaction, async (request) => {
      const negotiation = core.negotiation;
      const sdp = isSdp(request) ? request.body : undefined;
      if (negotiation === undefined || sdp === undefined) return undefined;
      if (this.#offerInProvisional && !this.#settledEarly) {
        // §5: the answer to the offer of our reliable 183.
        await core.serial(() => negotiation.accept(sdp));
        this.#settledEarly = true;
        return undefined;
      }
      if (!this.#settledEarly) return undefined;
      // A new offer after the offer/answer completed: answered in the 200 to the PRACK.
      return (await core.serial(() => negotiation.answer(sdp))).sdp;
    });
  }

  /** Local media, the answer (or an offer when the INVITE had none), 200 OK. */
  answer(options: AnswerOptions): void {
    const core = this.#core;
    const invite = this.#invite;
    if (core.status !== 'ringing' || this.#answering) {
      throw new Error(
        DEV
          ? `cannot answer a call that is ${this.#answering ? 'being answered' : core.status}`
          : `session.answer-not-now ${this.#answering ? 'answering' : core.status}`,
      );
    }
    this.#answering = true;
    this.#noAnswer.cancel();
    const offer = invite.body === '' ? undefined : invite.body;
    let media = this.#early;
    if (media === undefined) {
      // No constraints given: answer what was offered (a video call gets video).
      options = answerMediaOptions(options, offer);
      core.options = options;
      const negotiation = core.setUpMedia(options);
      media = core.serial(async () => ({
        sdp:
          offer === undefined ? await negotiation.offer() : (await negotiation.answer(offer)).sdp,
        offeredHere: offer === undefined,
      }));
    }
    // RFC 3262 §3: no 2xx while a reliable 18x with SDP is unacknowledged.
    const ready = media.then(async (early) =>
      (await this.#provisionals.acknowledged()) ? early : undefined,
    );
    ready.then(
      (early) => {
        if (early !== undefined) this.#sendAnswer(early.sdp, early.offeredHere, options);
      },
      (error: unknown) => this.#failAnswer(error),
    );
  }

  #failAnswer(error: unknown): void {
    const core = this.#core;
    const failure = toNegotiationError(error);
    const { status, headers } = answerFailureResponse(failure.cause);
    if (core.status === 'ringing') {
      this.#transaction.respond(core.response(this.#invite, status, { headers }));
    }
    core.finish('failed', 'local', failure.cause, undefined);
  }

  /** An 18x, reliable when the caller asked for it or our policy says so (RFC 3262 §3). */
  #provisional(status: 180 | 183, sdp: string | undefined, extraHeaders: readonly string[]): void {
    const core = this.#core;
    const invite = this.#invite;
    const build = (headers: readonly HeaderEntry[]): OutgoingResponse =>
      core.response(invite, status, { dialog: true, sdp, headers: [...headers, ...extraHeaders] });
    const withSdp = sdp !== undefined;
    if (this.#provisionals.reliable(withSdp)) this.#provisionals.send(build, withSdp);
    else this.#transaction.respond(build([]));
  }

  /** Rejects the unanswered call with `status_code` (default 480). */
  reject(options: TerminateOptions): void {
    const status = options.status_code ?? 480;
    if (status < 300 || status > 699)
      throw new RangeError(
        DEV ? `status_code ${status} is not 300-699` : `session.reject-status-invalid ${status}`,
      );
    this.#transaction.respond(
      this.#core.response(this.#invite, status, {
        reason: options.reason_phrase,
        headers: options.extraHeaders ?? [],
      }),
    );
    this.#core.finish('failed', 'local', Causes.REJECTED, undefined);
  }

  /** A CANCEL matched our INVITE server transaction (already answered 200 by the UA). */
  receiveCancel(cancel: IncomingRequest): void {
    if (this.#core.status !== 'ringing') return;
    this.#transaction.respond(this.#core.response(this.#invite, 487));
    this.#core.finish('failed', 'remote', Causes.CANCELED, cancel);
  }

  /** The caller sent BYE on the early dialog: the INVITE gets 487 (RFC 3261 §15.1.2). */
  terminatedByBye(): void {
    if (this.#core.status === 'ringing')
      this.#transaction.respond(this.#core.response(this.#invite, 487));
  }

  /** The call ended: no 408 for it any more. */
  stop(): void {
    this.#noAnswer.cancel();
    this.#provisionals.stop();
  }

  #sendAnswer(sdp: string, offeredHere: boolean, options: AnswerOptions): void {
    const core = this.#core;
    const invite = this.#invite;
    const transaction = this.#transaction;
    if (core.status !== 'ringing') return; // cancelled while media was being prepared
    const timer = this.#timerAnswer;
    const response = core.response(invite, 200, {
      headers: [...(timer?.headers ?? []), ...(options.extraHeaders ?? [])],
      dialog: true,
      // RFC 3262 §5: an offer/answer completed in a reliable 18x and its PRACK is not repeated.
      sdp: this.#settledEarly ? undefined : sdp,
    });
    this.#provisionals.stop();
    if (!transaction.respond(response)) {
      return core.finish('failed', 'system', Causes.CONNECTION_ERROR, undefined);
    }
    if (timer !== undefined) this.#refresh.accepted(timer);
    core.dialog?.confirm();
    core.accepted('local', undefined);
    const answerInAck = offeredHere && !this.#settledEarly;
    this.#ackWait.start(invite.cseq.seq, transaction, response, (ack) =>
      this.#initialAck(ack, answerInAck),
    );
  }

  #initialAck(ack: IncomingRequest, offeredHere: boolean): void {
    const core = this.#core;
    if (this.#ackWait.byeWhenAcked) return this.#ackWait.byeAfterAck();
    const finish = (): void => core.confirmed('remote', ack);
    if (!offeredHere) return finish();
    // Offer in our 2xx, answer in the ACK (RFC 3261 §13.2.1).
    const negotiation = core.negotiation;
    core
      .serial(async () => {
        if (!isSdp(ack))
          throw new NegotiationError(
            Causes.MISSING_SDP,
            DEV ? 'the ACK has no SDP answer' : 'session.no-sdp-answer ACK',
          );
        await negotiation?.accept(ack.body);
      })
      .then(finish, (error: unknown) => {
        core.hangUp(toNegotiationError(error).cause, ack);
      });
  }
}

/** What early media put in the 183: our answer, or our offer for an INVITE without one. */
interface EarlySdp {
  readonly sdp: string;
  readonly offeredHere: boolean;
}
