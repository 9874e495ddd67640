import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TabChannelMessage } from '@sipkit/core';
import { createFakeTabEnvironment } from './fake-tab-environment.js';

/** A promise and the function that settles it. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('createFakeTabEnvironment: Web Locks', () => {
  it('grants an exclusive lock in request order and passes it on when the callback settles', async () => {
    const browser = createFakeTabEnvironment();
    const [one, two] = [browser.openTab(), browser.openTab()];
    const order: string[] = [];
    const first = gate();
    const a = one.locks.request('L', async (lock) => {
      order.push(`one got ${lock?.name}`);
      await first.promise;
      return 'a done';
    });
    const b = two.locks.request('L', (lock) => {
      order.push(`two got ${lock?.name}`);
      return 'b done';
    });
    await browser.flush();
    expect(order).toEqual(['one got L']);
    expect(browser.lockHolder('L')).toBe(one);
    expect(browser.lockWaiters('L')).toEqual([two]);

    first.open();
    await expect(a).resolves.toBe('a done');
    await expect(b).resolves.toBe('b done');
    expect(order).toEqual(['one got L', 'two got L']);
    expect(browser.lockHolder('L')).toBeUndefined();
  });

  it('grants the callback as a task, not within request()', async () => {
    const browser = createFakeTabEnvironment();
    const tab = browser.openTab();
    let granted = false;
    const done = tab.locks.request('L', () => {
      granted = true;
    });
    expect(granted).toBe(false);
    await done;
    expect(granted).toBe(true);
  });

  it('releases the lock when the callback rejects, and rejects the request with its error', async () => {
    const browser = createFakeTabEnvironment();
    const tab = browser.openTab();
    const failure = new Error('callback failed');
    await expect(tab.locks.request('L', () => Promise.reject(failure))).rejects.toBe(failure);
    expect(browser.lockHolder('L')).toBeUndefined();
  });

  it('gives an ifAvailable request null while the lock is held, and the lock when free', async () => {
    const browser = createFakeTabEnvironment();
    const [one, two] = [browser.openTab(), browser.openTab()];
    const held = gate();
    void one.locks.request('L', () => held.promise);
    await browser.flush();
    await expect(
      two.locks.request('L', { ifAvailable: true }, (lock) => lock?.name ?? null),
    ).resolves.toBeNull();
    expect(browser.lockWaiters('L')).toEqual([]);

    held.open();
    await browser.flush();
    await expect(
      two.locks.request('L', { ifAvailable: true }, (lock) => lock?.name ?? null),
    ).resolves.toBe('L');
  });

  it('withdraws a queued request when its signal aborts, and leaves a granted one alone', async () => {
    const browser = createFakeTabEnvironment();
    const [one, two, three] = [browser.openTab(), browser.openTab(), browser.openTab()];
    const held = gate();
    const ownerAbort = new AbortController();
    void one.locks.request('L', { signal: ownerAbort.signal }, () => held.promise);
    const waiting = new AbortController();
    const twoCallback = vi.fn();
    const twoRequest = two.locks.request('L', { signal: waiting.signal }, twoCallback);
    const threeRequest = three.locks.request('L', () => 'three');
    await browser.flush();

    waiting.abort();
    await expect(twoRequest).rejects.toMatchObject({ name: 'AbortError' });
    ownerAbort.abort();
    await browser.flush();
    expect(browser.lockHolder('L')).toBe(one);

    held.open();
    await expect(threeRequest).resolves.toBe('three');
    expect(twoCallback).not.toHaveBeenCalled();
  });

  it('rejects an already aborted signal, and signal together with ifAvailable, as a browser does', async () => {
    const browser = createFakeTabEnvironment();
    const tab = browser.openTab();
    await expect(
      tab.locks.request('L', { signal: AbortSignal.abort() }, () => undefined),
    ).rejects.toMatchObject({ name: 'AbortError' });
    await expect(
      tab.locks.request(
        'L',
        { signal: new AbortController().signal, ifAvailable: true },
        () => undefined,
      ),
    ).rejects.toMatchObject({ name: 'NotSupportedError' });
  });

  it('releases the locks of a closed tab and drops its queued requests', async () => {
    const browser = createFakeTabEnvironment();
    const [one, two, three] = [browser.openTab(), browser.openTab(), browser.openTab()];
    void one.locks.request('L', () => new Promise<void>(() => undefined)); // holds forever
    const twoCallback = vi.fn(() => new Promise<void>(() => undefined));
    const twoRequest = two.locks.request('L', twoCallback);
    const threeGot = vi.fn();
    void three.locks.request('L', threeGot);
    await browser.flush();

    browser.closeTab(two);
    browser.closeTab(one);
    await browser.flush();
    expect(twoCallback).not.toHaveBeenCalled();
    await expect(twoRequest).rejects.toMatchObject({ name: 'AbortError' });
    expect(threeGot).toHaveBeenCalledWith({ name: 'L' });
    await expect(one.locks.request('L', () => undefined)).rejects.toMatchObject({
      name: 'InvalidStateError',
    });
    expect(one.closed).toBe(true);
  });
});

describe('createFakeTabEnvironment: BroadcastChannel', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('delivers a clone to every other channel of the name, asynchronously, never to the sender', async () => {
    const browser = createFakeTabEnvironment();
    const [one, two, three] = [browser.openTab(), browser.openTab(), browser.openTab()];
    const sender = one.openChannel('c');
    const heard = { one: vi.fn(), two: vi.fn(), three: vi.fn(), other: vi.fn() };
    sender.addEventListener('message', heard.one);
    two.openChannel('c').addEventListener('message', heard.two);
    three.openChannel('c').addEventListener('message', heard.three);
    three.openChannel('other').addEventListener('message', heard.other);

    const body = { nested: { n: 1 } };
    sender.postMessage(body);
    body.nested.n = 2; // the clone was taken at post time
    expect(heard.two).not.toHaveBeenCalled();
    await browser.flush();

    expect(heard.one).not.toHaveBeenCalled();
    expect(heard.other).not.toHaveBeenCalled();
    expect(heard.two).toHaveBeenCalledWith({ data: { nested: { n: 1 } } });
    const received = (heard.three.mock.calls[0] as [TabChannelMessage])[0].data;
    expect(received).toEqual({ nested: { n: 1 } });
    expect(received).not.toBe(body);
    expect(browser.posted).toEqual([{ tab: 'tab-1', channel: 'c', data: { nested: { n: 1 } } }]);
  });

  it('throws DataCloneError for a body a browser cannot clone', () => {
    const browser = createFakeTabEnvironment();
    const channel = browser.openTab().openChannel('c');
    expect(() => channel.postMessage({ run: () => undefined })).toThrow(
      expect.objectContaining({ name: 'DataCloneError' }),
    );
  });

  it('delivers in post order on zero-delay timers, so fake timers drive it', async () => {
    vi.useFakeTimers();
    const browser = createFakeTabEnvironment();
    const [one, two] = [browser.openTab(), browser.openTab()];
    const sender = one.openChannel('c');
    const received: unknown[] = [];
    two.openChannel('c').addEventListener('message', (event) => received.push(event.data));
    sender.postMessage(1);
    sender.postMessage(2);
    expect(browser.pendingDeliveries).toBe(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(received).toEqual([1, 2]);
  });

  it('delivers nothing to a closed channel, refuses posts on it, and skips channels opened after the post', async () => {
    const browser = createFakeTabEnvironment();
    const [one, two] = [browser.openTab(), browser.openTab()];
    const sender = one.openChannel('c');
    const closing = two.openChannel('c');
    const heardClosing = vi.fn();
    closing.addEventListener('message', heardClosing);
    sender.postMessage('before close');
    closing.close();
    const late = vi.fn();
    two.openChannel('c').addEventListener('message', late);
    await browser.flush();

    expect(heardClosing).not.toHaveBeenCalled();
    expect(late).not.toHaveBeenCalled();
    expect(() => closing.postMessage('x')).toThrow(
      expect.objectContaining({ name: 'InvalidStateError' }),
    );
  });

  it('closes the channels of a closed tab', async () => {
    const browser = createFakeTabEnvironment();
    const [one, two] = [browser.openTab(), browser.openTab()];
    const sender = one.openChannel('c');
    const heard = vi.fn();
    const inClosedTab = two.openChannel('c');
    inClosedTab.addEventListener('message', heard);
    const heardFromClosed = vi.fn();
    sender.addEventListener('message', heardFromClosed);
    browser.closeTab(two);
    sender.postMessage('hello?');
    // A closed tab runs no code in a browser; timers of its code in a test post nothing.
    expect(() => inClosedTab.postMessage('still here?')).not.toThrow();
    two.openChannel('c').postMessage('from a new channel of the closed tab');
    await browser.flush();
    expect(heard).not.toHaveBeenCalled();
    expect(heardFromClosed).not.toHaveBeenCalled();
  });

  it('stops calling a removed listener', async () => {
    const browser = createFakeTabEnvironment();
    const [one, two] = [browser.openTab(), browser.openTab()];
    const receiver = two.openChannel('c');
    const heard = vi.fn();
    receiver.addEventListener('message', heard);
    receiver.removeEventListener('message', heard);
    one.openChannel('c').postMessage('x');
    await browser.flush();
    expect(heard).not.toHaveBeenCalled();
  });
});
