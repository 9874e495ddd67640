import type { PresenceDocument } from '@sipkit/core';
import { useMemo } from 'react';
import type { WatchStatus } from './subscription-state.js';
import { useWatch } from './use-watch.js';
import { PRESENCE } from './watch-kinds.js';

/**
 * A presentity's availability folded for display: `offline` when every tuple is closed, an RPID
 * activity when one says more than open (RFC 4480 §3.2: on-the-phone, busy/meeting, away), else
 * `available`; `unknown` until a readable NOTIFY came.
 *
 * @example const dot = usePresence('bob').availability === 'available' ? 'green' : 'grey';
 */
export type Availability = 'available' | 'away' | 'busy' | 'on-the-phone' | 'offline' | 'unknown';

/**
 * What `usePresence` returns.
 *
 * @example const { availability, note, status }: UsePresenceResult = usePresence('bob');
 */
export interface UsePresenceResult {
  readonly status: WatchStatus;
  readonly availability: Availability;
  /** The first note of the document (a status message), if any. */
  readonly note: string | undefined;
  /** RPID activities as sent (`away`, `on-the-phone`, `meeting`...). */
  readonly activities: readonly string[];
  /** The whole document of the last NOTIFY, for what the fields above leave out. */
  readonly document: PresenceDocument | undefined;
  /** A body that could not be read or a target refused. */
  readonly error: string | undefined;
  /** The notifier's reason once terminated (`rejected`, `noresource`...). */
  readonly reason: string | undefined;
}

const BUSY = new Set(['busy', 'meeting', 'performance', 'presentation', 'worship']);
const AWAY = new Set(['away', 'vacation', 'sleeping', 'steering', 'travel', 'appointment']);

/**
 * The availability of one document (exported for components that read documents themselves).
 *
 * @example availabilityOf(parsePresence(body)) // 'on-the-phone'
 */
export function availabilityOf(document: PresenceDocument | undefined): Availability {
  if (document === undefined) return 'unknown';
  if (document.basic === 'closed') return 'offline';
  const { activities } = document;
  if (activities.includes('on-the-phone')) return 'on-the-phone';
  if (activities.some((a) => BUSY.has(a))) return 'busy';
  if (activities.some((a) => AWAY.has(a))) return 'away';
  return document.basic === 'open' ? 'available' : 'unknown';
}

/**
 * The presence of `uri` (RFC 3856): one SUBSCRIBE per URI per provider however many components
 * ask, ended when the last of them unmounts. Nothing is subscribed on the server or while the
 * provider runs no UA (`status: 'idle'`). Pass the same spelling of a URI everywhere: `bob` and
 * `sip:bob@example.com` are two keys (and two subscriptions).
 *
 * @example
 * function Buddy({ uri }: { uri: string }) {
 *   const { availability, note } = usePresence(uri);
 *   return <span data-availability={availability}>{note}</span>;
 * }
 */
export function usePresence(uri: string): UsePresenceResult {
  const watch = useWatch(PRESENCE, uri, () => uri);
  return useMemo(() => {
    const document = watch.value;
    return {
      status: watch.status,
      availability: availabilityOf(document),
      note: document?.notes[0],
      activities: document?.activities ?? [],
      document,
      error: watch.error,
      reason: watch.reason,
    };
  }, [watch]);
}
