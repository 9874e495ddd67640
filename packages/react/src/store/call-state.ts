import type {
  CallConnectionState,
  Cause,
  ConnectionPath,
  Identity,
  Originator,
  Session,
  SessionDirection,
  SessionStatus,
} from '@sipkit/core';
import { ownedText } from './bounded-text.js';

/**
 * A transfer we asked for (REFER, RFC 3515) and how far the far end got with it.
 *
 * @example if (call.transfer?.status === 'succeeded') hangup();
 */
export interface TransferState {
  readonly target: string;
  /** `pending` until the REFER is answered; `accepted` (202) while NOTIFYs report progress. */
  readonly status: 'pending' | 'accepted' | 'succeeded' | 'failed';
  /** The last status code heard: the REFER's answer, then the transferred call's (sipfrag). */
  readonly code: number | undefined;
}

/**
 * One call as components see it: plain data copied from the core `Session` whenever it reports a
 * change. Times are milliseconds since the epoch (numbers, not `Date`s, so state stays plain).
 * Streams are references: compare them with `===`, never deeply.
 *
 * @example
 * const call = useSipStore((s) => s.calls[id]);
 * if (call?.status === 'confirmed') console.log('talking to', call.remoteIdentity.uri);
 */
export interface CallState {
  /** The core session id (Call-ID plus From tag). */
  readonly id: string;
  /** The Call-ID of the call's dialog (what SIP traces and servers show). */
  readonly callId: string;
  readonly direction: SessionDirection;
  readonly status: SessionStatus;
  readonly localIdentity: Identity;
  readonly remoteIdentity: Identity;
  /** When the call was answered. */
  readonly startTime: number | undefined;
  readonly endTime: number | undefined;
  /** Why it ended, once it has. */
  readonly cause: Cause | undefined;
  /** Who ended it, once it has. */
  readonly endedBy: Originator | undefined;
  /** `local`: we hold the far end; `remote`: the far end holds us (RFC 3264 §8.4). */
  readonly hold: { readonly local: boolean; readonly remote: boolean };
  readonly muted: { readonly audio: boolean; readonly video: boolean };
  readonly localStream: MediaStream | undefined;
  readonly remoteStream: MediaStream | undefined;
  /** The last DTMF tone sent or received. */
  readonly lastDtmf: { readonly tone: string; readonly originator: 'local' | 'remote' } | undefined;
  readonly transfer: TransferState | undefined;
  /**
   * The far end asks us to call `target` instead (an incoming REFER, RFC 3515): answer with
   * `acceptTransfer` / `declineTransfer`. Undefined when nothing is asked.
   */
  readonly transferRequest: { readonly target: string } | undefined;
  /** An incoming call we are answering (media being set up): still `ringing` until the 200 goes. */
  readonly answering: boolean;
  /**
   * How the call's connection is doing: `reconnecting` while its media (ICE) or signalling
   * (WebSocket) path is being recovered, `failed` when recovery gave up (the call ends next).
   * `connected` otherwise, also before the call is answered.
   */
  readonly connection: CallConnectionState;
  /** The path whose change set `connection` last; undefined until it first changes. */
  readonly connectionPath: ConnectionPath | undefined;
  /** Why `connection` last changed (`"ICE failed"`...); undefined until it first changes. */
  readonly connectionReason: string | undefined;
}

/**
 * What a snapshot cannot read from the session itself: it comes from events.
 *
 * @example snapshotCall(session, previous, { endedBy: 'remote' })
 */
export type CallExtras = Pick<
  CallState,
  | 'endedBy'
  | 'lastDtmf'
  | 'transfer'
  | 'transferRequest'
  | 'answering'
  | 'connectionPath'
  | 'connectionReason'
>;

/** The most characters of a connection change's reason the store keeps. */
const MAX_CONNECTION_REASON = 256;

/**
 * Copies what the store shows of `session`, reusing `previous` and its parts wherever nothing
 * changed, so selectors over a call (or over `call.hold`) keep their references and components
 * do not re-render for nothing.
 *
 * @example
 * const next = snapshotCall(session, store.getState().calls[session.id]);
 */
export function snapshotCall(
  session: Session,
  previous: CallState | undefined,
  extras: Partial<CallExtras> = {},
): CallState {
  const media = session.media;
  const next: CallState = {
    id: session.id,
    callId: session.callId,
    direction: session.direction,
    status: session.status,
    localIdentity: sameIdentity(previous?.localIdentity, session.localIdentity),
    remoteIdentity: sameIdentity(previous?.remoteIdentity, session.remoteIdentity),
    startTime: session.startTime?.getTime(),
    endTime: session.endTime?.getTime(),
    cause: session.cause,
    endedBy: 'endedBy' in extras ? extras.endedBy : previous?.endedBy,
    hold: samePair(previous?.hold, session.isOnHold(), 'local', 'remote'),
    muted: samePair(previous?.muted, session.isMuted(), 'audio', 'video'),
    localStream: media?.localStream ?? previous?.localStream,
    remoteStream: media?.remoteStream ?? previous?.remoteStream,
    lastDtmf: 'lastDtmf' in extras ? extras.lastDtmf : previous?.lastDtmf,
    transfer: 'transfer' in extras ? extras.transfer : previous?.transfer,
    transferRequest:
      'transferRequest' in extras ? extras.transferRequest : previous?.transferRequest,
    answering: session.status === 'ringing' && (extras.answering ?? previous?.answering ?? false),
    connection: session.connectionState,
    connectionPath: 'connectionPath' in extras ? extras.connectionPath : previous?.connectionPath,
    // The reason may quote a far end's reason phrase: bounded and copied like a display name.
    connectionReason:
      extras.connectionReason !== undefined
        ? ownedText(extras.connectionReason, MAX_CONNECTION_REASON)
        : previous?.connectionReason,
  };
  return previous !== undefined && shallowEqual(previous, next) ? previous : next;
}

function sameIdentity(previous: Identity | undefined, current: Identity): Identity {
  const displayName = storedDisplayName(current.displayName);
  if (previous?.uri === current.uri && previous.displayName === displayName) return previous;
  return { displayName, uri: current.uri };
}

/** The most characters of a far end's display name the store keeps (the rest ends in `…`). */
export const MAX_STORED_DISPLAY_NAME = 1024;

/**
 * A display name as the store keeps it: the far end chooses it and may send 200 KB; no view
 * needs more than a line of it, and a copy of its own lets the message go. The URI is kept exact
 * (calling back needs it).
 *
 * @example storedDisplayName('Bob') // 'Bob'
 */
export function storedDisplayName(name: string | undefined): string | undefined {
  return name === undefined ? undefined : ownedText(name, MAX_STORED_DISPLAY_NAME);
}

function samePair<A extends string, B extends string>(
  previous: { readonly [K in A | B]: boolean } | undefined,
  current: { readonly [K in A | B]: boolean },
  a: A,
  b: B,
): { readonly [K in A | B]: boolean } {
  if (previous !== undefined && previous[a] === current[a] && previous[b] === current[b]) {
    return previous;
  }
  return { [a]: current[a], [b]: current[b] } as { readonly [K in A | B]: boolean };
}

// Every field is a primitive or a reference reused above, so `===` per field is enough; streams
// in particular are compared by reference only.
function shallowEqual(a: CallState, b: CallState): boolean {
  return (Object.keys(a) as (keyof CallState)[]).every((key) => a[key] === b[key]);
}
