import type { IncomingRequest } from '../message/index.js';
import type { InviteServerTransaction, ServerTransaction } from '../transaction/index.js';
import { Causes } from '../ua/causes.js';
import type { CallCore } from './call-core.js';
import type { IncomingInvite } from './incoming-invite.js';
import type { InfoExchange } from './info-exchange.js';
import type { OfferExchange } from './offer-exchange.js';
import type { ReferHandler } from './refer-handler.js';
import { isEstablished } from './session-status.js';

/** The parts of a call that answer requests of their own. */
export interface InDialogHandlers {
  readonly offers: OfferExchange;
  readonly info: InfoExchange;
  readonly refer: () => ReferHandler;
  /** The unanswered INVITE of an incoming call, if any. */
  readonly incoming: IncomingInvite | undefined;
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
  if (dialog === undefined) return void transaction.respond(core.response(request, 481));
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
    case 'UPDATE':
      return handlers.offers.receive(request, transaction);
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
