import { DEV } from '../diagnostics/dev-mode.js';
import { Dialog } from '../dialog/index.js';
import type { MediaHandler } from '../media/index.js';
import { parseRouteList, parseUri, SipParseError, type NameAddr } from '../message/index.js';
import type { SessionContext } from '../session/session-context.js';
import type { CallOptions } from '../session/session-options.js';
import { Session, type SessionParts } from '../session/session.js';
import type { UA } from '../ua/ua.js';
import {
  readSharedCallState,
  SharedCallStateError,
  type SharedCallState,
} from './shared-call-state.js';

/**
 * How far above the shared local CSeq a resumed call numbers its requests. The state may lag
 * the user agent that took it by the requests it sent after its last broadcast; RFC 3261
 * §12.2.1.1 only asks that each request's CSeq be higher than the last one's, so a jump is
 * harmless and 100 covers any lag a call can have.
 */
export const RESUMED_CSEQ_MARGIN = 100;

/**
 * What `resumeCall` sets up the call's media and events with.
 *
 * @example
 * resumeCall(ua, state, { mediaHandler: createRemoteMediaHandler(port, state.id) });
 */
export interface ResumeCallOptions extends Pick<
  CallOptions,
  | 'mediaConstraints'
  | 'mediaStream'
  | 'pcConfig'
  | 'eventHandlers'
  | 'dtmfTransport'
  | 'iceRestart'
  | 'iceGatheringTimeout'
  | 'iceGatheringMaxTime'
> {
  /**
   * The call's media, e.g. a proxy to the tab that holds its peer connection. Without it the
   * UA's media handler factory makes one with the options above: a new peer connection, whose
   * offer goes in the target refresh.
   */
  readonly mediaHandler?: MediaHandler;
}

/**
 * Goes on with an established call another user agent of the same AOR held (e.g. the owner tab
 * that closed): `state` is what `callStateOf` / `watchCallState` gave there. Returns the call as
 * a `Session` of `ua`, `confirmed`, with `session.resumed === true`, announced by `newRTCSession`
 * (`request` undefined); the far end's BYE, re-INVITE, UPDATE, INFO and NOTIFY reach it, a
 * re-INVITE is answered through its media handler, `terminate()` sends BYE along the shared route
 * set, and its session timer goes on from the shared one (a refresh when due, or BYE at expiry,
 * RFC 4028 §10).
 *
 * The far end still sends to the old user agent's connection. So once `ua` is connected (and
 * registered, when it registers) the call refreshes its target (RFC 3261 §12.2, RFC 5626 §5): a
 * re-INVITE with our Contact and an offer from the media handler, as after a reconnection. Until
 * then its `connection` is `reconnecting` and its requests wait (the UA's `callRecoveryTimeout`
 * bounds the wait: the call then ends with `Connection Error`).
 *
 * A state may lag the call by what happened after it was taken: our CSeq resumes
 * `RESUMED_CSEQ_MARGIN` above the shared one (RFC 3261 §12.2.1.1 asks only for higher), and the
 * far end's requests are checked against the CSeq the state saw, which can only be lower than its
 * last, so its next request always passes (§12.2.2).
 *
 * Throws `SharedCallStateError` (with the `field` at fault) for a state of another version, one
 * with a missing or malformed field, or a call `ua` already has; Error when `ua` is not started.
 * Nothing is sent then.
 *
 * @example
 * ua.start();
 * const session = resumeCall(ua, state, { mediaHandler });
 * session.on('ended', ({ cause }) => console.log('ended:', cause));
 */
