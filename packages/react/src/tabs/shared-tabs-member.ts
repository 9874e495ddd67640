import { DEV } from '../dev-mode.js';
import {
  browserPageLifecycle,
  newInstanceId,
  type MediaHandlerOptions,
  type PageLifecycle,
  type UAConfiguration,
  type UAOptions,
} from '@sipkit/core';
import type { SipActions } from '../client/sip-actions.js';
import type { TabsMember } from '../client/tabs-mode.js';
import type { TabsHost } from './tabs-host.js';
import { ActionServer } from './action-server.js';
import { ActionForwarder, type ActionRequest, type ActionResult } from './forwarded-actions.js';
import { applySnapshot, sharedStateOf, type StoreSnapshot } from './store-mirror.js';
import type { TabGroup, TabMessage, TabRole } from './tab-group.js';
import { OwnerCalls } from './owner-calls.js';
import type { ServedMedia, SharedTabsOptions } from './tabs-plugins.js';
import type { TabsState } from './tabs-state.js';

/**
 * `SharedTabsOptions` with the defaults filled in (media and handover stay optional: without
 * them calls work, but their media stays in the owner tab and they do not survive it).
 */
export type ResolvedTabsOptions = SharedTabsOptions & {
  readonly [K in 'groupOf' | 'coordinator' | 'available']-?: NonNullable<SharedTabsOptions[K]>;
};

/**
 * One provider's membership of its group of tabs (see `sharedTabs`). The owner runs the UA,
 * publishes the store and the calls' dialog state, and runs the others' actions; a follower
 * mirrors the store, forwards its actions and runs the media of the calls it places or answers.
 *
 * @example const member = new SharedTabsMember(host, options); member.mount();
 */
export class SharedTabsMember implements TabsMember {
  readonly actions: SipActions;
  readonly #host: TabsHost;
  readonly #options: ResolvedTabsOptions;
  readonly #forwarder: ActionForwarder;
  readonly #server: ActionServer;
  readonly #calls: OwnerCalls;
  #group: TabGroup | undefined;
  #role: TabRole | 'single' = 'pending';
  #offs: (() => void)[] = [];
  #mounted = false;
  #work: Promise<void> = Promise.resolve();
  #publishing = false;
  #queued = false;
  #served: ServedMedia | undefined;
  /** The owner's last snapshot (a follower): what a takeover starts from. */
  #last: StoreSnapshot | undefined;
  /** The group's `+sip.instance` (see `StoreSnapshot.instanceId`), learnt or made here. */
  #instanceId: string | undefined;
  /** While an action of another tab runs: the media of the handler made now lives there. */
  #mediaTab: { readonly tabId: string; readonly key: string } | undefined;

