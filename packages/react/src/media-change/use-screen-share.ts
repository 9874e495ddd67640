import {
  shareScreen as startShare,
  stopScreenShare as stopShare,
  type ShareScreenOptions,
  type StopScreenShareOptions,
} from '@sipkit/core';
import { useCallback, useState } from 'react';
import { useSipContext } from '../sip-context.js';
import { useSipStore } from '../hooks/use-sip-store.js';
import { sessionOf } from './bind-call-media.js';
import { screenShareOf, type ScreenShareState } from './call-media-state.js';
import { useCallMediaBinding } from './use-call-media.js';
import { useRemoteVideoTrack } from './remote-track.js';

/**
 * What `useScreenShare` returns.
 *
 * @example const { screenShare, shareScreen }: UseScreenShareResult = useScreenShare();
 */
export interface UseScreenShareResult {
  /** Who shares a screen: `local` (us), `remote` (the far end), or null. */
  readonly screenShare: ScreenShareState;
  /** The far end's screen track, for a `<video>` (see `ScreenShareView` of `@sipkit/ui`). */
  readonly remoteScreen: MediaStreamTrack | undefined;
  readonly pending: boolean;
  /** Why the last share failed (`MediaChangeError`); cleared by the next. */
  readonly error: Error | undefined;
  /** Shares the screen (getDisplayMedia); resolves false on failure or a cancelled picker. */
  shareScreen(options?: ShareScreenOptions): Promise<boolean>;
  stopScreenShare(options?: StopScreenShareOptions): Promise<boolean>;
}

/**
 * Screen sharing in a call (the current one, or `id`): ours (as an extra video stream, or in the
 * camera's place with `{ replace: 'camera' }`) and the far end's. Its own hook and module, so an
 * app that never shares carries none of the core's screen-share code.
 *
 * @example
 * const { screenShare, shareScreen, stopScreenShare } = useScreenShare();
 * return screenShare === 'local'
 *   ? <button onClick={() => void stopScreenShare()}>Stop sharing</button>
 *   : <button onClick={() => void shareScreen()}>Share screen</button>;
 */
export function useScreenShare(id?: string): UseScreenShareResult {
  const client = useSipContext();
  const callId = useCallMediaBinding(id);
  const screenShare = useSipStore((s) =>
    callId === undefined ? null : screenShareOf(s.callMedia?.[callId]),
  );
  const remoteScreen = useRemoteVideoTrack(callId, 'screen');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Error | undefined>(undefined);
  const shareScreen = useCallback(
    async (options?: ShareScreenOptions): Promise<boolean> => {
      const session = sessionOf(client, callId);
      if (session === undefined) return false;
      setPending(true);
      setError(undefined);
      try {
        await startShare(session, options);
        return true;
      } catch (caught) {
        setError(caught as Error);
        return false;
      } finally {
        setPending(false);
      }
    },
    [client, callId],
  );
  const stopScreenShare = useCallback(
    async (options?: StopScreenShareOptions): Promise<boolean> => {
      const session = sessionOf(client, callId);
      if (session === undefined) return false;
      setPending(true);
      try {
        return await stopShare(session, options);
      } finally {
        setPending(false);
      }
    },
    [client, callId],
  );
  return { screenShare, remoteScreen, pending, error, shareScreen, stopScreenShare };
}
