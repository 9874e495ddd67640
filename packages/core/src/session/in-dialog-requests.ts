import type { IncomingRequest } from '../message/index.js';
import type { InviteServerTransaction, ServerTransaction } from '../transaction/index.js';
import { Causes } from '../ua/causes.js';
import type { CallCore } from './call-core.js';
import type { IncomingInvite } from './incoming-invite.js';
import type { InfoExchange } from './info-exchange.js';
import type { OfferExchange } from './offer-exchange.js';
import type { OutgoingInvite } from './outgoing-invite.js';
import type { ReferHandler } from './refer-handler.js';
import { isEstablished } from './session-status.js';

/** The parts of a call that answer requests of their own. */
export interface InDialogHandlers {
  readonly offers: OfferExchange;
  readonly info: InfoExchange;
  readonly refer: () => ReferHandler;
  /** The INVITE of an outgoing call, if any (its early dialogs). */
  readonly outgoing: OutgoingInvite | undefined;
  /** The unanswered INVITE of an incoming call, if any. */
  readonly incoming: IncomingInvite | undefined;
  /** Why an UPDATE offer in the early dialog must wait (RFC 3311 §5.2); undefined: it may go on. */
  readonly earlyUpdateRefusal: () => EarlyUpdateRefusal | undefined;
}

/** The status (and whether Retry-After goes with it) refusing an early UPDATE offer. */
export interface EarlyUpdateRefusal {
  readonly status: number;
  readonly retryAfter: boolean;
}

/**
 * A request inside the call's dialog, routed by method: BYE ends the call, re-INVITE and UPDATE
 * are offers, INFO, REFER and NOTIFY go to their handlers, OPTIONS gets our capabilities and
 * anything else 405. No dialog is 481, an out-of-order CSeq 500 (RFC 3261 §12.2.2).
 */
export function receiveInDialogRequest(
  core: CallCore,
  handlers: InDialogHandlers,
  request: IncomingRequest,
  transaction: ServerTransaction,
): void {
  const dialog = core.dialog;
  if (dialog === undefined) {
    // An outgoing call before its 2xx: the callee's UPDATE in an early dialog (RFC 3311).
    if (handlers.outgoing?.receiveEarly(request, transaction) === true) return;
    return void transaction.respond(core.response(request, 481));
  }
  if (!dialog.acceptRemoteSeq(request))
    return void transaction.respond(core.response(request, 500));
  switch (request.method) {
    case 'BYE':
      transaction.respond(core.response(request, 200));
      // RFC 3261 §15.1.2: a BYE on the early dialog also gets the INVITE its 487.
      if (core.status === 'ringing') handlers.incoming?.terminatedByBye();
      return core.finish(
        isEstablished(core.status) ? 'ended' : 'failed',
        'remote',
        Causes.BYE,
        request,
      );
    case 'INVITE':
      return handlers.offers.receive(request, transaction as InviteServerTransaction);
    case 'UPDATE': {
      // RFC 3311 §5.2: an offer in the early dialog only once the INVITE's offer/answer is done.
      const refusal = request.body === '' ? undefined : handlers.earlyUpdateRefusal();
      if (refusal !== undefined) {
        const headers: [string, string][] = refusal.retryAfter ? [['Retry-After', '1']] : [];
        return void transaction.respond(core.response(request, refusal.status, { headers }));
      }
      return handlers.offers.receive(request, transaction);
    }
    case 'PRACK':
      // RFC 3262 §3: only an incoming call's unanswered INVITE has reliable 18x to acknowledge.
      if (handlers.incoming !== undefined && core.status === 'ringing')
        return handlers.incoming.receivePrack(request, transaction);
      return void transaction.respond(core.response(request, 481));
    case 'INFO':
      return handlers.info.receive(request, transaction);
    case 'REFER':
      return handlers.refer().receiveRefer(request, transaction);
    case 'NOTIFY':
      return handlers.refer().receiveNotify(request, transaction);
    case 'OPTIONS':
      return void transaction.respond(
        core.response(request, 200, { headers: core.context.capabilityHeaders() }),
      );
    default:
      return void transaction.respond(
        core.response(request, 405, { headers: core.context.capabilityHeaders() }),
      );
  }
}
