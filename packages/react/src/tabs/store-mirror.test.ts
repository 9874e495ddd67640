import { describe, expect, it } from 'vitest';
import type { CallState } from '../store/call-state.js';
import { createSipStore } from '../store/create-sip-store.js';
import { initialSipState } from '../store/sip-state.js';
import { callState } from '../testing/call-state.js';
import { applySnapshot, sharedStateOf, type StoreSnapshot } from './store-mirror.js';

function call(id: string, status: CallState['status'] = 'confirmed'): CallState {
  return callState(id, { status });
}

function snapshot(calls: CallState[], aliases: StoreSnapshot['aliases'] = []): StoreSnapshot {
  const state = {
    ...initialSipState(),
    calls: Object.fromEntries(calls.map((c) => [c.id, c])),
    callOrder: calls.map((c) => c.id),
    currentCallId: calls[0]?.id,
  };
  return { state: sharedStateOf(state), aliases, dialogs: {} };
}

const view = { tabId: 't2', streams: () => undefined };

describe('store mirroring', () => {
  it("leaves out the tab's own devices and tabs, and every stream", () => {
    const stream = {} as MediaStream;
    const shared = sharedStateOf({
      ...initialSipState(),
      calls: { a: { ...call('a'), remoteStream: stream } },
      tabs: { mode: 'shared', role: 'owner', tabId: 't1' },
    });
    expect('devices' in shared).toBe(false);
    expect('tabs' in shared).toBe(false);
    expect(shared.calls['a']?.remoteStream).toBeUndefined();
  });

  it('keeps the references of everything a new snapshot did not change', () => {
    const store = createSipStore();
    applySnapshot(store, snapshot([call('a'), call('b')]), view);
    const first = store.getState();
    applySnapshot(store, snapshot([call('a'), call('b')]), view);
    expect(store.getState()).toBe(first);
    applySnapshot(
      store,
      snapshot([call('a'), { ...call('b'), hold: { local: true, remote: false } }]),
      view,
    );
    const next = store.getState();
    expect(next).not.toBe(first);
    expect(next.calls['a']).toBe(first.calls['a']);
    expect(next.calls['b']?.muted).toBe(first.calls['b']?.muted);
    expect(next.calls['b']?.hold).toEqual({ local: true, remote: false });
  });

  it("keeps the follower's devices and shows its own calls under the ids its call() returned", () => {
    const store = createSipStore();
    store.setState({ devices: { ...initialSipState().devices, microphone: 'usb' } });
    const stream = {} as MediaStream;
    applySnapshot(
      store,
      snapshot([call('session-1')], [{ localId: 't2:1', sessionId: 'session-1', tabId: 't2' }]),
      {
        tabId: 't2',
        streams: (key) => (key === 't2:1' ? { local: undefined, remote: stream } : undefined),
      },
    );
    const state = store.getState();
    expect(state.devices.microphone).toBe('usb');
    expect(Object.keys(state.calls)).toEqual(['t2:1']);
    expect(state.calls['t2:1']?.id).toBe('t2:1');
    expect(state.calls['t2:1']?.remoteStream).toBe(stream);
    expect(state.callOrder).toEqual(['t2:1']);
    expect(state.currentCallId).toBe('t2:1');
  });
});
