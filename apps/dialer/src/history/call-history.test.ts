import type { CallState } from '@sipkit/react';
import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../testing/memory-storage.js';
import {
  addToHistory,
  canCallBack,
  MAX_HISTORY_NAME,
  MAX_HISTORY_URI,
  historyEntry,
  historyKey,
  loadHistory,
  MAX_HISTORY,
  saveHistory,
  type CallHistoryEntry,
} from './call-history.js';

function call(overrides: Partial<CallState>): CallState {
  return {
    id: 'c1',
    direction: 'outgoing',
    status: 'terminated',
    localIdentity: { displayName: undefined, uri: 'sip:alice@127.0.0.1' },
    remoteIdentity: { displayName: 'Bob', uri: 'sip:bob@127.0.0.1' },
    startTime: 10_000,
    endTime: 75_400,
    cause: 'Bye',
    endedBy: 'local',
    hold: { local: false, remote: false },
    muted: { audio: false, video: false },
    localStream: undefined,
    remoteStream: undefined,
    lastDtmf: undefined,
    transfer: undefined,
    answering: false,
    connection: 'connected',
    connectionPath: undefined,
    connectionReason: undefined,
    ...overrides,
  } as CallState;
}

const entry = (id: string): CallHistoryEntry => ({ ...historyEntry(call({ id }))!, id });

describe('historyEntry', () => {
  it('records an ended call with its length, and nothing while it lasts', () => {
    expect(historyEntry(call({}))).toEqual({
      id: 'c1',
      direction: 'outgoing',
      remoteUri: 'sip:bob@127.0.0.1',
      remoteName: 'Bob',
      endTime: 75_400,
      duration: 65,
      answered: true,
      cause: 'Bye',
    });
    expect(historyEntry(call({ status: 'confirmed', endTime: undefined }))).toBeUndefined();
  });

  it('tells unanswered calls apart, with why', () => {
    const missed = historyEntry(
      call({ direction: 'incoming', startTime: undefined, cause: 'Canceled' }),
    );
    expect(missed).toMatchObject({
      answered: false,
      duration: 0,
      cause: 'Canceled',
      direction: 'incoming',
    });
    expect(historyEntry(call({ endTime: undefined, startTime: undefined }), () => 5)?.endTime).toBe(
      5,
    );
  });
});

describe('addToHistory', () => {
  it('puts the newest first, records a call once and keeps at most MAX_HISTORY', () => {
    const one = addToHistory([], entry('a'));
    expect(addToHistory(one, entry('a'))).toBe(one);
    let history = one;
    for (let i = 0; i < MAX_HISTORY + 5; i++) history = addToHistory(history, entry(`n${i}`));
    expect(history).toHaveLength(MAX_HISTORY);
    expect(history[0]?.id).toBe(`n${MAX_HISTORY + 4}`);
    expect(history.some((known) => known.id === 'a')).toBe(false);
  });
});

describe('history storage', () => {
  it('keeps one list per account and skips entries it cannot read', () => {
    const storage = memoryStorage();
    saveHistory(storage, 'sip:alice@127.0.0.1', [entry('a')]);
    saveHistory(storage, 'sip:bob@127.0.0.1', [entry('b'), entry('c')]);
    expect(loadHistory(storage, 'sip:alice@127.0.0.1')).toEqual([entry('a')]);
    expect(loadHistory(storage, 'sip:bob@127.0.0.1').map((e) => e.id)).toEqual(['b', 'c']);
    expect(loadHistory(storage, 'sip:carol@127.0.0.1')).toEqual([]);

    storage.setItem(historyKey('sip:x@y'), JSON.stringify([{ id: 1 }, entry('ok'), null]));
    expect(loadHistory(storage, 'sip:x@y')).toEqual([entry('ok')]);
    storage.setItem(historyKey('sip:x@y'), 'nope');
    expect(loadHistory(storage, 'sip:x@y')).toEqual([]);
  });
});

// Issue 19 finding 7: a 200 KB display name put 4.6 M characters into localStorage.
describe('hostile names and addresses', () => {
  const HUGE = 'Mallory '.repeat(25 * 1024);
  const hugeCall = (id: string) =>
    call({
      id,
      remoteIdentity: { displayName: HUGE, uri: `sip:${'m'.repeat(200 * 1024)}@evil.example` },
    });

  it('records a bounded entry for a 200 KB display name and URI', () => {
    const recorded = historyEntry(hugeCall('h'));
    expect(recorded?.remoteName).toHaveLength(MAX_HISTORY_NAME);
    expect(recorded?.remoteName?.endsWith('…')).toBe(true);
    expect(recorded?.remoteUri).toHaveLength(MAX_HISTORY_URI);
    expect(recorded && canCallBack(recorded)).toBe(false);
    expect(canCallBack(entry('ok'))).toBe(true);
    // A cut that kept a surrogate pair whole is one shorter than the limit: still not callable.
    const uri = `sip:${'a'.repeat(MAX_HISTORY_URI - 6)}😀@x`;
    const emoji = historyEntry(call({ remoteIdentity: { displayName: undefined, uri } }));
    expect(emoji?.remoteUri).toHaveLength(MAX_HISTORY_URI - 1);
    expect(emoji && canCallBack(emoji)).toBe(false);
    expect(JSON.stringify(recorded).length).toBeLessThan(2 * (MAX_HISTORY_NAME + MAX_HISTORY_URI));
  });

  it('stores a full history of them in bounded space, and bounds what older versions stored', () => {
    const storage = memoryStorage();
    let history: readonly CallHistoryEntry[] = [];
    for (let i = 0; i < MAX_HISTORY; i++) {
      const recorded = historyEntry(hugeCall(`h${i}`));
      if (recorded) history = addToHistory(history, recorded);
    }
    saveHistory(storage, 'sip:alice@127.0.0.1', history);
    const stored = storage.getItem(historyKey('sip:alice@127.0.0.1')) ?? '';
    expect(stored.length).toBeLessThan(MAX_HISTORY * 2 * (MAX_HISTORY_NAME + MAX_HISTORY_URI));

    const old = { ...entry('old'), remoteName: HUGE, remoteUri: `sip:${HUGE}` };
    storage.setItem(historyKey('sip:x@y'), JSON.stringify([old]));
    const [loaded] = loadHistory(storage, 'sip:x@y');
    expect(loaded?.remoteName).toHaveLength(MAX_HISTORY_NAME);
    expect(loaded?.remoteUri).toHaveLength(MAX_HISTORY_URI);
  });
});
