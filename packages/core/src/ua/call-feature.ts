import type { AuthenticatingChannel } from './authenticating-channel.js';
import type { NormalizedConfiguration } from './configuration.js';
import type { LocalIdentity } from './local-identity.js';
import type { RequestFactory } from './request-factory.js';
import type { UAEvents } from './ua-events.js';
import type { UALogger, UAOptions } from './ua-options.js';
import type { IncomingRequest } from '../message/index.js';
import type { NetworkChange } from './network-watch.js';
import type {
  InviteServerTransaction,
  ServerTransaction,
  TransactionLayer,
} from '../transaction/index.js';
import type { TypedEmitter } from '../transport/index.js';

/**
 * What a `UserAgent` lends the call feature: its layers and its event emitter. Only types cross
 * this line, so a `UserAgent` alone never pulls session or media code into a bundle.
 */
export interface UserAgentParts {
  readonly configuration: NormalizedConfiguration;
  readonly options: UAOptions;
  readonly logger: UALogger;
  readonly identity: LocalIdentity;
  readonly factory: RequestFactory;
  readonly channel: AuthenticatingChannel;
  readonly events: TypedEmitter<UAEvents>;
  readonly transactions: () => TransactionLayer;
  /** `SIP/2.0/WS host`, the top Via of the connection in use (no branch). */
  readonly via: () => string;
  /** Sends a serialized message on the connection; false when not connected. */
  readonly send: (message: string) => boolean;
  /** True between `start()` and `stop()`. */
  readonly started: () => boolean;
  /**
   * Asks the open connection for a sign of life (`Transport.probe`, by default with the network
   * probe timeout) and replaces it when none comes. True when it answered; false when it did not
   * or there is no open connection. A probe asked for while one runs joins it.
   */
  readonly probe: (reason: string, timeout?: number) => Promise<boolean>;
  /**
   * The methods this UA handles, for every `Allow` it sends (RFC 3261 §20.5): the core's, the
   * calls', and those of each installed extension. The one place they are listed.
   */
  readonly allowedMethods: () => readonly string[];
}

/**
 * Calls, as the UA core sees them: it hands over what belongs to INVITE dialogs and asks the
 * feature to end them on stop. `UA` plugs in its implementation (sessions, media); `UserAgent`
 * has none and answers INVITEs with 405.
 */
export interface CallFeature {
  /** Methods the UA allows with calls (RFC 3261 §8.2.1 Allow). */
  readonly allowedMethods: readonly string[];
  /** An ACK outside any transaction: the ACK of one of our 2xx (RFC 3261 §13.3.1.4). */
  receiveAck(ack: IncomingRequest): void;
  /** A CANCEL already answered; `invite` is the INVITE transaction it matched, if any. */
  receiveCancel(cancel: IncomingRequest, invite: InviteServerTransaction | undefined): void;
  /** A request inside a dialog; false when no call owns the dialog (then 481). */
  receiveInDialog(request: IncomingRequest, transaction: ServerTransaction): boolean;
  /** An INVITE that starts a call. */
  receiveInvite(invite: IncomingRequest, transaction: InviteServerTransaction): void;
  /** `stop()`: end every call (BYE, CANCEL or a rejection). */
  terminateAll(): void;
  /** The device's network changed: recover every call's media (ICE restart). */
  networkChanged(change: NetworkChange): void;
}

/** Makes the call feature of one UA from its parts. */
export type CallFeatureFactory = (parts: UserAgentParts) => CallFeature;
