import type { CallState } from '@sipkit/react';
import { truncateText } from '@sipkit/ui';
import type { KeyValueStorage } from '../settings/settings-storage.js';

/** One finished call, as the history list shows it: plain data, stored as JSON. */
export interface CallHistoryEntry {
  /** The core session id: a call is recorded once. */
  readonly id: string;
  readonly direction: 'incoming' | 'outgoing';
  readonly remoteUri: string;
  readonly remoteName: string | undefined;
  /** When it ended, in milliseconds since the epoch. */
  readonly endTime: number;
  /** Whole seconds it was answered for; 0 when it never was. */
  readonly duration: number;
  readonly answered: boolean;
  /** Why it ended (`Busy`, `Canceled`...), as the core says. */
  readonly cause: string | undefined;
}

/** How many calls the history keeps; the oldest go first. */
export const MAX_HISTORY = 50;

/**
 * The most characters of a far end's display name and URI an entry keeps. The far end chooses
 * both (a 200 KB display name once put 4.6 M characters into localStorage); a longer URI is kept
 * cut, ending in `…`, and cannot be called back (`canCallBack`).
 */
export const MAX_HISTORY_NAME = 256;
export const MAX_HISTORY_URI = 1024;
const MAX_HISTORY_CAUSE = 64;

/**
 * The history entry for a call that has ended, or undefined while it is still live.
 *
 * @example const entry = historyEntry(call); if (entry) setHistory((h) => addToHistory(h, entry));
 */
export function historyEntry(
  call: CallState,
  now: () => number = Date.now,
): CallHistoryEntry | undefined {
  if (call.status !== 'terminated') return undefined;
  const endTime = call.endTime ?? now();
  const answered = call.startTime !== undefined;
  return {
    id: call.id,
    direction: call.direction,
    remoteUri: truncateText(call.remoteIdentity.uri, MAX_HISTORY_URI),
    remoteName: boundedOrUndefined(call.remoteIdentity.displayName, MAX_HISTORY_NAME),
    endTime,
    duration: answered
      ? Math.max(0, Math.round((endTime - (call.startTime ?? endTime)) / 1000))
      : 0,
    answered,
    cause: call.cause,
  };
}

/**
 * Whether the entry's address is whole, so "Call back" can dial it (a cut one is not). A cut ends
 * in `…`, which a SIP URI never holds unescaped; the length is no test, since a cut that avoids
 * splitting a surrogate pair is one character shorter than the limit.
 *
 * @example <button disabled={!canCallBack(entry)}>Call</button>
 */
export function canCallBack(entry: CallHistoryEntry): boolean {
  return !entry.remoteUri.endsWith('…');
}

/** An entry read back from storage, bounded as a new one is (older versions stored it whole). */
function bounded(entry: CallHistoryEntry): CallHistoryEntry {
  return {
    id: truncateText(entry.id, MAX_HISTORY_URI),
    direction: entry.direction,
    remoteUri: truncateText(entry.remoteUri, MAX_HISTORY_URI),
    remoteName: boundedOrUndefined(entry.remoteName, MAX_HISTORY_NAME),
    endTime: entry.endTime,
    duration: entry.duration,
    answered: entry.answered,
    cause: boundedOrUndefined(entry.cause, MAX_HISTORY_CAUSE),
  };
}

function boundedOrUndefined(text: string | undefined, max: number): string | undefined {
  return typeof text === 'string' ? truncateText(text, max) : undefined;
}

/**
 * Puts `entry` first, once (a call already recorded is not added again), keeping at most `max`.
 *
 * @example addToHistory([], entry) // [entry]
 */
export function addToHistory(
  history: readonly CallHistoryEntry[],
  entry: CallHistoryEntry,
  max: number = MAX_HISTORY,
): readonly CallHistoryEntry[] {
  if (history.some((known) => known.id === entry.id)) return history;
  return [entry, ...history].slice(0, max);
}

/**
 * The storage key of one account's history, so alice and bob in two tabs of one browser keep
 * their own lists.
 *
 * @example historyKey('sip:alice@127.0.0.1') // 'sipkit-dialer:history:sip:alice@127.0.0.1'
 */
export function historyKey(aor: string): string {
  return `sipkit-dialer:history:${aor}`;
}

/**
 * Reads an account's history; entries of another shape are skipped, never fatal.
 *
 * @example const history = loadHistory(localStorage, config.uri);
 */
export function loadHistory(
  storage: KeyValueStorage | undefined,
  aor: string,
): readonly CallHistoryEntry[] {
  try {
    const value: unknown = JSON.parse(storage?.getItem(historyKey(aor)) ?? '[]');
    return Array.isArray(value) ? value.filter(isEntry).slice(0, MAX_HISTORY).map(bounded) : [];
  } catch {
    return [];
  }
}

/**
 * Writes an account's history (quietly not, where storage refuses).
 *
 * @example saveHistory(localStorage, config.uri, history)
 */
export function saveHistory(
  storage: KeyValueStorage | undefined,
  aor: string,
  history: readonly CallHistoryEntry[],
): void {
  try {
    storage?.setItem(historyKey(aor), JSON.stringify(history));
  } catch {
    // Not kept.
  }
}

function isEntry(value: unknown): value is CallHistoryEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.id === 'string' &&
    (entry.direction === 'incoming' || entry.direction === 'outgoing') &&
    typeof entry.remoteUri === 'string' &&
    typeof entry.endTime === 'number' &&
    typeof entry.duration === 'number' &&
    typeof entry.answered === 'boolean'
  );
}
