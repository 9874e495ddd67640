import type { HeaderEntry, IncomingRequest } from '../message/index.js';
import type { ServerTransaction } from '../transaction/index.js';
import type { Clock } from '../transport/index.js';
import type { ConnectionWait } from '../ua/connection-wait.js';
import type { ExtensionParts } from '../ua/user-agent-extension.js';
import type { SubscriptionDialogContext } from './subscription-dialog.js';

/**
 * What subscribers and notifiers share inside one UA: its parts, the dialog context, the clock,
 * and the registry that routes NOTIFYs and SUBSCRIBE refreshes to them (`SubscriptionFeature`).
 */
export interface SubscriptionHost {
  readonly parts: ExtensionParts;
  readonly clock: Clock;
  readonly dialogContext: SubscriptionDialogContext;
  /** Initial SUBSCRIBEs made before the first connection wait on it. */
  readonly connection: ConnectionWait;
  /** Routes requests of this subscription to `owner` until `untrack`. */
  track(owner: SubscriptionOwner): void;
  untrack(owner: SubscriptionOwner): void;
  /** Answers a request with this UA's response headers; `toTag` when it must be ours. */
  respond(
    transaction: ServerTransaction,
    request: IncomingRequest,
    status: number,
    options?: {
      readonly reason?: string;
      readonly headers?: readonly HeaderEntry[];
      readonly toTag?: string;
    },
  ): void;
}

/** A subscriber or notifier, as the registry sees it. */
export interface SubscriptionOwner {
  /** True when this request belongs to it (NOTIFY to a subscriber, SUBSCRIBE to a notifier). */
  owns(request: IncomingRequest): boolean;
  receive(request: IncomingRequest, transaction: ServerTransaction): void;
  /** The transport came back: refresh what this side keeps alive. */
  reconnected(): void;
  /** `ua.stop()`: end the subscription on the wire; resolves when it ended. */
  close(): Promise<void>;
  /** Drop timers and state at once, the UA is gone. */
  discard(): void;
}
