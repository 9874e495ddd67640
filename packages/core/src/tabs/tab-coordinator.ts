import { DEV } from '../diagnostics/dev-mode.js';
import { systemClock, TypedEmitter, type Clock, type Listener } from '../transport/index.js';
import { browserPageLifecycle, type PageLifecycle } from '../ua/page-lifecycle.js';
import { randomToken } from '../ua/random-token.js';
import type {
  TabCoordinatorEvents,
  TabCoordinatorOptions,
  TabEnvelope,
  TabGoneReason,
  TabRole,
} from './tab-coordinator-options.js';
import { TabCoordinatorError } from './tab-coordinator-error.js';
import { COORDINATOR_TOPIC_PREFIX, isTabEnvelope, termOf, TabTopics } from './tab-envelope.js';
import { TabLiveness } from './tab-liveness.js';
import {
  browserOpenTabChannel,
  browserTabLocks,
  type OpenTabChannel,
  type TabChannel,
  type TabChannelListener,
  type TabLocks,
} from './tab-transport.js';

const DEFAULT_HEARTBEAT_INTERVAL = 1000;

/** One start()…stop() of a coordinator: what it opened, and how to let go of the lock. */
interface TabRun {
  readonly channel: TabChannel;
  readonly listener: TabChannelListener;
  readonly liveness: TabLiveness;
  /** Withdraws the queued lock request. */
  readonly abort: AbortController;
  /** Settles the held lock's callback, which releases the lock. */
  release: () => void;
  readonly released: Promise<void>;
  /** Settles once no lock request of this run is pending or held. */
  lockDone: Promise<void>;
  unwatchPage: () => void;
  stopped: boolean;
}

/**
 * Coordinates the tabs of one group (see `tabGroupOf`): elects the one tab that runs the UA, with
 * the Web Locks API (the owner holds the group's lock until it stops or its tab closes or
 * crashes; the others queue on it, so the browser hands it to the next one at once), knows which
 * tabs are alive (hello, heartbeats, goodbye on `pagehide`), and carries messages between them,
 * to all or to one tab, over the group's `BroadcastChannel`. Framework-free: the React provider
 * builds store mirroring, action forwarding and the media proxy on top.
 *
 * @example
 * const tabs = new TabCoordinator({ group: tabGroupOf(configuration) });
 * tabs.on('role', ({ role }) => (role === 'owner' ? startUa() : followOwner()));
 * tabs.on('message', ({ from, topic, body }) => handle(from, topic, body));
 * tabs.start();
 * tabs.send('store/snapshot', snapshot, newTabId);
 * await tabs.stop(); // goodbye; the lock is released once this settles
 */
