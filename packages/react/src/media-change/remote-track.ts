import { watchRemoteMedia } from '@sipkit/core';
import { useCallback, useSyncExternalStore } from 'react';
import { useSipContext } from '../sip-context.js';
import { sessionOf } from './bind-call-media.js';

/**
 * The far end's camera or screen track in call `id` (undefined while it sends none, or where the
 * media handler cannot tell). A track, not a stream: the store keeps plain data only; a view
 * makes `new MediaStream([track])` for its `<video>`.
 */
export function useRemoteVideoTrack(
  id: string | undefined,
  which: 'camera' | 'screen',
): MediaStreamTrack | undefined {
  const client = useSipContext();
  const subscribe = useCallback(
    (listener: () => void) => {
      const session = sessionOf(client, id);
      return session === undefined
        ? () => undefined
        : watchRemoteMedia(session).on('change', listener);
    },
    [client, id],
  );
  const read = (): MediaStreamTrack | undefined => {
    const session = sessionOf(client, id);
    return session === undefined ? undefined : watchRemoteMedia(session).current[which]?.track;
  };
  return useSyncExternalStore(subscribe, read, () => undefined);
}