  constructor(host: TabsHost, options: ResolvedTabsOptions) {
    this.#host = host;
    this.#options = options;
    this.#server = new ActionServer(
      host.actions,
      () => this.#tabId(),
      (tabId, key, run) => {
        this.#mediaTab = { tabId, key };
        try {
          return run();
        } finally {
          this.#mediaTab = undefined;
        }
      },
    );
    this.#forwarder = new ActionForwarder({
      tabId: () => this.#tabId(),
      logger: host.logger,
      send: (request) => this.#sendRequest(request),
    });
    const forwarded = this.#forwarder.actions();
    const local = host.actions;
    const runsHere = (): boolean => this.#role === 'owner' || this.#role === 'single';
    this.actions = Object.fromEntries(
      (Object.keys(local) as (keyof SipActions)[]).map((method) => {
        const remote = (forwarded as Partial<SipActions>)[method];
        const run = (...args: unknown[]): unknown =>
          (
            (remote === undefined || runsHere() ? local[method] : remote) as (
              ...values: unknown[]
            ) => unknown
          )(...args);
        return [method, run];
      }),
    ) as unknown as SipActions;
    this.#calls = new OwnerCalls({
      host,
      server: this.#server,
      handover: options.handover,
      media: options.media,
      group: () => this.#group,
      changed: () => this.#schedule(),
    });
    // A server render and the first client render say what will come: shared, not decided yet.
    this.#setTabs({ mode: 'shared', role: 'pending', tabId: undefined });
  }

  mount(): void {
    this.#mounted = true;
    // Before the client's first step: no UA until the election says this tab owns the phone.
    if (this.#role === 'pending') this.#host.allowUa(false);
    void this.#reconcile();
  }

  unmount(): Promise<void> {
    this.#mounted = false;
    return this.#reconcile();
  }

  configuration(config: UAConfiguration): UAConfiguration {
    if (this.#role === 'single' || (config.instance_id ?? '') !== '') return config;
    this.#instanceId ??= newInstanceId();
    return { ...config, instance_id: this.#instanceId };
  }

  uaOptions(base: UAOptions): UAOptions {
    const page = base.pageLifecycle === undefined ? browserPageLifecycle() : base.pageLifecycle;
    return {
      ...base,
      mediaHandlerFactory: (media: MediaHandlerOptions) => {
        const remote = this.#mediaTab;
        const group = this.#group;
        if (remote === undefined || group === undefined || this.#options.media === undefined) {
          return this.#host.mediaHandlerFactory(media);
        }
        return this.#options.media.remoteHandler(group, remote.tabId, remote.key);
      },
      // No page (a server, a test): `null`, as the UA reads it.
      pageLifecycle: page === undefined || page === null ? null : this.#lastTabOnly(page),
    };
  }

  /**
   * The page-unload goodbye (BYE, un-REGISTER) only when this is the last tab of the group:
   * otherwise another tab takes the registration and the calls over.
   */
  #lastTabOnly(page: PageLifecycle): PageLifecycle {
    return {
      watch: (listener) => {
        let skipped = false;
        return page.watch((transition) => {
          const others = (this.#group?.tabs().length ?? 1) > 1;
          if (transition.type === 'hide') skipped = others;
          else if (skipped) return;
          if (!skipped) listener(transition);
        });
      },
    };
  }

  #tabId(): string {
    return this.#group?.tabId ?? 'pending';
  }

  #reconcile(): Promise<void> {
    this.#work = this.#work
      .then(() => (this.#mounted ? this.#join() : this.#leave()))
      .catch((error: unknown) =>
        this.#host.logger.error(
          DEV ? 'sipkit/react: tabs step failed' : 'react.tabs-step-failed',
          error,
        ),
      );
    return this.#work;
  }

  #join(): void {
    if (this.#group !== undefined || this.#role === 'single') return;
    const available = this.#options.available();
    if (!available.ok) {
      this.#role = 'single';
      this.#setTabs({ mode: 'single', role: 'owner', reason: available.reason, tabId: undefined });
      this.#host.allowUa(true);
      return;
    }
    const group = this.#options.coordinator(this.#options.groupOf(this.#host.config()));
    this.#group = group;
    this.#offs = [
      group.on('role', ({ role }) => this.#roleChanged(role)),
      group.on('message', (message) => this.#received(message)),
      group.on('ownerchanged', () => {
        if (this.#role !== 'owner') this.#forwarder.ownerChanged();
      }),
      group.on('tabjoined', () => this.#schedule()),
      group.on('tabgone', ({ tabId }) => this.#calls.mediaTabGone(tabId)),
      this.#host.store.subscribe(() => this.#schedule()),
    ];
    this.#calls.start();
    this.#served = this.#options.media?.serve(group, this.#host.mediaHandlerFactory);
    const offStreams = this.#served?.onChange(() => this.#applyLast());
    if (offStreams !== undefined) this.#offs.push(offStreams);
    this.#setTabs({ mode: 'shared', role: 'pending', tabId: group.tabId });
    group.start();
    if (group.role !== 'pending') this.#roleChanged(group.role);
  }

  async #leave(): Promise<void> {
    if (this.#role === 'single') {
      this.#role = 'pending';
      this.#host.allowUa(false);
      return;
    }
    const group = this.#group;
    if (group === undefined) return;
    this.#publishing = false;
    this.#host.allowUa(false);
    // The UA says its goodbyes before the lock goes, so the next owner registers after them.
    await this.#host.settled();
    for (const off of this.#offs.splice(0)) off();
    this.#calls.clear();
    this.#served?.stop();
    this.#served = undefined;
    this.#forwarder.close();
    this.#last = undefined;
    this.#role = 'pending';
    this.#group = undefined;
    await group.stop();
    this.#setTabs({ mode: 'shared', role: 'pending', tabId: undefined });
  }

  #roleChanged(role: TabRole): void {
    const was = this.#role;
    if (role === was || this.#group === undefined) return;
    this.#role = role;
    this.#setTabs({ mode: 'shared', role, tabId: this.#group.tabId });
    if (role !== 'owner') {
      this.#host.allowUa(false);
      return;
    }
    const last = this.#last;
    this.#last = undefined;
    if (last !== undefined) {
      // The store goes back to session ids: the new UA's sessions are known by them.
      applySnapshot(this.#host.store, last, {
        tabId: '',
        streams: (id) => this.#served?.streamsOf(localIdOf(last, id, this.#tabId()) ?? id),
      });
      this.#calls.takeOver(last, this.#served);
    }
    this.#publishing = true;
    this.#host.allowUa(true);
    // Queued actions of this tab now run here.
    this.#forwarder.ownerChanged();
    this.#schedule();
  }

  #received({ from, topic, body }: TabMessage): void {
    if (topic === 'store/state') {
      if (this.#role === 'owner' || from !== this.#group?.ownerId) return;
      this.#last = body as StoreSnapshot;
      this.#instanceId = this.#last.instanceId ?? this.#instanceId;
      this.#applyLast();
    } else if (topic === 'action/request') {
      if (this.#role !== 'owner') return;
      void this.#server
        .run(body as ActionRequest, from)
        .then((result) => this.#send('action/result', result, from));
    } else if (topic === 'action/result') {
      this.#forwarder.settle(body as ActionResult);
    }
  }

  #applyLast(): void {
    const last = this.#last;
    const group = this.#group;
    if (last === undefined || group === undefined || this.#role === 'owner') return;
    applySnapshot(this.#host.store, last, {
      tabId: group.tabId,
      streams: (key) => this.#served?.streamsOf(key),
    });
  }

  #sendRequest(request: ActionRequest): boolean {
    const group = this.#group;
    if (this.#role === 'owner' || this.#role === 'single') {
      void this.#server
        .run(request, this.#tabId())
        .then((result) => this.#forwarder.settle(result));
      return true;
    }
    const owner = group?.ownerId;
    if (group === undefined || owner === undefined || owner === group.tabId) return false;
    this.#send('action/request', request, owner);
    return true;
  }

  /** The owner publishes at most once per microtask, whatever changed (store, dialog state). */
  #schedule(): void {
    if (!this.#publishing || this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      if (!this.#publishing) return;
      const snapshot: StoreSnapshot = {
        state: sharedStateOf(this.#host.store.getState()),
        aliases: this.#server.aliases(),
        dialogs: this.#calls.dialogs(),
        ...(this.#instanceId === undefined ? {} : { instanceId: this.#instanceId }),
      };
      this.#send('store/state', snapshot);
    });
  }

  /** A send that cannot throw out of a microtask (a closed channel: the tab is going away). */
  #send(topic: string, body: unknown, to?: string): void {
    try {
      this.#group?.send(topic, body, to);
    } catch (error) {
      this.#host.logger.warn(
        DEV
          ? `sipkit/react: cannot send ${topic} to the other tabs`
          : `react.tabs-send-failed ${topic}`,
        error,
      );
    }
  }

  #setTabs(tabs: TabsState): void {
    this.#host.store.setState({ tabs });
  }
}

function localIdOf(snapshot: StoreSnapshot, sessionId: string, tabId: string): string | undefined {
  return snapshot.aliases.find((a) => a.sessionId === sessionId && a.tabId === tabId)?.localId;
}
