import type {
  BusyLamp,
  Cause,
  MessageSummary,
  PresenceDocument,
  SubscriberTerminationCode,
} from '@sipkit/core';

/**
 * Where a watched subscription stands: `idle` while no UA runs (on the server, before mount),
 * `subscribing` until the first NOTIFY, `pending` while the notifier waits for authorization
 * (RFC 6665 §4.1.3), `active`, or `terminated` for good (`rejected`, `noresource`, a failed
 * SUBSCRIBE); the core resubscribes by itself after `deactivated`, `timeout` and `probation`.
 *
 * @example const live = usePresence('bob').status === 'active';
 */
export type WatchStatus = 'idle' | 'subscribing' | 'pending' | 'active' | 'terminated';

/**
 * One watched resource as plain data: its status, the last state its NOTIFYs carried and, once
 * terminated, why (the core's termination code and the notifier's reason, e.g. `rejected`).
 *
 * @example const { status, value, reason } = useSipStore((s) => s.subscriptions?.presence['bob']);
 */
export interface WatchState<T> {
  readonly status: WatchStatus;
  /** The last state read from a NOTIFY body; undefined until one came (or it was unreadable). */
  readonly value: T | undefined;
  /**
   * What went wrong on our side, for people: a NOTIFY body that could not be read (an
   * `EventBodyError`'s message) or a target the UA refused (`InvalidTargetError`).
   */
  readonly error: string | undefined;
  /** `SubscriberTermination` code once terminated. */
  readonly terminationCode: SubscriberTerminationCode | undefined;
  /** The notifier's `Subscription-State` reason (`rejected`, `noresource`...), when it gave one. */
  readonly reason: string | undefined;
}

/**
 * What a busy lamp shows, from RFC 4235 dialog-info folded by the core's `busyLampOf`.
 *
 * @example const ringing = useDialogState('200').lamp.state === 'ringing';
 */
export type BusyLampState = BusyLamp;

/**
 * Our own published presence (RFC 3903): where the PUBLISH stands and what it said.
 *
 * @example const failed = useSipStore((s) => s.subscriptions?.publishedPresence?.status === 'failed');
 */
export interface PublishedPresenceState {
  readonly status: 'unpublished' | 'publishing' | 'published' | 'failed';
  /** What was last published (or is being published). */
  readonly presence: PresenceStatus | undefined;
  /** Why the last PUBLISH failed, with the response's status code when one came. */
  readonly cause: Cause | undefined;
  readonly statusCode: number | undefined;
}

/**
 * The presence we publish: open (available) or not, RPID activities and a note (RFC 4480).
 *
 * @example publish({ open: true, activities: ['on-the-phone'], note: 'In a call' })
 */
export interface PresenceStatus {
  readonly open: boolean;
  readonly activities?: readonly string[];
  readonly note?: string;
}

/**
 * The subscriptions slice of `SipState`, written only by the subscription hooks (absent until
 * one is used): presence and busy lamps by the URI the components asked for, our mailbox's
 * message-summary, and our published presence.
 *
 * @example const lamp = useSipStore((s) => s.subscriptions?.dialog['sip:200@pbx.example.com']?.value);
 */
export interface SubscriptionsState {
  readonly presence: Readonly<Record<string, WatchState<PresenceDocument>>>;
  readonly dialog: Readonly<Record<string, WatchState<BusyLamp>>>;
  /** Our own AOR's message-summary (RFC 3842), subscribed or unsolicited. */
  readonly messageSummary: Readonly<Record<string, WatchState<MessageSummary>>>;
  readonly publishedPresence: PublishedPresenceState | undefined;
}

/** The slice before any hook wrote to it. */
export function emptySubscriptionsState(): SubscriptionsState {
  return { presence: {}, dialog: {}, messageSummary: {}, publishedPresence: undefined };
}

/** A watch before its first NOTIFY. */
export function watchState<T>(status: WatchStatus): WatchState<T> {
  return {
    status,
    value: undefined,
    error: undefined,
    terminationCode: undefined,
    reason: undefined,
  };
}
