import type { Dialog } from '../dialog/index.js';
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
  const { id, localSeq, remoteSeq, remoteTarget } = dialog;
  const { localHeader, remoteHeader, routeSet } = dialogHeaders(dialog);
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
    routeSet,
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

/** The listeners of one watched session, and how to undo the wrapping of its methods. */
interface Watched {
  readonly listeners: Set<() => void>;
  readonly fanOut: () => void;
  /** Unwraps the timer's and the dialog's methods (the dialog is wrapped once it exists). */
  readonly unwrap: Array<() => void>;
}

/** The methods after which a dialog's shared state may have changed (CSeq, target, To). */
const DIALOG_CHANGES = [
  'createRequest',
  'advanceLocalSeq',
  'acceptRemoteSeq',
  'refreshTarget',
  'updateRemoteHeader',
] as const;
/** The methods after which the session timer's agreement or last refresh may have changed. */
const TIMER_CHANGES = ['start', 'restart', 'stop'] as const;

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
  const { core } = session.handover;
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
      wrapDialog(session, hooks);
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
    for (const unwrap of hooks.unwrap.splice(0)) unwrap();
  }
  changed();
  return stop;
}

/**
 * The session's hooks, installed by its first watcher. The dialog's and the session timer's
 * state-changing methods are wrapped on the instance (each then tells the watchers) rather than
 * given a hook in their classes: every call app carries those classes, and only apps that hand
 * calls over need to hear of every change.
 */
function hooksOf(session: Session): Watched {
  const found = watched.get(session);
  if (found !== undefined) return found;
  const listeners = new Set<() => void>();
  const fanOut = (): void => listeners.forEach((notify) => notify());
  const hooks: Watched = { listeners, fanOut, unwrap: [] };
  watched.set(session, hooks);
  hooks.unwrap.push(notifyAfter(session.handover.refresh.timer, TIMER_CHANGES, fanOut));
  wrapDialog(session, hooks);
  return hooks;
}

/** Wraps the call's dialog, once it exists (an outgoing call's, from its 2xx on). */
function wrapDialog(session: Session, hooks: Watched): void {
  const dialog = session.handover.core.dialog;
  if (dialog === undefined || wrapped.has(dialog)) return;
  wrapped.add(dialog);
  const unwrap = notifyAfter(dialog, DIALOG_CHANGES, hooks.fanOut);
  hooks.unwrap.push(() => {
    unwrap();
    wrapped.delete(dialog);
  });
}

const wrapped = new WeakSet<object>();

/** Makes `methods` of `target` call `notify` after they ran; returns what undoes it. */
function notifyAfter<T extends object>(
  target: T,
  methods: readonly (keyof T & string)[],
  notify: () => void,
): () => void {
  for (const name of methods) {
    const original = target[name] as (...args: unknown[]) => unknown;
    Object.defineProperty(target, name, {
      configurable: true,
      writable: true,
      value(this: T, ...args: unknown[]): unknown {
        const result = original.apply(this, args);
        notify();
        return result;
      },
    });
  }
  return () => {
    for (const name of methods) Reflect.deleteProperty(target, name);
  };
}

/**
 * @internal How the dialog writes From, To and the route set, read from a request it builds
 * (RFC 3261 §12.2.1.1): an ACK, which uses no CSeq and is never sent. A strict router first is
 * that request's Request-URI, with the remote target last in Route: put back as the first route.
 */
export function dialogHeaders(dialog: Dialog): {
  readonly localHeader: string;
  readonly remoteHeader: string;
  readonly routeSet: readonly string[];
} {
  const ack = dialog.createAck(dialog.localSeq);
  const header = (name: string): string => ack.headers.find(([key]) => key === name)?.[1] ?? '';
  const routes = ack.headers.filter(([key]) => key === 'Route').map(([, value]) => value);
  return {
    localHeader: header('From'),
    remoteHeader: header('To'),
    routeSet: ack.ruri === dialog.remoteTarget ? routes : [`<${ack.ruri}>`, ...routes.slice(0, -1)],
  };
}

function sharedIdentity(identity: Identity): SharedIdentity {
  return { uri: identity.uri, displayName: identity.displayName ?? null };
}

function isSips(uri: string): boolean {
  return /^sips:/i.test(uri) || /<sips:/i.test(uri);
}
