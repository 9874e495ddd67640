import { useEffect, useMemo } from 'react';
import { useSipContext } from '../sip-context.js';
import { useSipStore } from '../hooks/use-sip-store.js';
import { presencePublicationOf } from './presence-publication.js';
import type { PresenceStatus, PublishedPresenceState } from './subscription-state.js';

/**
 * What `usePublishPresence` returns: where our publication stands and the actions.
 *
 * @example const { status, publish }: UsePublishPresenceResult = usePublishPresence();
 */
export interface UsePublishPresenceResult extends PublishedPresenceState {
  /** Publishes (or modifies) our presence; resolves once the state server answered. */
  publish(status: PresenceStatus): Promise<void>;
  /** Removes our presence from the state server (RFC 3903 §4.5). */
  unpublish(): Promise<void>;
}

const UNPUBLISHED: PublishedPresenceState = {
  status: 'unpublished',
  presence: undefined,
  cause: undefined,
  statusCode: undefined,
};

/**
 * Publishes our own presence (PUBLISH to our AOR, RFC 3903 with a PIDF/RPID body). Nothing is
 * sent until `publish()`; the presence is removed when the last component using this hook
 * unmounts, and published again when the provider replaces its UA.
 *
 * @example
 * function Status() {
 *   const { status, publish } = usePublishPresence();
 *   return <button onClick={() => void publish({ open: true, activities: ['away'] })}>Away ({status})</button>;
 * }
 */
export function usePublishPresence(): UsePublishPresenceResult {
  const client = useSipContext();
  const publication = presencePublicationOf(client);
  useEffect(() => publication.acquire(), [publication]);
  const state = useSipStore((s) => s.subscriptions?.publishedPresence) ?? UNPUBLISHED;
  return useMemo(
    () => ({
      ...state,
      publish: (status: PresenceStatus) => publication.publish(status),
      unpublish: () => publication.unpublish(),
    }),
    [state, publication],
  );
}
