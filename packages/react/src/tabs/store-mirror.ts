import type { CallState } from '../store/call-state.js';
import type { SipStore } from '../store/create-sip-store.js';
import type { SipState } from '../store/sip-state.js';

/**
 * The owner's state as it crosses to the other tabs: everything but what each tab keeps for
 * itself (`devices`: each tab chooses its own microphone and speaker; `tabs`), with the calls'
 * streams left out (a `MediaStream` cannot be cloned into another tab; the media tab has its own).
 *
 * @example group.send('store/state', { state: sharedStateOf(store.getState()), calls });
 */
export type SharedSipState = Omit<SipState, 'devices' | 'tabs'>;

/**
 * Who placed or answered a call from another tab: the id that tab gave it (`call()` returns it
 * at once, before the owner made the session), the session's id, and the media tab.
 *
 * @example const alias: CallAlias = { localId: 't2:1', sessionId, tabId: 't2' };
 */
export interface CallAlias {
  readonly localId: string | undefined;
  readonly sessionId: string;
  readonly tabId: string;
}

/**
 * The body of `store/state`: the owner's state, the calls' media tabs, and each established
 * call's dialog state (what the next owner needs to take the call over).
 *
 * @example group.send('store/state', snapshot);
 */
export interface StoreSnapshot {
  readonly state: SharedSipState;
  readonly aliases: readonly CallAlias[];
  /** Each established call's `SharedCallState` (plain data), by session id. */
  readonly dialogs: Readonly<Record<string, unknown>>;
  /**
   * The `+sip.instance` the owner registers with (RFC 5626 §4.1): the next owner registers with
   * the same one, so the registrar replaces the gone owner's binding instead of keeping a second,
   * dead one (which would get forked INVITEs, and count against per-user contact limits).
   */
  readonly instanceId?: string;
}

/**
 * The state to send: the tab's own parts and every stream removed.
 *
 * @example sharedStateOf(store.getState()).calls[id]?.remoteStream // undefined
 */
export function sharedStateOf(state: SipState): SharedSipState {
  const { devices: _devices, tabs: _tabs, ...shared } = state;
  const calls: Record<string, CallState> = {};
  for (const [id, call] of Object.entries(state.calls)) {
    calls[id] = { ...call, localStream: undefined, remoteStream: undefined };
  }
  return { ...shared, calls };
}

/**
 * Sends the store to the other tabs whenever it changes, at most once per microtask (a burst of
 * session events is one message). Returns the function that stops it.
 *
 * @example const stop = publishStore(store, (state) => group.send('store/state', snapshotOf(state)));
 */
export function publishStore(store: SipStore, publish: (state: SipState) => void): () => void {
  let queued = false;
  let stopped = false;
  const flush = (): void => {
    queued = false;
    if (!stopped) publish(store.getState());
  };
  const off = store.subscribe(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(flush);
  });
  return () => {
    stopped = true;
    off();
  };
}

/**
 * What a follower adds to the owner's state: its own ids for the calls it placed, and the
 * streams of the calls whose media it runs.
 *
 * @example applySnapshot(store, snapshot, { tabId, streams: (id) => served.streamsOf(id) });
 */
export interface FollowerView {
  readonly tabId: string;
  readonly streams: (
    key: string,
  ) =>
    | { readonly local?: MediaStream | undefined; readonly remote?: MediaStream | undefined }
    | undefined;
}

/**
 * Writes the owner's state into a follower's store: same shape, the follower's own `devices`
 * and `tabs` kept, calls it placed under the ids its `call()` returned, its media tab's streams
 * put back, and every unchanged part reused so selectors keep their references.
 *
 * @example group.on('message', ({ topic, body }) => topic === 'store/state' && applySnapshot(store, body, view));
 */
export function applySnapshot(store: SipStore, snapshot: StoreSnapshot, view: FollowerView): void {
  const rename = new Map<string, string>();
  for (const alias of snapshot.aliases) {
    if (alias.tabId === view.tabId && alias.localId !== undefined) {
      rename.set(alias.sessionId, alias.localId);
    }
  }
  const id = (value: string): string => rename.get(value) ?? value;
  const shared = snapshot.state;
  const calls: Record<string, CallState> = {};
  for (const call of Object.values(shared.calls)) {
    const key = id(call.id);
    const streams = view.streams(key);
    calls[key] = {
      ...call,
      id: key,
      localStream: streams?.local,
      remoteStream: streams?.remote,
    };
  }
  const callMedia =
    shared.callMedia === undefined
      ? undefined
      : Object.fromEntries(Object.entries(shared.callMedia).map(([key, v]) => [id(key), v]));
  const next: SharedSipState = {
    ...shared,
    calls,
    callOrder: shared.callOrder.map(id),
    incomingCallIds: shared.incomingCallIds.map(id),
    currentCallId: shared.currentCallId === undefined ? undefined : id(shared.currentCallId),
    ...(callMedia === undefined ? {} : { callMedia }),
  };
  store.setState(
    (state) =>
      reuse(state, {
        ...next,
        devices: state.devices,
        ...(state.tabs === undefined ? {} : { tabs: state.tabs }),
      }),
    true,
  );
}

/**
 * `next`, with every part deeply equal to the same part of `previous` replaced by it (streams
 * and other objects that are not plain data compare by reference).
 */
function reuse<T>(previous: T, next: T): T {
  if (Object.is(previous, next)) return previous;
  if (!isPlain(previous) || !isPlain(next)) return next;
  if (Array.isArray(previous) !== Array.isArray(next)) return next;
  const before = previous as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  const result = (Array.isArray(next) ? [] : {}) as Record<string, unknown>;
  let same = Object.keys(before).length === Object.keys(after).length;
  for (const key of Object.keys(after)) {
    const value = reuse(before[key], after[key]);
    if (value !== before[key] || !(key in before)) same = false;
    result[key] = value;
  }
  return same ? previous : (result as T);
}

function isPlain(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === Array.prototype || prototype === null;
}
