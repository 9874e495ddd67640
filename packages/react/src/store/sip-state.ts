import type { Cause, Identity } from '@sipkit/core';
import type { CallState } from './call-state.js';

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
 * Why the provider could not run a UA (e.g. a `ConfigurationError`), as plain data.
 *
 * @example const error = useSipStore((s) => s.error); if (error?.parameter === 'uri') showUriHint();
 */
export interface ClientError {
  readonly name: string;
  readonly message: string;
  /** For a `ConfigurationError`: the configuration key at fault. */
  readonly parameter: string | undefined;
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
  readonly registration: { readonly status: RegistrationStatus; readonly cause: Cause | undefined };
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
  readonly error: ClientError | undefined;
}

/**
 * The state before any UA exists: what a server render and the first client render show.
 *
 * @example createStore(() => initialSipState())
 */
export function initialSipState(): SipState {
  return {
    connection: 'idle',
    registration: { status: 'unregistered', cause: undefined },
    calls: {},
    callOrder: [],
    incomingCallIds: [],
    currentCallId: undefined,
    messages: [],
    devices: { list: [], microphone: undefined, camera: undefined, speaker: undefined },
    error: undefined,
  };
}
