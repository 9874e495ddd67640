import type { Session } from '@sipkit/core';
import { useCallback, useState } from 'react';
import { useSipContext } from '../sip-context.js';
import { sessionOf } from './bind-call-media.js';

/** A start and a stop of one media change (the camera, the screen) in a call. */
export interface MediaChangeActions<StartOptions, StopOptions> {
  /** A start or stop in progress. */
  readonly pending: boolean;
  /** Why the last start failed; cleared by the next start. */
  readonly error: Error | undefined;
  /** Resolves false when there is no such call or the start failed (see `error`). */
  start(options?: StartOptions): Promise<boolean>;
  /** Resolves false when there is no such call; a failure rejects, as the core's does. */
  stop(options?: StopOptions): Promise<boolean>;
}

/**
 * The pending/error bookkeeping both media-change hooks share, over the core functions they are
 * given (internal: each hook imports its own core functions, so an app that only uses video
 * carries no screen-share code). `start` and `stop` must be stable (module-level functions).
 *
 * @example
 * const { pending, error, start, stop } = useMediaChangeActions(callId, addVideo, removeVideo);
 */
export function useMediaChangeActions<StartOptions, StopOptions>(
  callId: string | undefined,
  start: (session: Session, options?: StartOptions) => Promise<unknown>,
  stop: (session: Session, options?: StopOptions) => Promise<boolean>,
): MediaChangeActions<StartOptions, StopOptions> {
  const client = useSipContext();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Error | undefined>(undefined);
  const startChange = useCallback(
    async (options?: StartOptions): Promise<boolean> => {
      const session = sessionOf(client, callId);
      if (session === undefined) return false;
      setPending(true);
      setError(undefined);
      try {
        await start(session, options);
        return true;
      } catch (caught) {
        setError(caught as Error);
        return false;
      } finally {
        setPending(false);
      }
    },
    [client, callId, start],
  );
  const stopChange = useCallback(
    async (options?: StopOptions): Promise<boolean> => {
      const session = sessionOf(client, callId);
      if (session === undefined) return false;
      setPending(true);
      try {
        return await stop(session, options);
      } finally {
        setPending(false);
      }
    },
    [client, callId, stop],
  );
  return { pending, error, start: startChange, stop: stopChange };
}
