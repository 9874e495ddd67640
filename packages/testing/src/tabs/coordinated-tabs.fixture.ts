import {
  TabCoordinator,
  type TabCoordinatorOptions,
  type TabMessage,
  type TabRole,
} from '@sipkit/core';
import {
  createFakeTabEnvironment,
  type FakeTab,
  type FakeTabEnvironment,
} from './fake-tab-environment.js';

/** Everything a coordinator reported, in order. */
export interface CoordinatorLog {
  readonly roles: TabRole[];
  readonly owners: (string | undefined)[];
  readonly joined: string[];
  readonly gone: string[];
  readonly messages: TabMessage[];
}

/** A fake tab with a coordinator in it. */
export interface CoordinatedTab {
  readonly tab: FakeTab;
  readonly coordinator: TabCoordinator;
  readonly log: CoordinatorLog;
}

export const GROUP = 'g1';
export const LOCK = `sipkit:owner:${GROUP}`;
export const HEARTBEAT = 1000;

/** Records what a coordinator emits. */
export function logOf(coordinator: TabCoordinator): CoordinatorLog {
  const log: CoordinatorLog = { roles: [], owners: [], joined: [], gone: [], messages: [] };
  coordinator.on('role', ({ role }) => log.roles.push(role));
  coordinator.on('ownerchanged', ({ ownerId }) => log.owners.push(ownerId));
  coordinator.on('tabjoined', ({ tabId }) => log.joined.push(tabId));
  coordinator.on('tabgone', ({ tabId, reason }) => log.gone.push(`${tabId}:${reason}`));
  coordinator.on('message', (message) => log.messages.push(message));
  return log;
}

/**
 * A fake browser whose tabs each get a coordinator of one group, with the tab's fake id as its
 * tab id (so `tab-2` is both), its page lifecycle, and the 1 s heartbeat.
 */
export function coordinatedTabs(): {
  readonly browser: FakeTabEnvironment;
  open(options?: Partial<TabCoordinatorOptions>): CoordinatedTab;
  coordinatorIn(tab: FakeTab, options?: Partial<TabCoordinatorOptions>): TabCoordinator;
} {
  const browser = createFakeTabEnvironment();
  const coordinatorIn = (tab: FakeTab, options: Partial<TabCoordinatorOptions> = {}) =>
    new TabCoordinator({
      group: GROUP,
      locks: tab.locks,
      openChannel: tab.openChannel,
      pageLifecycle: tab.page.lifecycle,
      heartbeatInterval: HEARTBEAT,
      tabId: tab.id,
      ...options,
    });
  return {
    browser,
    coordinatorIn,
    open(options) {
      const tab = browser.openTab();
      const coordinator = coordinatorIn(tab, options);
      return { tab, coordinator, log: logOf(coordinator) };
    },
  };
}

/** `[T, T, …]`, `N` long, so a test can destructure the tabs without undefined checks. */
export type TupleOf<T, N extends number, R extends T[] = []> = R['length'] extends N
  ? R
  : TupleOf<T, N, [...R, T]>;

/**
 * `coordinatedTabs()` with `count` tabs opened, every coordinator started and the lock and
 * channel settled: the first tab owns, the others follow. Tests that need a tab opened or
 * started differently still use `open()` on the result.
 *
 * @example
 * const { browser, tabs: [one, two] } = await startedTabs(2);
 * browser.closeTab(one.tab);
 */
export async function startedTabs<N extends number>(
  count: N,
): Promise<ReturnType<typeof coordinatedTabs> & { readonly tabs: TupleOf<CoordinatedTab, N> }> {
  const setup = coordinatedTabs();
  const tabs = Array.from({ length: count }, () => setup.open());
  for (const { coordinator } of tabs) coordinator.start();
  await setup.browser.flush();
  return { ...setup, tabs: tabs as TupleOf<CoordinatedTab, N> };
}

/**
 * Three started tabs whose owner (`tab-1`) then crashed: its tab closed without a goodbye, so the
 * lock passed to `tab-2` while nobody has yet missed tab-1's heartbeats.
 *
 * @example
 * const { tabs: [, two] } = await ownerCrashed();
 * expect(two.coordinator.role).toBe('owner');
 */
export async function ownerCrashed(): ReturnType<typeof startedTabs<3>> {
  const started = await startedTabs(3);
  started.browser.closeTab(started.tabs[0].tab);
  await started.browser.flush();
  return started;
}
