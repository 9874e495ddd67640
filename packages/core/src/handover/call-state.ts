import { MIN_SESSION_EXPIRES } from '../session/session-timer-negotiation.js';
import type { Session } from '../session/session.js';
import type { Identity } from '../ua/out-of-dialog-request.js';
import {
  SHARED_CALL_STATE_VERSION,
  type SharedCallState,
  type SharedIdentity,
} from './shared-call-state.js';

/**
 * The dialog state of an established call as plain JSON (see `SharedCallState`), to hand the
 * call to another user agent (`resumeCall`) should this one go away, e.g. when its tab closes.
 * Undefined unless the call is `confirmed` (before its ACK there is no dialog to go on with; an
 * ended call has nothing to hand over).
 *
 * @example
 * const state = callStateOf(session);
 * if (state !== undefined) localStorage.setItem(`call:${state.id}`, JSON.stringify(state));
 */
export function callStateOf(session: Session): SharedCallState | undefined {
  const { core, refresh } = session.handover;
  const dialog = core.dialog;
  if (core.status !== 'confirmed' || dialog === undefined) return undefined;
  const { id, localHeader, remoteHeader, remoteTarget, routeSet, localSeq, remoteSeq } =
    dialog.snapshot();
  const agreement = refresh.timer.agreement;
  const peerAllow = refresh.peerAllow;
  const negotiation = core.negotiation;
  const hold = session.isOnHold();
  return {
    v: SHARED_CALL_STATE_VERSION,
    id: session.id,
    direction: session.direction,
    callId: id.callId,
    localTag: id.localTag,
    remoteTag: id.remoteTag,
    local: sharedIdentity(session.localIdentity),
    remote: sharedIdentity(core.remoteIdentity),
    localHeader,
    remoteHeader,
    remoteTarget,
    routeSet: [...routeSet],
    localSeq,
    remoteSeq: remoteSeq ?? null,
    // RFC 3261 §12.1.1: a dialog is secure when its URIs are SIPS.
    secure: isSips(remoteTarget) || isSips(session.localIdentity.uri),
    sessionTimer:
      agreement === undefined
        ? null
        : {
            interval: agreement.interval,
            refresher: agreement.refresher,
            minSe: agreement.minSe ?? MIN_SESSION_EXPIRES,
            refreshedAt: refresh.timer.since,
          },
    peerAllow: peerAllow === undefined ? null : [...peerAllow],
    localSdp: negotiation?.lastSdp.local ?? null,
    remoteSdp: negotiation?.lastSdp.remote ?? null,
    hold: { local: hold.local, remote: hold.remote },
    startTime: session.startTime?.getTime() ?? null,
  };
}

/** The listeners of one watched session, and the one hook its dialog and timer call. */
interface Watched {
  readonly listeners: Set<() => void>;
  readonly fanOut: () => void;
}

const watched = new WeakMap<Session, Watched>();

/**
 * Calls `listener` with `callStateOf(session)` once the call is confirmed (at once when it
 * already is) and after every change of that state: a CSeq used or seen, a target refresh, the
 * session timer armed or refreshed, an SDP, a hold. Changes within one task are reported once,
 * in a microtask, with the state after all of them; a state equal to the last one reported is
 * not reported again. Stops by itself when the call ends; returns the function that stops it
 * earlier.
 *
 * The one holding a call broadcasts it this way, so whoever takes over has a state no older
 * than the last change (`resumeCall` allows for a state a little behind: see there).
 *
 * @example
 * const stop = watchCallState(session, (state) => channel.postMessage({ topic: 'call/state', body: state }));
 */
export function watchCallState(
  session: Session,
  listener: (state: SharedCallState) => void,
): () => void {
  if (session.isEnded()) return () => undefined;
  const { core, refresh } = session.handover;
  let last: string | undefined;
  let queued = false;
  let active = true;
  const report = (): void => {
    queued = false;
    const state = active ? callStateOf(session) : undefined;
    if (state === undefined) return;
    const json = JSON.stringify(state);
    if (json === last) return;
    last = json;
    try {
      listener(state);
    } catch (error) {
      core.context.onListenerError(error, 'callstate');
    }
  };
  const changed = (): void => {
    if (queued || !active) return;
    queued = true;
    queueMicrotask(report);
  };
  const hooks = hooksOf(session);
  hooks.listeners.add(changed);
  const offs = [
    session.on('statuschange', ({ status }) => {
      if (status === 'terminated') return stop();
      // An outgoing call's dialog exists from its 2xx on.
      if (core.dialog !== undefined) core.dialog.onChange = hooks.fanOut;
      changed();
    }),
    session.on('sdp', changed),
    session.on('hold', changed),
    session.on('unhold', changed),
  ];
  function stop(): void {
    if (!active) return;
    active = false;
    for (const off of offs) off();
    hooks.listeners.delete(changed);
    if (hooks.listeners.size > 0) return;
    watched.delete(session);
    refresh.timer.onChange = undefined;
    if (core.dialog !== undefined) core.dialog.onChange = undefined;
  }
  changed();
  return stop;
}

/** The session's hooks, installed by its first watcher. */
function hooksOf(session: Session): Watched {
  const found = watched.get(session);
  if (found !== undefined) return found;
  const listeners = new Set<() => void>();
  const hooks: Watched = { listeners, fanOut: () => listeners.forEach((notify) => notify()) };
  watched.set(session, hooks);
  const { core, refresh } = session.handover;
  refresh.timer.onChange = hooks.fanOut;
  if (core.dialog !== undefined) core.dialog.onChange = hooks.fanOut;
  return hooks;
}

function sharedIdentity(identity: Identity): SharedIdentity {
  return { uri: identity.uri, displayName: identity.displayName ?? null };
}

function isSips(uri: string): boolean {
  return /^sips:/i.test(uri) || /<sips:/i.test(uri);
}
