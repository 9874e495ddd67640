import { describe, expect, it } from 'vitest';
import {
  browserNetwork,
  NETWORK_PROBE_TIMEOUT_MS,
  reactToNetwork,
  type NetworkChange,
  type NetworkReactions,
} from './network-watch.js';

/** A window-like scope: an EventTarget with a navigator, optionally with `connection`. */
function fakeWindow(withConnection: boolean) {
  const window = new EventTarget() as EventTarget & { navigator: { connection?: EventTarget } };
  window.navigator = withConnection ? { connection: new EventTarget() } : {};
  return window;
}

describe('browserNetwork', () => {
  it('reports online, offline and navigator.connection changes until stopped', () => {
    const window = fakeWindow(true);
    const network = browserNetwork(window);
    const seen: NetworkChange[] = [];
    const stop = network!.watch((change) => seen.push(change));
    window.dispatchEvent(new Event('offline'));
    window.dispatchEvent(new Event('online'));
    window.navigator.connection!.dispatchEvent(new Event('change'));
    expect(seen).toEqual(['offline', 'online', 'changed']);
    stop();
    window.dispatchEvent(new Event('online'));
    window.navigator.connection!.dispatchEvent(new Event('change'));
    expect(seen).toHaveLength(3);
  });

  it('works without the Network Information API', () => {
    const window = fakeWindow(false);
    const seen: NetworkChange[] = [];
    browserNetwork(window)!.watch((change) => seen.push(change));
    window.dispatchEvent(new Event('online'));
    expect(seen).toEqual(['online']);
  });

  it('is undefined where there is no window (Node, a server render)', () => {
    expect(browserNetwork({})).toBeUndefined();
    expect(browserNetwork(new EventTarget())).toBeUndefined(); // no navigator
    expect(browserNetwork(undefined)).toBeUndefined();
  });
});

function transport(connected: boolean) {
  const calls: string[] = [];
  const reactions: NetworkReactions = {
    isConnected: () => connected,
    probe: (timeout, reason) => void calls.push(`probe ${timeout} ${reason}`),
    reconnect: (reason, blame) => void calls.push(`reconnect ${reason} ${String(blame)}`),
  };
  return { calls, reactions };
}

describe('reactToNetwork', () => {
  it('while connected, any change makes the connection suspect: it is probed', () => {
    for (const change of ['online', 'offline', 'changed'] as const) {
      const { calls, reactions } = transport(true);
      reactToNetwork(change, reactions);
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatch(new RegExp(`^probe ${NETWORK_PROBE_TIMEOUT_MS} network`));
    }
  });

  it('while disconnected, online or changed reconnects at once (the server is not blamed)', () => {
    const online = transport(false);
    reactToNetwork('online', online.reactions);
    expect(online.calls).toEqual(['reconnect network online false']);
    const changed = transport(false);
    reactToNetwork('changed', changed.reactions);
    expect(changed.calls).toEqual(['reconnect network changed false']);
  });

  it('offline while disconnected does nothing: no network to reconnect over', () => {
    const { calls, reactions } = transport(false);
    reactToNetwork('offline', reactions);
    expect(calls).toEqual([]);
  });
});
