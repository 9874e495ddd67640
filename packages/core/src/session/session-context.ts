import type { Dialog, DialogId, DialogRequestContext } from '../dialog/index.js';
import type { MediaHandlerFactory } from '../media/index.js';
import type { HeaderEntry, OutgoingRequest } from '../message/index.js';
import type { TransactionLayer } from '../transaction/index.js';
import type { Clock, ListenerErrorHandler } from '../transport/index.js';
import type { AuthenticatingChannel } from '../ua/authenticating-channel.js';
import type { NormalizedConfiguration } from '../ua/configuration.js';
import type { LocalIdentity } from '../ua/local-identity.js';
import type { RequestFactory } from '../ua/request-factory.js';
import type { UALogger } from '../ua/ua-options.js';
import type { IceRestartOptions } from './ice-restart-options.js';
import type { CallOptions } from './session-options.js';
import type { Session } from './session.js';

/**
 * What the UA lends each of its sessions: the layers below (transactions, the authenticating
 * channel, request building) and the registry that routes in-dialog requests to the session
 * owning the dialog. Sessions never see the transport or the UA itself.
 */
export interface SessionContext {
  readonly configuration: NormalizedConfiguration;
  readonly identity: LocalIdentity;
  readonly factory: RequestFactory;
  readonly channel: AuthenticatingChannel;
  readonly transactions: () => TransactionLayer;
  readonly clock: Clock;
  readonly logger: UALogger;
  /** Reports a session event listener that threw: one function for every call of the UA. */
  readonly onListenerError: ListenerErrorHandler;
  readonly random: () => number;
  readonly dialogContext: DialogRequestContext;
  readonly createMediaHandler: MediaHandlerFactory;
  /** The UA's media recovery settings (`UAOptions.iceRestart`); a call's own option wins. */
  readonly iceRestart?: IceRestartOptions | false | undefined;
  /** Headers of INVITEs and their 2xx: Allow, Supported (RFC 3261 §13.2.1, §13.3.1.4). */
  readonly capabilityHeaders: () => HeaderEntry[];
  /**
   * Whether an in-dialog request may go out now: `true` while connected; while the connection
   * is being recovered, a promise that resolves true once it is back (and the UA registered
   * again) or false when it did not come back in time (ua/call-recovery.ts). Requests wait on
   * it instead of failing at once, so an outage never loses them silently.
   */
  signallingReady(): true | Promise<boolean>;
  /**
   * Probes the signalling flow because a call's media broke (ua/call-recovery.ts): true when the
   * connection answered, false when it is down or was found dead (a reconnection is under way,
   * then the REGISTER and the target refresh). One probe for all the calls of the UA.
   */
  probeSignalling(reason: string): Promise<boolean>;
  /** Sends an ACK for a 2xx: outside any transaction, with a fresh branch (RFC 3261 §13.2.2.4). */
  sendAck(ack: OutgoingRequest): void;
  /** Routes requests for `dialog` to `session` (RFC 3261 §12.2.2). */
  attach(dialog: Dialog, session: Session): void;
  detach(dialog: Dialog): void;
  /** The session is over: forget it. */
  ended(session: Session): void;
  /** Places a new call (an accepted REFER). */
  call(target: string, options: CallOptions): Session;
  /** The session owning a dialog, for Replaces (RFC 3891). */
  findSession(id: DialogId): Session | undefined;
}
