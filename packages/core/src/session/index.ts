// Public API of the session layer (re-exported from the package root): calls.
export { Session } from './session.js';
export type {
  IncomingReferEvent,
  Originator,
  SessionEndEvent,
  SessionEvents,
} from './session-events.js';
export type {
  AnswerOptions,
  EarlyMediaOptions,
  CallOptions,
  DtmfSendOptions,
  HoldOptions,
  ReferOptions,
  SessionEventHandlers,
  TerminateOptions,
} from './session-options.js';
export {
  canTransition,
  isEstablished,
  isPreAnswer,
  type SessionDirection,
  type SessionStatus,
} from './session-status.js';
export type {
  CallConnectionEvent,
  CallConnectionState,
  ConnectionPath,
} from './call-connection.js';
export {
  DEFAULT_ICE_RESTART,
  type IceRestartOptions,
  type IceRestartSettings,
} from './ice-restart-options.js';
export { NegotiationError } from './negotiation.js';
export type { TargetRefreshOutcome } from './target-refresh.js';
export { glareRetryDelay } from './glare-delay.js';
export {
  dtmfRelayBody,
  parseDtmfRelay,
  DTMF_RELAY_CONTENT_TYPE,
  type DtmfRelayTone,
} from './dtmf-relay.js';
export { parseSipfrag, sipfragBody, type ReferProgress } from './sipfrag.js';
export { pickup, pickupInvite, type PickupDialog, type PickupOptions } from './pickup.js';
export {
  DEFAULT_SESSION_EXPIRES,
  MIN_SESSION_EXPIRES,
  type Refresher,
  type SessionTimerAgreement,
  type SessionTimerSettings,
} from './session-timer-negotiation.js';