export function resumeCall(
  ua: UA,
  state: SharedCallState,
  options: ResumeCallOptions = {},
): Session {
  const shared = readSharedCallState(state);
  const routeSet = shared.routeSet.map((value, index) => routeOf(value, `routeSet[${index}]`));
  checkUri(shared.remoteTarget, 'remoteTarget');
  const calls = ua.calls;
  if (ua.status !== 'started' || calls === undefined) {
    throw new Error(
      DEV
        ? `cannot resume a call: the UA is ${ua.status}; call ua.start() first`
        : `handover.ua-not-started ${ua.status}`,
    );
  }
  const { callId, localTag, remoteTag } = shared;
  const flow = !ua.isConnected()
    ? 'down'
    : ua.configuration.register && !ua.isRegistered()
      ? 'registering'
      : 'up';
  const { mediaHandler, ...callOptions } = options;
  return calls.resume((context) => {
    const held = context.findSession({ callId, localTag, remoteTag });
    if (held !== undefined) {
      throw new SharedCallStateError(
        'callId',
        DEV ? `names a call this UA already holds (${held.id})` : `handover.call-held ${held.id}`,
      );
    }
    const own: SessionContext =
      mediaHandler === undefined ? context : { ...context, createMediaHandler: () => mediaHandler };
    const outgoing = shared.direction === 'outgoing';
    const session = Session.resume(
      own,
      {
        direction: shared.direction,
        callId,
        localTag,
        fromTag: outgoing ? localTag : remoteTag,
        local: identityOf(shared.local),
        remote: identityOf(shared.remote),
      },
      (parts) => restore(parts, shared, routeSet, callOptions),
    );
    for (const [event, listener] of Object.entries(callOptions.eventHandlers ?? {})) {
      session.on(event as never, listener as never);
    }
    return session;
  }, flow);
}

/** Puts the call's dialog, media and session timer back, then makes it `confirmed`. */
function restore(
  { core, refresh }: SessionParts,
  shared: SharedCallState,
  routeSet: readonly NameAddr[],
  options: CallOptions,
): void {
  core.options = options;
  const dialog = Dialog.restore(
    {
      id: { callId: shared.callId, localTag: shared.localTag, remoteTag: shared.remoteTag },
      state: 'confirmed',
      owner: shared.direction === 'outgoing',
      localHeader: shared.localHeader,
      remoteHeader: shared.remoteHeader,
      remoteTarget: shared.remoteTarget,
      routeSet,
      localSeq: shared.localSeq + RESUMED_CSEQ_MARGIN,
      remoteSeq: shared.remoteSeq ?? undefined,
    },
    core.context.dialogContext,
  );
  core.dialog = dialog;
  core.attach(dialog);
  core.startTime = new Date(shared.startTime ?? Date.now());
  const negotiation = core.setUpMedia(options);
  negotiation.localHold = negotiation.holdGranted = shared.hold.local;
  negotiation.remoteHold = shared.hold.remote;
  if (shared.localSdp !== null) negotiation.lastSdp.local = shared.localSdp;
  if (shared.remoteSdp !== null) negotiation.lastSdp.remote = shared.remoteSdp;
  const timer = shared.sessionTimer;
  refresh.resume(
    timer === null
      ? undefined
      : { interval: timer.interval, refresher: timer.refresher, minSe: timer.minSe },
    timer?.refreshedAt ?? 0,
    shared.peerAllow ?? undefined,
  );
  core.setStatus('confirmed');
}

function routeOf(value: string, field: string): NameAddr {
  let routes: NameAddr[];
  try {
    routes = parseRouteList(value);
  } catch (error) {
    if (!(error instanceof SipParseError)) throw error;
    throw new SharedCallStateError(
      field,
      DEV ? `is not a Route value (${error.message})` : `handover.not-route ${error.message}`,
    );
  }
  const [route] = routes;
  if (route === undefined || routes.length !== 1) {
    throw new SharedCallStateError(
      field,
      DEV
        ? `must hold exactly one route (found ${routes.length})`
        : `handover.route-count ${routes.length}`,
    );
  }
  return route;
}

function checkUri(value: string, field: string): void {
  try {
    parseUri(value);
  } catch (error) {
    if (!(error instanceof SipParseError)) throw error;
    throw new SharedCallStateError(
      field,
      DEV ? `is not a SIP URI (${error.message})` : `handover.not-sip-uri ${error.message}`,
    );
  }
}

function identityOf(identity: SharedCallState['local']): {
  displayName: string | undefined;
  uri: string;
} {
  return { displayName: identity.displayName ?? undefined, uri: identity.uri };
}
