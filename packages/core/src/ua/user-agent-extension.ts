import type { IncomingRequest } from '../message/index.js';
import type { ServerTransaction } from '../transaction/index.js';
import type { UserAgentParts } from './call-feature.js';

/**
 * What a `UserAgent` lends an extension (subscriptions, publications): the parts the call
 * feature gets, plus whether the connection is up. Only types cross this line, so a UA whose app
 * installs no extension carries none of their code.
 */
export interface ExtensionParts extends UserAgentParts {
  /** True while the transport is connected. */
  readonly isConnected: () => boolean;
}

/**
 * A capability added to a running `UserAgent` after construction (RFC 6665 subscriptions are
 * the first): the methods it makes the UA allow, and the requests, connection changes and stop
 * it takes part in. `UserAgent.extend` installs one; the UA calls it only from these hooks.
 */
export interface UserAgentExtension {
  /** Methods this extension handles; they join the UA's `Allow` (RFC 3261 §20.5). */
  readonly allowedMethods: readonly string[];
  /**
   * A request the UA core and the calls did not take (in a dialog we may own, or outside any):
   * true when this extension answered it.
   */
  receive(request: IncomingRequest, transaction: ServerTransaction): boolean;
  /** The transport connected again after a loss (not the first connection). */
  reconnected(): void;
  /** `ua.stop()` while still connected: end what this extension holds; resolves when done. */
  close(): Promise<void>;
  /** `ua.stop()` finished or the UA can no longer send: drop timers and state at once. */
  discard(): void;
}

/** Makes one extension of a UA from its parts. */
export type UserAgentExtensionFactory<E extends UserAgentExtension> = (parts: ExtensionParts) => E;
