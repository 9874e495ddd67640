import type { Dialog } from '../dialog/index.js';
import { SipParseError, type IncomingRequest, type IncomingResponse } from '../message/index.js';
import type { InviteServerTransaction, ServerTransaction } from '../transaction/index.js';
import { SingleTimer } from '../transport/clock.js';
import type { AckWait } from './ack-wait.js';
import type { CallCore } from './call-core.js';
import { glareRetryDelay, MAX_GLARE_RETRIES } from './glare-delay.js';
import { InviteClient } from './invite-client.js';
import { toNegotiationError, type Negotiation } from './negotiation.js';
import { isSdp, SDP } from './sdp-body.js';
import type { SessionRefresh } from './session-refresh.js';
import type { SessionResponseOptions } from './session-responses.js';
import type { SessionTimerAnswer } from './session-timer-negotiation.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * Offers in an established call (RFC 3261 §14, RFC 3311): re-INVITEs and UPDATEs we send (hold,
 * renegotiation) with the 491 glare retry, and those the far end sends, answered here, with its
 * hold state reported. Every one of them also refreshes the session timer (RFC 4028 §7.4, §9).
 */
export class OfferExchange {
  readonly #core: CallCore;
  readonly #refresh: SessionRefresh;
  readonly #ackWait: AckWait;
  readonly #glare: SingleTimer;
  #endWait: (() => void) | undefined;
  /** An offer of ours is out (re-INVITE/UPDATE) and unanswered: glare territory (§14.1). */
  #localOfferPending = false;
  /** One offer procedure of ours (glare waits and retries included) runs at a time (§14.1). */
  #offering = false;
  #remoteOfferPending = false;

  constructor(core: CallCore, refresh: SessionRefresh, ackWait: AckWait) {
    this.#core = core;
    this.#refresh = refresh;
    this.#ackWait = ackWait;
    this.#glare = new SingleTimer(core.context.clock);
  }

  /** True while neither side has an offer out. */
  get idle(): boolean {
    return !this.#offering && !this.#localOfferPending && !this.#remoteOfferPending;
  }

  /**
   * Runs one offer procedure of ours to its end, retries included: nothing else of ours (a hold,
   * a renegotiation, a session refresh) starts meanwhile, although during a glare wait we are not
   * "pending" for the far end's requests.
   */
  async exclusively<T>(procedure: () => Promise<T>): Promise<T> {
    this.#offering = true;
    try {
      return await procedure();
    } finally {
      this.#offering = false;
    }
  }

  /** Puts the call on hold or resumes it (RFC 3264 §8.4); false when not possible now. */
  async changeHold(hold: boolean, method: 'INVITE' | 'UPDATE' = 'INVITE'): Promise<boolean> {
    const core = this.#core;
    const negotiation = core.negotiation;
    if (negotiation === undefined || core.status !== 'confirmed' || negotiation.localHold === hold)
      return false;
    // The offer is made with the hold asked for; the hold counts once the far end accepted it.
    negotiation.localHold = hold;
    const done = await this.offer(method, false);
    if (!done) {
      negotiation.localHold = !hold;
      return false;
    }
    negotiation.holdGranted = hold;
    core.events.emit(hold ? 'hold' : 'unhold', { originator: 'local' });
    return true;
  }

