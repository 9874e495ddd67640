import type { Dialog } from '../dialog/index.js';
import type { IncomingResponse } from '../message/index.js';
import type { CallCore } from './call-core.js';
import { reliableSequence } from './reliable-provisional.js';
import { SDP } from './sdp-body.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** What to do with a provisional response (RFC 3262 §4). */
export type ProvisionalVerdict =
  /** Not sent reliably: handled as any 1xx. */
  | 'unreliable'
  /** The next reliable one of its early dialog: process it, then `acknowledge` it. */
  | 'in-order'
  /** A retransmission or out of order: not acknowledged, not processed. */
  | 'discard';

/**
 * The UAC's side of reliable provisional responses (RFC 3262 §4): the RSeq last acknowledged in
 * each early dialog (forks number theirs apart, so each To-tag has its own sequence), and the
 * PRACKs that acknowledge them, each in its own early dialog.
 *
 * @example
 * const verdict = pracks.check(response);
 * if (verdict === 'in-order') pracks.acknowledge(response, dialog);
 */
export class PrackSender {
  readonly #core: CallCore;
  /** The RSeq of the last in-order reliable provisional, by To-tag. */
  readonly #lastRSeq = new Map<string, number>();

  constructor(core: CallCore) {
    this.#core = core;
  }

  /**
   * Where `response` stands in its early dialog's sequence. The first reliable one starts it;
   * then only RSeq + 1 is new: the same RSeq is a retransmission (never PRACKed twice), any other
   * is out of order and "MUST NOT be processed further" (§4).
   */
  check(response: IncomingResponse): ProvisionalVerdict {
    const rseq = reliableSequence(response);
    const tag = response.to.tag;
    // A reliable 1xx without a To-tag cannot be acknowledged (a PRACK needs the early dialog).
    if (rseq === undefined || tag === undefined) return 'unreliable';
    const last = this.#lastRSeq.get(tag);
    if (last !== undefined && rseq !== last + 1) return 'discard';
    this.#lastRSeq.set(tag, rseq);
    return 'in-order';
  }

  /**
   * Sends the PRACK of `response` in its early `dialog` (RAck: RSeq, CSeq number and method of
   * the INVITE, §7.2), with `answer` when the provisional carried an offer (§5).
   */
  acknowledge(response: IncomingResponse, dialog: Dialog, answer?: string): void {
    const core = this.#core;
    const rseq = this.#lastRSeq.get(response.to.tag ?? '');
    if (rseq === undefined) return;
    const request = dialog.createRequest('PRACK', {
      headers: [['RAck', `${rseq} ${response.cseq.seq} ${response.cseq.method}`]],
      ...(answer === undefined ? {} : { body: answer, contentType: SDP }),
    });
    void core.context.channel.send(request).then((outcome) => {
      dialog.advanceLocalSeq(outcome.cseq);
      const status = outcome.kind === 'response' ? outcome.response.status : 0;
      if (status < 200 || status >= 300)
        core.warn(
          DEV
            ? `session: PRACK for RSeq ${rseq} got ${status || 'no answer'}`
            : `session.prack-failed ${rseq} ${status}`,
        );
    });
  }

  /** The INVITE got its final response: no more provisionals to acknowledge (§4). */
  clear(): void {
    this.#lastRSeq.clear();
  }
}
