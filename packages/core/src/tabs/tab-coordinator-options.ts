import type { PageLifecycle } from '../ua/page-lifecycle.js';
import type { Clock } from '../transport/index.js';
import type { OpenTabChannel, TabLocks } from './tab-transport.js';

/**
 * What a tab is in its group: `owner` runs the UA, a `follower` mirrors it, `pending` has not
 * started (or has stopped) or has not yet learnt which it is.
 *
 * @example coordinator.on('role', ({ role }) => role === 'owner' && ua.start());
 */
export type TabRole = 'pending' | 'owner' | 'follower';

/**
 * How a `TabCoordinator` is set up. Only `group` is required.
 *
 * @example
 * const options: TabCoordinatorOptions = { group: tabGroupOf(configuration), heartbeatInterval: 2000 };
 */
export interface TabCoordinatorOptions {
  /** The group of tabs sharing one phone: `tabGroupOf(configuration)`. */
  readonly group: string;
  /** The lock manager that elects the owner. Default: `navigator.locks`. */
  readonly locks?: TabLocks;
  /** Opens the group's channel. Default: `name => new BroadcastChannel(name)`. */
  readonly openChannel?: OpenTabChannel;
  /** Timers for heartbeats and liveness. Default: the global timers (fake timers work too). */
  readonly clock?: Clock;
  /**
   * Milliseconds between heartbeats. Default 1000. A tab silent for 3 intervals (and one more
   * after a direct ping, so a background tab whose timers the browser throttles but whose
   * messages still run is not taken for gone) is reported gone.
   */
  readonly heartbeatInterval?: number;
  /**
   * Where the tab learns that its page goes away, to say goodbye at once instead of letting the
   * others wait for missed heartbeats. Default: the window's `pagehide`/`pageshow`; `null` for none.
   */
  readonly pageLifecycle?: PageLifecycle | null;
  /** This tab's id in the group. Default: a random token (ids must differ between tabs). */
  readonly tabId?: string;
}

/**
 * A message from another tab of the group.
 *
 * @example
 * coordinator.on('message', ({ from, topic, body }) => {
 *   if (topic === 'action/hangup') hangUp(body, from);
 * });
 */
export interface TabMessage {
  /** The sending tab's id. */
  readonly from: string;
  /** What the message is about, namespaced by its owner: `store/*`, `action/*`, `media/*`, `call/*`. */
  readonly topic: string;
  /** A structured clone of what the sender passed to `send`. */
  readonly body: unknown;
  /** Set when the message was addressed to this tab only. */
  readonly to?: string;
}

/** Why a tab is no longer counted. */
export type TabGoneReason = 'goodbye' | 'silent';

/**
 * What a `TabCoordinator` reports.
 *
 * @example coordinator.on('tabgone', ({ tabId, reason }) => endCallsWithMediaIn(tabId, reason));
 */
export interface TabCoordinatorEvents {
  /** This tab's role changed. */
  role: { readonly role: TabRole };
  /** Another tab sent a message to all tabs or to this one (`tabs/*` topics stay internal). */
  message: TabMessage;
  /** A tab not known before was heard from. */
  tabjoined: { readonly tabId: string };
  /** A tab said goodbye (its page went away or it stopped) or fell silent. */
  tabgone: { readonly tabId: string; readonly reason: TabGoneReason };
  /** The owner this tab knows of changed; undefined while there is none known. */
  ownerchanged: { readonly ownerId: string | undefined };
}

/**
 * What travels on the group's channel: a versioned envelope around every message. `to` set means
 * only that tab handles it (everyone receives it: a BroadcastChannel cannot address).
 */
export interface TabEnvelope {
  readonly v: 1;
  readonly from: string;
  readonly to?: string;
  readonly topic: string;
  readonly body: unknown;
}
