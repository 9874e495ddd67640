// Public API of the transaction layer (re-exported from the package root): RFC 3261 §17 client
// and server transactions, INVITE and non-INVITE, for a reliable transport; CANCEL (§9) and the
// RFC 6026 Accepted states.
export {
  BRANCH_COOKIE,
  newBranch,
  newCallId,
  newTag,
  randomId,
  hasBranchCookie,
} from './identifiers.js';
export {
  transactionTimers,
  DEFAULT_T1,
  DEFAULT_T2,
  DEFAULT_T4,
  type TransactionTimerOptions,
  type TransactionTimers,
} from './timers.js';
export type { ClientTransactionUser, ServerTransactionUser } from './transaction-user.js';
export {
  InviteClientTransaction,
  type InviteClientState,
  type CancelOutcome,
} from './invite-client-transaction.js';
export {
  NonInviteClientTransaction,
  type NonInviteClientState,
} from './non-invite-client-transaction.js';
export { InviteServerTransaction, type InviteServerState } from './invite-server-transaction.js';
export {
  NonInviteServerTransaction,
  type NonInviteServerState,
} from './non-invite-server-transaction.js';
export {
  TransactionLayer,
  type TransactionLayerOptions,
  type ClientTransaction,
  type ServerTransaction,
  type Transaction,
} from './transaction-layer.js';
export { withBranch } from './sent-request.js';
