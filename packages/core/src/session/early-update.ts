import type { Dialog } from '../dialog/index.js';
import type { IncomingRequest } from '../message/index.js';
import type { ServerTransaction } from '../transaction/index.js';
import type { CallCore } from './call-core.js';
import { isSdp, SDP } from './sdp-body.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * A new offer in an early dialog by UPDATE (RFC 3311 §5), before the INVITE's final response:
 * sent by either side, and received by the caller (the callee's arrive through OfferExchange).
 * Only once the INVITE's offer/answer is complete, which before the 2xx means it went through a
 * reliable 18x (RFC 3262 §5); one offer at a time (491 for crossing offers, §5.2).
 */
export class EarlyUpdate {
  readonly #core: CallCore;
  #pending = false;

  constructor(core: CallCore) {
    this.#core = core;
  }

  /** True while an early UPDATE of ours waits for its answer. */
  get pending(): boolean {
    return this.#pending;
  }

  /** Sends our new offer in `dialog`; resolves true once its answer is applied. */
  async send(dialog: Dialog): Promise<boolean> {
    const core = this.#core;
    const negotiation = core.negotiation;
    if (negotiation === undefined || this.#pending) return false;
    this.#pending = true;
    try {
      const sdp = await core.serial(() => negotiation.offer());
      const request = dialog.createRequest('UPDATE', {
        headers: core.context.capabilityHeaders(),
        body: sdp,
        contentType: SDP,
      });
      const outcome = await core.context.channel.send(request);
      dialog.advanceLocalSeq(outcome.cseq);
      const response = outcome.kind === 'response' ? outcome.response : undefined;
      if (response !== undefined && response.status < 300 && isSdp(response)) {
        await core.serial(() => negotiation.accept(response.body));
        return true;
      }
      await core.serial(() => negotiation.rollback());
      return false;
    } catch (error) {
      core.warn(DEV ? 'session: early UPDATE failed' : 'session.early-update-failed', error);
      return false;
    } finally {
      this.#pending = false;
    }
  }

  /** The far end's UPDATE in `dialog`, the offer/answer of the INVITE being complete. */
  receive(dialog: Dialog, request: IncomingRequest, transaction: ServerTransaction): void {
    const core = this.#core;
    const negotiation = core.negotiation;
    if (this.#pending && request.body !== '')
      return void transaction.respond(core.response(request, 491));
    dialog.refreshTarget(request);
    const ok = { headers: core.context.capabilityHeaders(), dialog: true };
    if (request.body === '' || negotiation === undefined) {
      transaction.respond(core.response(request, 200, ok));
      return core.events.emit('update', { request });
    }
    core
      .serial(() => negotiation.answer(request.body))
      .then(
        ({ sdp }) => {
          transaction.respond(core.response(request, 200, { ...ok, sdp }));
          core.events.emit('update', { request });
        },
        () => transaction.respond(core.response(request, 488)),
      );
  }
}
