import { Dialog } from '../dialog/index.js';
import type { IncomingRequest } from '../message/index.js';
import type { InviteServerTransaction } from '../transaction/index.js';
import { SingleTimer } from '../transport/clock.js';
import { Causes } from '../ua/causes.js';
import type { AckWait } from './ack-wait.js';
import { answerFailureResponse } from './answer-failure-response.js';
import { answerMediaOptions } from './answer-media.js';
import type { CallCore } from './call-core.js';
import { NegotiationError, toNegotiationError } from './negotiation.js';
import { isSdp } from './sdp-body.js';
import type { AnswerOptions, TerminateOptions } from './session-options.js';
import type { SessionRefresh } from './session-refresh.js';
import type { SessionTimerAnswer } from './session-timer-negotiation.js';

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
    this.#transaction.respond(core.response(invite, 180, { dialog: true }));
    core.events.emit('progress', { originator: 'local', response: undefined });
  }

  /** Local media, the answer (or an offer when the INVITE had none), 200 OK. */
  answer(options: AnswerOptions): void {
    const core = this.#core;
    const invite = this.#invite;
    if (core.status !== 'ringing' || this.#answering) {
      throw new Error(
        `cannot answer a call that is ${this.#answering ? 'being answered' : core.status}`,
      );
    }
    this.#answering = true;
    this.#noAnswer.cancel();
    const offer = invite.body === '' ? undefined : invite.body;
    // No constraints given: answer what was offered (a video call gets video).
    options = answerMediaOptions(options, offer);
    core.options = options;
    const negotiation = core.setUpMedia(options);
    core
      .serial(async () =>
        offer === undefined ? negotiation.offer() : (await negotiation.answer(offer)).sdp,
      )
      .then(
        (sdp) => this.#sendAnswer(sdp, offer === undefined, options),
        (error: unknown) => {
          const failure = toNegotiationError(error);
          const { status, headers } = answerFailureResponse(failure.cause);
          if (core.status === 'ringing') {
            this.#transaction.respond(core.response(invite, status, { headers }));
          }
          core.finish('failed', 'local', failure.cause, undefined);
        },
      );
  }

  /** Rejects the unanswered call with `status_code` (default 480). */
  reject(options: TerminateOptions): void {
    const status = options.status_code ?? 480;
    if (status < 300 || status > 699) throw new RangeError(`status_code ${status} is not 300-699`);
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
      sdp,
    });
    if (!transaction.respond(response)) {
      return core.finish('failed', 'system', Causes.CONNECTION_ERROR, undefined);
    }
    if (timer !== undefined) this.#refresh.accepted(timer);
    core.dialog?.confirm();
    core.startTime = new Date();
    core.setStatus('answered');
    core.events.emit('accepted', { originator: 'local', response: undefined });
    this.#ackWait.start(invite.cseq.seq, transaction, response, (ack) =>
      this.#initialAck(ack, offeredHere),
    );
  }

  #initialAck(ack: IncomingRequest, offeredHere: boolean): void {
    const core = this.#core;
    if (this.#ackWait.byeWhenAcked) return this.#ackWait.byeAfterAck();
    const finish = (): void => {
      if (core.status !== 'answered') return;
      core.setStatus('confirmed');
      core.events.emit('confirmed', { originator: 'remote', ack });
    };
    if (!offeredHere) return finish();
    // Offer in our 2xx, answer in the ACK (RFC 3261 §13.2.1).
    const negotiation = core.negotiation;
    core
      .serial(async () => {
        if (!isSdp(ack))
          throw new NegotiationError(Causes.MISSING_SDP, 'the ACK has no SDP answer');
        await negotiation?.accept(ack.body);
      })
      .then(finish, (error: unknown) => {
        core.bye([]);
        core.finish('ended', 'system', toNegotiationError(error).cause, ack);
      });
  }
}
