import { afterEach, describe, expect, it } from 'vitest';
import { TabCoordinator } from './tab-coordinator.js';
import type { TabCoordinatorEvents } from './tab-coordinator-options.js';
import type { TabLockCallback, TabLockOptions, TabLocks } from './tab-transport.js';

/**
 * Locks for one tab that always or never get the lock at once: enough to place two coordinators
 * in their roles here. The full lock semantics and races are tested over @sipkit/testing's fake
 * browser (packages/testing/src/tabs/), which core cannot import.
 */
function locksThat(grant: boolean): TabLocks {
  return {
    request<T>(
      name: string,
      optionsOrCallback: TabLockOptions | TabLockCallback<T>,
      maybeCallback?: TabLockCallback<T>,
    ): Promise<Awaited<T>> {
      const options = typeof optionsOrCallback === 'function' ? {} : optionsOrCallback;
      const callback = (
        typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback
      ) as TabLockCallback<T>;
      if (grant) return Promise.resolve(callback({ name })) as Promise<Awaited<T>>;
      if (options.ifAvailable === true)
        return Promise.resolve(callback(null)) as Promise<Awaited<T>>;
      // Waits until aborted, like a request queued behind a live owner.
      return new Promise((_, reject) => {
        options.signal?.addEventListener('abort', () => reject(options.signal?.reason), {
          once: true,
        });
      });
    },
  } as TabLocks;
}

function next<K extends keyof TabCoordinatorEvents>(
  coordinator: TabCoordinator,
  event: K,
  accept: (payload: TabCoordinatorEvents[K]) => boolean = () => true,
): Promise<TabCoordinatorEvents[K]> {
  return new Promise((resolve) => {
    const off = coordinator.on(event, (payload) => {
      if (!accept(payload)) return;
      off();
      resolve(payload);
    });
  });
}

const started: TabCoordinator[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((coordinator) => coordinator.stop()));
});

function coordinator(tabId: string, owns: boolean): TabCoordinator {
  const made = new TabCoordinator({
    group: 'node-broadcast',
    tabId,
    locks: locksThat(owns),
    // The platform's BroadcastChannel (Node has one), as a browser would give it.
    openChannel: (name) => new BroadcastChannel(name),
    pageLifecycle: null,
    // No heartbeat during the test: only the hello exchange and the messages.
    heartbeatInterval: 3_600_000,
  });
  started.push(made);
  return made;
}

describe('TabCoordinator over the platform BroadcastChannel', () => {
  it('elects, exchanges hello and carries broadcast and addressed messages', async () => {
    const owner = coordinator('owner-tab', true);
    const follower = coordinator('follower-tab', false);
    const ownerKnown = next(follower, 'ownerchanged', ({ ownerId }) => ownerId === 'owner-tab');
    owner.start();
    await next(owner, 'role');
    follower.start();
    await next(follower, 'role');
    await ownerKnown;
    expect([owner.role, follower.role]).toEqual(['owner', 'follower']);

    const broadcast = next(follower, 'message');
    owner.send('store/patch', { calls: [{ id: 'c1' }] });
    expect(await broadcast).toEqual({
      from: 'owner-tab',
      topic: 'store/patch',
      body: { calls: [{ id: 'c1' }] },
    });

    const addressed = next(owner, 'message');
    follower.send('action/answer', { id: 'c1' }, 'owner-tab');
    expect(await addressed).toEqual({
      from: 'follower-tab',
      to: 'owner-tab',
      topic: 'action/answer',
      body: { id: 'c1' },
    });
    expect(owner.tabs()).toEqual(['owner-tab', 'follower-tab']);
  });
});
