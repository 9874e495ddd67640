import type { Cause, Identity } from '@sipkit/core';
import { ownedText } from './bounded-text.js';
import type { CallState } from './call-state.js';
import type { CallMediaSlice } from '../media-change/call-media-state.js';
import type { SubscriptionsState } from '../subscriptions/subscription-state.js';
import type { TabsState } from '../tabs/tabs-state.js';

/**
 * The WebSocket connection: `idle` before the UA starts (and on the server), after it stops.
 *
 * @example const online = useSipStore((s) => s.connection === 'connected');
 */
export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'disconnected';

/**
 * Where registration stands (RFC 3261 §10).
 *
 * @example const registered = useSipStore((s) => s.registration.status === 'registered');
 */
export type RegistrationStatus = 'unregistered' | 'registering' | 'registered' | 'failed';

/**
 * One instant message (RFC 3428) sent or received.
 *
 * @example const unread = useSipStore((s) => s.messages.filter((m) => m.direction === 'incoming').length);
 */
export interface MessageState {
  /** Unique within one provider. */
  readonly id: string;
  readonly direction: 'incoming' | 'outgoing';
  readonly from: Identity;
  readonly to: Identity;
  readonly body: string;
  readonly contentType: string;
  /** Milliseconds since the epoch. */
  readonly time: number;
  /** Outgoing: `sending`, then `sent` or `failed`; incoming: `received`. */
  readonly status: 'sending' | 'sent' | 'failed' | 'received';
  readonly cause: Cause | undefined;
}

/**
 * A media device as plain data (`MediaDeviceInfo` is a class instance).
 *
 * @example const labels = useMediaDevices().microphones.map((d: MediaDevice) => d.label);
 */
export interface MediaDevice {
  readonly deviceId: string;
  readonly groupId: string;
  readonly kind: MediaDeviceKind;
  /** Empty until the page has been granted media access (browsers hide labels before that). */
  readonly label: string;
}

/**
 * The devices seen and the ones the user chose (undefined: the system default).
 *
 * @example const speaker = useSipStore((s) => s.devices.speaker);
 */
export interface DevicesState {
  readonly list: readonly MediaDevice[];
  readonly microphone: string | undefined;
  readonly camera: string | undefined;
  readonly speaker: string | undefined;
}

/**
 * Why the provider could not run a UA (a `ConfigurationError`, a socket built from a bad URL,
 * a UA that failed to start), as plain data. `useSipError()` and `useRegistration().error` read it.
 *
 * @example const error = useSipError(); if (error?.parameter === 'uri') showUriHint();
 */
export interface ClientError {
  /** The error's class name, e.g. `ConfigurationError`. */
  readonly name: string;
  /** What went wrong and what was expected (never a secret's value). */
  readonly message: string;
  /** The configuration key at fault (`uri`, `sockets`...), when one is. */
  readonly parameter: string | undefined;
}

/**
 * Where registration stands and, when it failed or ended, why: the cause and the final response
 * that said so (RFC 3261 §21), e.g. `{ status: 'failed', cause: 'Authentication Error',
 * statusCode: 403, reasonPhrase: 'Forbidden' }`.
 *
 * @example const { statusCode, reasonPhrase } = useSipStore((s) => s.registration);
 */
export interface RegistrationState {
  readonly status: RegistrationStatus;
  /** Why the last registration failed or ended (undefined while registered or registering). */
  readonly cause: Cause | undefined;
  /** The status code of the response behind `cause`; undefined when none came (timeout, no connection). */
  readonly statusCode: number | undefined;
  /** The reason phrase of that response. */
  readonly reasonPhrase: string | undefined;
}

/**
 * The last connection attempt that failed or a connection that dropped with an error (cleared
 * once connected): which server and the WebSocket close code and reason (RFC 6455 §7.4).
 *
 * @example const lost = useSipStore((s) => s.connectionFailure); if (lost) show(`Cannot reach ${lost.url}`);
 */
export interface ConnectionFailure {
  readonly url: string;
  readonly code: number | undefined;
  readonly reason: string | undefined;
}

/**
 * Everything the React bindings show, as plain data: the single source of truth components read
 * through `useSipStore` and the other hooks. Actions live apart, in `SipActions`.
 *
 * @example
 * const registered = useSipStore((s) => s.registration.status === 'registered');
 */
export interface SipState {
  readonly connection: ConnectionStatus;
  readonly registration: RegistrationState;
  /** Set while the connection is down because of an error; undefined once connected. */
  readonly connectionFailure: ConnectionFailure | undefined;
  /** Every live call and the last few ended ones, by id. */
  readonly calls: Readonly<Record<string, CallState>>;
  /** Ids of `calls`, oldest first. */
  readonly callOrder: readonly string[];
  /** Incoming calls that ring and wait for an answer, oldest first. */
  readonly incomingCallIds: readonly string[];
  /** The call `useCall()` shows: the one placed or answered last (it stays after it ends). */
  readonly currentCallId: string | undefined;
  /** The most recent messages, oldest first (bounded by the provider's `maxMessages`). */
  readonly messages: readonly MessageState[];
  readonly devices: DevicesState;
  /** Why the provider runs no UA; undefined while one runs. */
  readonly error: ClientError | undefined;
  /**
   * Presence, busy lamps, message waiting and our published presence; absent until a
   * subscription hook (`usePresence`...) first writes it, so apps without them carry nothing.
   */
  readonly subscriptions?: SubscriptionsState;
  /**
   * Each call's video (our camera and screen, the far end's), by call id; absent until a
   * media-change hook (`useCallMedia`, `useCallVideo`, `useScreenShare`) first writes it.
   */
  readonly callMedia?: CallMediaSlice;
  /**
   * This tab's part in a phone shared by tabs (`sharedTabs`); absent without it (`useTabs()`
   * then says `single`). Never mirrored: each tab has its own.
   */
  readonly tabs?: TabsState;
}

/**
 * A registration state with no response behind it.
 *
 * @example store.setState({ registration: registrationState('registering') });
 */
export function registrationState(
  status: RegistrationStatus,
  cause?: Cause,
  response?: { readonly status: number; readonly reason: string },
): RegistrationState {
  return {
    status,
    cause,
    statusCode: response?.status,
    reasonPhrase:
      response === undefined ? undefined : ownedText(response.reason, MAX_REASON_PHRASE),
  };
}

// Bounded, as anything the far end writes that the store keeps.
const MAX_REASON_PHRASE = 200;

/**
 * The state before any UA exists: what a server render and the first client render show.
 *
 * @example createStore(() => initialSipState())
 */
export function initialSipState(): SipState {
  return {
    connection: 'idle',
    registration: registrationState('unregistered'),
    connectionFailure: undefined,
    calls: {},
    callOrder: [],
    incomingCallIds: [],
    currentCallId: undefined,
    messages: [],
    devices: { list: [], microphone: undefined, camera: undefined, speaker: undefined },
    error: undefined,
  };
}