export class TabCoordinator {
  /** This tab's id in the group. */
  readonly tabId: string;
  /** The group this coordinator joins. */
  readonly group: string;
  readonly #locks: TabLocks;
  readonly #openChannel: OpenTabChannel;
  readonly #clock: Clock;
  readonly #interval: number;
  readonly #page: PageLifecycle | undefined;
  // A listener that throws must not cost the tab its lock or stop the message it was told about:
  // its error is rethrown on its own, where the page reports it as uncaught.
  readonly #events = new TypedEmitter<TabCoordinatorEvents>((error) =>
    queueMicrotask(() => {
      throw error;
    }),
  );
  #role: TabRole = 'pending';
  #ownerId: string | undefined;
  /** The highest ownership term heard of (see `PresenceBody.term`). */
  #term = 0;
  #run: TabRun | undefined;
  /** The previous run's lock release, which a restart waits for. */
  #stopped: Promise<void> = Promise.resolve();

  constructor(options: TabCoordinatorOptions) {
    if (typeof options.group !== 'string' || options.group === '') {
      throw new TabCoordinatorError(
        'group',
        DEV ? 'group must be a non-empty string: use tabGroupOf(configuration)' : 'tabs.group',
      );
    }
    const interval = options.heartbeatInterval ?? DEFAULT_HEARTBEAT_INTERVAL;
    if (!Number.isFinite(interval) || interval <= 0) {
      throw new TabCoordinatorError(
        'heartbeatInterval',
        DEV
          ? `heartbeatInterval must be a positive number of milliseconds (got ${String(interval)})`
          : `tabs.heartbeat-interval ${String(interval)}`,
      );
    }
    const locks = options.locks ?? browserTabLocks();
    if (locks === undefined) {
      throw new TabCoordinatorError(
        'locks',
        DEV
          ? 'This page has no Web Locks API (navigator.locks): check sharedTabsAvailable() before ' +
              'sharing tabs, or pass a lock manager as `locks`'
          : 'tabs.no-web-locks',
      );
    }
    const openChannel = options.openChannel ?? browserOpenTabChannel();
    if (openChannel === undefined) {
      throw new TabCoordinatorError(
        'openChannel',
        DEV
          ? 'This page has no BroadcastChannel: check sharedTabsAvailable() before sharing tabs, ' +
              'or pass `openChannel`'
          : 'tabs.no-broadcast-channel',
      );
    }
    this.group = options.group;
    this.tabId = options.tabId ?? randomToken(12);
    this.#locks = locks;
    this.#openChannel = openChannel;
    this.#clock = options.clock ?? systemClock;
    this.#interval = interval;
    this.#page =
      options.pageLifecycle === null
        ? undefined
        : (options.pageLifecycle ?? browserPageLifecycle());
  }

  /** This tab's role: `pending` until it knows, and after `stop()`. */
  get role(): TabRole {
    return this.#role;
  }

  /** The owner's tab id as far as this tab knows (this tab's id when it owns). */
  get ownerId(): string | undefined {
    return this.#ownerId;
  }

  /** True between `start()` and `stop()`. */
  get started(): boolean {
    return this.#run !== undefined;
  }

  /** The lock that elects the owner. */
  get lockName(): string {
    return `sipkit:owner:${this.group}`;
  }

  /** The channel the group talks on. */
  get channelName(): string {
    return `sipkit:tabs:${this.group}`;
  }

  /** Adds a listener; returns the function that removes it. */
  on<K extends keyof TabCoordinatorEvents>(
    event: K,
    listener: Listener<TabCoordinatorEvents[K]>,
  ): () => void {
    return this.#events.on(event, listener);
  }

  /** Removes a listener added with `on`. */
  off<K extends keyof TabCoordinatorEvents>(
    event: K,
    listener: Listener<TabCoordinatorEvents[K]>,
  ): void {
    this.#events.off(event, listener);
  }

  /**
   * Joins the group: says hello, starts heartbeats, and asks for the lock. Takes it at once if it
   * is free (role `owner`), or becomes a `follower` and queues for it. Does nothing when started.
   * After a `stop()` it waits for that stop's lock release first, so a quick stop/start (React
   * StrictMode) never holds the lock twice nor races itself for it.
   */
  start(): void {
    if (this.#run !== undefined) return;
    const channel = this.#openChannel(this.channelName);
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const run: TabRun = {
      channel,
      listener: (event) => this.#receive(run, event.data),
      liveness: new TabLiveness(this.#clock, this.#interval, {
        beat: () => this.#post(run, TabTopics.heartbeat, this.#presence()),
        ping: (tabId) => this.#post(run, TabTopics.ping, {}, tabId),
        gone: (tabId, reason) => this.#gone(tabId, reason),
      }),
      abort: new AbortController(),
      release,
      released,
      lockDone: Promise.resolve(),
      unwatchPage: () => undefined,
      stopped: false,
    };
    this.#run = run;
    channel.addEventListener('message', run.listener);
    run.liveness.start();
    run.unwatchPage =
      this.#page?.watch((transition) => {
        if (transition.type === 'hide') this.#post(run, TabTopics.goodbye, {});
        else if (transition.persisted) this.#post(run, TabTopics.hello, this.#presence());
      }) ?? (() => undefined);
    this.#post(run, TabTopics.hello, this.#presence());
    run.lockDone = this.#stopped.then(() => this.#elect(run));
  }

  /**
   * Leaves the group: says goodbye, stops heartbeats, withdraws a queued lock request, releases a
   * held lock, closes the channel. Emits nothing more. The promise settles once the lock is
   * released (or the request withdrawn): await it before another coordinator of this tab starts.
   */
  stop(): Promise<void> {
    const run = this.#run;
    if (run === undefined) return this.#stopped;
    this.#run = undefined;
    run.stopped = true;
    this.#post(run, TabTopics.goodbye, {});
    run.unwatchPage();
    run.liveness.stop();
    run.channel.removeEventListener('message', run.listener);
    run.channel.close();
    run.abort.abort();
    run.release();
    this.#role = 'pending';
    this.#ownerId = undefined;
    this.#stopped = run.lockDone;
    return run.lockDone;
  }

  /**
   * Sends a message to every other tab of the group, or only to the tab `to`. The body must be
   * plain data (it is structured-cloned: no functions, class instances or streams). Returns false
   * when the coordinator is not started (nothing is sent).
   *
   * @throws TabCoordinatorError for a `tabs/` topic (the coordinator's own) or a body the browser
   *   cannot clone.
   */
  send(topic: string, body: unknown, to?: string): boolean {
    if (topic.startsWith(COORDINATOR_TOPIC_PREFIX)) {
      throw new TabCoordinatorError(
        'topic',
        DEV
          ? `Topic "${topic}" is reserved for the tab coordinator: use your own namespace, e.g. "store/…"`
          : `tabs.reserved-topic ${topic}`,
      );
    }
    const run = this.#run;
    if (run === undefined) return false;
    try {
      this.#post(run, topic, body, to);
    } catch (error) {
      throw new TabCoordinatorError(
        'body',
        DEV
          ? `The body of "${topic}" cannot be copied to another tab (${(error as Error).name}: ` +
              `${(error as Error).message}); send plain data, without functions, class instances or streams`
          : `tabs.body-not-cloneable ${topic} ${(error as Error).name}`,
        { cause: error },
      );
    }
    return true;
  }

  /** The live tabs of the group: this one first, then the others in the order they were heard. */
  tabs(): readonly string[] {
    const run = this.#run;
    return run === undefined ? [] : [this.tabId, ...run.liveness.tabs];
  }

  async #elect(run: TabRun): Promise<void> {
    if (run.stopped) return;
    let queued: Promise<void> | undefined;
    // First ask without waiting, so a tab that does not get the lock knows at once it follows.
    // (A request with a signal cannot be ifAvailable, hence two requests.)
    await this.#locks
      .request(this.lockName, { ifAvailable: true }, (lock) => {
        if (lock !== null) return this.#own(run);
        if (run.stopped) return undefined;
        this.#setRole('follower');
        queued = this.#locks
          .request(this.lockName, { signal: run.abort.signal }, () => this.#own(run))
          .then(() => undefined);
        return undefined;
      })
      .catch(() => undefined);
    // Aborted by stop(), or refused: either way nothing of this run holds the lock any more.
    await queued?.catch(() => undefined);
  }

  /** The lock is ours: hold it until this run stops (or the tab goes). */
  #own(run: TabRun): Promise<void> {
    if (run.stopped) return Promise.resolve();
    // The lock passed on without the owner's goodbye: it crashed, or was killed in the
    // background. Ask it at once instead of waiting for three missed heartbeats.
    const previous = this.#ownerId;
    if (previous !== undefined && previous !== this.tabId) run.liveness.suspect(previous);
    this.#term += 1;
    this.#setRole('owner');
    this.#setOwner(this.tabId);
    this.#post(run, TabTopics.heartbeat, this.#presence());
    return run.released;
  }

  #presence(): { term?: number } {
    return this.#role === 'owner' ? { term: this.#term } : {};
  }

  #post(run: TabRun, topic: string, body: unknown, to?: string): void {
    if (run.stopped && topic !== TabTopics.goodbye) return;
    const envelope: TabEnvelope =
      to === undefined
        ? { v: 1, from: this.tabId, topic, body }
        : { v: 1, from: this.tabId, to, topic, body };
    run.channel.postMessage(envelope);
  }

  #receive(run: TabRun, data: unknown): void {
    if (run.stopped || !isTabEnvelope(data) || data.from === this.tabId) return;
    const { from, to, topic, body } = data;
    if (topic === TabTopics.goodbye) {
      if (run.liveness.forget(from)) this.#gone(from, 'goodbye');
      return;
    }
    // Any message is a sign of life, even one addressed to another tab.
    if (run.liveness.heard(from)) this.#events.emit('tabjoined', { tabId: from });
    if (run.stopped) return; // a listener stopped us
    if (to !== undefined && to !== this.tabId) return;
    switch (topic) {
      case TabTopics.hello:
        this.#post(run, TabTopics.heartbeat, this.#presence(), from);
        this.#heardOwner(from, termOf(body));
        return;
      case TabTopics.heartbeat:
        this.#heardOwner(from, termOf(body));
        return;
      case TabTopics.ping:
        this.#post(run, TabTopics.heartbeat, this.#presence(), from);
        return;
      default:
        if (topic.startsWith(COORDINATOR_TOPIC_PREFIX)) return; // a newer coordinator's topic
        this.#events.emit(
          'message',
          to === undefined ? { from, topic, body } : { from, to, topic, body },
        );
    }
  }

  #heardOwner(tabId: string, term: number | undefined): void {
    // The lock is the truth for the owner itself; a lower term is an old owner's late message.
    if (term === undefined || this.#role === 'owner' || term < this.#term) return;
    this.#term = term;
    this.#setOwner(tabId);
  }

  #gone(tabId: string, reason: TabGoneReason): void {
    this.#events.emit('tabgone', { tabId, reason });
    // Followers learn the owner is gone here first; the next owner learns it from the lock.
    if (tabId === this.#ownerId && this.#run !== undefined) this.#setOwner(undefined);
  }

  #setRole(role: TabRole): void {
    if (role === this.#role) return;
    this.#role = role;
    this.#events.emit('role', { role });
  }

  #setOwner(ownerId: string | undefined): void {
    if (ownerId === this.#ownerId) return;
    this.#ownerId = ownerId;
    this.#events.emit('ownerchanged', { ownerId });
  }
}