  /**
   * Sends our offer in a re-INVITE or UPDATE; resolves true once the answer is applied.
   * `retryAfterGlare` is asked after each 491 wait (an ICE restart is moot once the far end's
   * own restart went through meanwhile).
   */
  async offer(
    method: 'INVITE' | 'UPDATE',
    iceRestart: boolean,
    retryAfterGlare: () => boolean = () => true,
  ): Promise<boolean> {
    const core = this.#core;
    const negotiation = core.negotiation;
    const dialog = core.dialog;
    if (negotiation === undefined || dialog === undefined || core.status !== 'confirmed')
      return false;
    if (!this.idle) return false;
    return this.exclusively(async () => {
      for (let retries = 0; ; retries++) {
        const result = await this.whileOfferPending(() =>
          this.#offerOnce(method, negotiation, dialog, iceRestart),
        );
        if (result === 'again') continue;
        if (result !== 'glare') return result === 'ok';
        if (retries >= MAX_GLARE_RETRIES) return false;
        // RFC 3261 §14.1: 491 -> wait a random time depending on who owns the Call-ID, then
        // retry; meanwhile the far end's own retry is answered normally (we are not "pending").
        await this.wait(glareRetryDelay(dialog.isUac, core.context.random));
        while (this.#remoteOfferPending && core.status === 'confirmed') await this.wait(100);
        if (core.status !== 'confirmed' || !retryAfterGlare()) return false;
      }
    });
  }

  /** Runs `send` as our pending request: an offer from the far end meanwhile is glare (491). */
  whileOfferPending<T>(send: () => Promise<T>): Promise<T> {
    this.#localOfferPending = true;
    return send().finally(() => {
      this.#localOfferPending = false;
    });
  }

  /** Waits on the glare timer; ending the call cuts the wait short (nothing stays pending). */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.#endWait = resolve;
      this.#glare.schedule(ms, resolve);
    });
  }

  /** A re-INVITE or UPDATE from the far end. */
  receive(request: IncomingRequest, transaction: ServerTransaction): void {
    const core = this.#core;
    const isInvite = request.method === 'INVITE';
    // Not before the initial INVITE's ACK: until then its offer/answer is not settled (§14.2).
    if (isInvite && core.status !== 'confirmed') {
      return void transaction.respond(core.response(request, 491));
    }
    // RFC 3261 §14.2: our own offer is out -> 491; theirs still open -> 500 with Retry-After.
    const hasOffer = request.body !== '';
    if (hasOffer && this.#localOfferPending)
      return void transaction.respond(core.response(request, 491));
    if (this.#remoteOfferPending && (isInvite || hasOffer)) {
      return void transaction.respond(
        core.response(request, 500, { headers: [['Retry-After', '1']] }),
      );
    }
    // RFC 4028 §9: a refresh below our Min-SE is refused; otherwise our 2xx states the agreement.
    const timer = this.#refresh.answerTo(request);
    if (timer.kind === 'reject') {
      return void transaction.respond(core.response(request, 422, { headers: timer.headers }));
    }
    const ok: SessionResponseOptions = {
      headers: [...core.context.capabilityHeaders(), ...timer.headers],
      dialog: true,
    };
    core.dialog?.refreshTarget(request);
    if (!hasOffer && !isInvite) {
      // An UPDATE without SDP: a session refresh (RFC 4028) or a target refresh (RFC 3311).
      transaction.respond(core.response(request, 200, ok));
      this.#refresh.accepted(timer);
      return core.events.emit('update', { request });
    }
    const negotiation = core.negotiation;
    if (negotiation === undefined) return void transaction.respond(core.response(request, 488));
    this.#answerOffer(request, transaction, negotiation, timer, ok);
  }

  /** The call ended: a glare wait in progress ends now. */
  stop(): void {
    this.#glare.cancel();
    this.#endWait?.();
  }

  async #offerOnce(
    method: 'INVITE' | 'UPDATE',
    negotiation: Negotiation,
    dialog: Dialog,
    iceRestart: boolean,
  ): Promise<'ok' | 'failed' | 'glare' | 'again'> {
    const core = this.#core;
    // While the connection is being recovered the offer waits for it (made afterwards, an ICE
    // restart gathers on the network that came back).
    const ready = core.context.signallingReady();
    if (ready !== true && !(await ready)) return 'failed';
    if (core.status !== 'confirmed') return 'failed';
    let sdp: string;
    try {
      sdp = await core.serial(() => negotiation.offer(iceRestart));
    } catch (error) {
      core.warn(DEV ? 'session: no offer' : 'session.no-offer', error);
      return 'failed';
    }
    if (core.status !== 'confirmed') return 'failed';
    const response =
      method === 'UPDATE' ? await this.#sendUpdate(sdp) : await this.#sendReinvite(dialog, sdp);
    const status = response?.status ?? 408;
    if (status >= 200 && status < 300 && response !== undefined) this.#refresh.answered(response);
    if (status >= 200 && status < 300 && response !== undefined && isSdp(response)) {
      try {
        await core.serial(() => negotiation.accept(response.body));
        return 'ok';
      } catch (error) {
        core.hangUp(toNegotiationError(error).cause, response);
        return 'failed';
      }
    }
    await core.serial(() => negotiation.rollback());
    // No answer because the connection dropped under the request: again on the next one.
    if (response === undefined && core.context.signallingReady() !== true) return 'again';
    if (status === 491) return 'glare';
    // RFC 3261 §12.2.1.2 / §14.1: 481 or 408 to a mid-dialog request ends the dialog, except a
    // 408 while the call is being recovered (a failed attempt then, `dialog-failure.ts`).
    core.endIfDialogGone(status, response);
    return 'failed';
  }

  #sendReinvite(dialog: Dialog, sdp: string): Promise<IncomingResponse | undefined> {
    const { context } = this.#core;
    const request = dialog.createRequest('INVITE', {
      headers: [...context.capabilityHeaders(), ...this.#refresh.refreshHeaders()],
      body: sdp,
      contentType: SDP,
    });
    return new Promise((resolve) => {
      let acked = false;
      // A re-INVITE answered only provisionally would hold the offer procedure (hold, refresh,
      // every later offer) forever: no RFC 3261 timer ends an INVITE client transaction after
      // a 1xx. After Timer B's length it is cancelled (§9.1); the transaction then ends within
      // 64*T1 (no 487 reads as 408, which ends the dialog, §12.2.1.2).
      const timers = context.transactions().timers;
      const guard = context.clock.setTimeout(() => client.cancel(), timers.timerB);
      const settle = (response: IncomingResponse | undefined): void => {
        context.clock.clearTimeout(guard);
        resolve(response);
      };
      const client = new InviteClient(context.transactions, context.channel, request, {
        onProvisional: () => undefined,
        onSuccess: (response) => {
          const seq = response.cseq.seq;
          dialog.advanceLocalSeq(seq);
          context.sendAck(dialog.createAck(seq));
          if (acked) return;
          acked = true;
          refreshTargetFrom(dialog, response, this.#core);
          settle(response);
        },
        onFailure: (response) => {
          dialog.advanceLocalSeq(response.cseq.seq);
          settle(response);
        },
        onNoResponse: () => settle(undefined),
      });
      try {
        client.start();
      } catch {
        settle(undefined);
      }
    });
  }

  async #sendUpdate(sdp: string): Promise<IncomingResponse | undefined> {
    return this.#core.requestResponse('UPDATE', {
      headers: [...this.#core.context.capabilityHeaders(), ...this.#refresh.refreshHeaders()],
      body: sdp,
      contentType: SDP,
    });
  }

  /** Answers the far end's offer (or makes one, for a re-INVITE without SDP) in our 2xx. */
  #answerOffer(
    request: IncomingRequest,
    transaction: ServerTransaction,
    negotiation: Negotiation,
    timer: SessionTimerAnswer,
    ok: SessionResponseOptions,
  ): void {
    const core = this.#core;
    const isInvite = request.method === 'INVITE';
    const hasOffer = request.body !== '';
    this.#remoteOfferPending = true;
    const work = async (): Promise<{ sdp: string; remoteHoldChanged: boolean }> =>
      hasOffer
        ? negotiation.answer(request.body, core.answerHook)
        : { sdp: await negotiation.offer(), remoteHoldChanged: false };
    core.serial(work).then(
      ({ sdp, remoteHoldChanged }) => {
        const response = core.response(request, 200, { ...ok, sdp });
        if (!isInvite) {
          this.#remoteOfferPending = false;
          transaction.respond(response);
          this.#refresh.accepted(timer);
          core.events.emit('update', { request });
          return this.#reportRemoteHold(remoteHoldChanged);
        }
        transaction.respond(response);
        this.#refresh.accepted(timer);
        core.events.emit('reinvite', { request });
        this.#ackWait.start(
          request.cseq.seq,
          transaction as InviteServerTransaction,
          response,
          (ack) => {
            this.#remoteOfferPending = false;
            if (hasOffer) return this.#reportRemoteHold(remoteHoldChanged);
            if (!isSdp(ack)) return;
            core.serial(() => negotiation.accept(ack.body)).catch(() => undefined);
          },
        );
      },
      () => {
        this.#remoteOfferPending = false;
        transaction.respond(core.response(request, 488));
      },
    );
  }

  #reportRemoteHold(changed: boolean): void {
    const negotiation = this.#core.negotiation;
    if (!changed || negotiation === undefined) return;
    this.#core.events.emit(negotiation.remoteHold ? 'hold' : 'unhold', { originator: 'remote' });
  }
}

/**
 * The dialog's remote target from a 2xx to our re-INVITE (RFC 3261 §12.2.1.2). A Contact that
 * cannot be read leaves the target as it was: the answer itself is still the answer, and a
 * malformed header must not leave the offer procedure hanging.
 */
function refreshTargetFrom(dialog: Dialog, response: IncomingResponse, core: CallCore): void {
  try {
    dialog.refreshTarget(response);
  } catch (error) {
    if (!(error instanceof SipParseError)) throw error;
    core.warn(
      DEV
        ? 'session: kept the remote target, the 2xx Contact is malformed'
        : 'session.target-kept-bad-contact',
      error,
    );
  }
}
