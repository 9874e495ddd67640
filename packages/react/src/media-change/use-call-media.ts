import { useEffect } from 'react';
import { useSipContext } from '../sip-context.js';
import { useSipStore } from '../hooks/use-sip-store.js';
import { bindCallMedia, sessionOf } from './bind-call-media.js';
import { NO_CALL_MEDIA, screenShareOf, type ScreenShareState } from './call-media-state.js';

/**
 * What `useCallMedia` returns: a call's video, narrowly selected.
 *
 * @example const { localVideo, remoteVideo, screenShare }: CallMediaView = useCallMedia();
 */
export interface CallMediaView {
  readonly localVideo: boolean;
  readonly remoteVideo: boolean;
  readonly screenShare: ScreenShareState;
}

/** The call `id`, else the current one; starts mirroring its video into the store. */
export function useCallMediaBinding(id: string | undefined): string | undefined {
  const client = useSipContext();
  const current = useSipStore((s) => s.currentCallId);
  const callId = id ?? current;
  const status = useSipStore((s) => (callId === undefined ? undefined : s.calls[callId]?.status));
  useEffect(() => {
    const session = sessionOf(client, callId);
    if (session !== undefined && !session.isEnded()) bindCallMedia(client, session);
  }, [client, callId, status]);
  return callId;
}

/**
 * A call's video (the current call, or `id`): whether we send our camera, whether the far end
 * sends its own, and who shares a screen. Re-renders only when one of these three changes.
 * State only: `useCallVideo` and `useScreenShare` add the actions.
 *
 * @example
 * const { remoteVideo, screenShare } = useCallMedia();
 * return screenShare === 'remote' ? <ScreenShareView /> : remoteVideo ? <RemoteVideo /> : null;
 */
export function useCallMedia(id?: string): CallMediaView {
  const callId = useCallMediaBinding(id);
  const localVideo = useSipStore((s) =>
    callId === undefined ? false : (s.callMedia?.[callId] ?? NO_CALL_MEDIA).localVideo,
  );
  const remoteVideo = useSipStore((s) =>
    callId === undefined ? false : (s.callMedia?.[callId] ?? NO_CALL_MEDIA).remoteVideo,
  );
  const screenShare = useSipStore((s) =>
    callId === undefined ? null : screenShareOf(s.callMedia?.[callId]),
  );
  return { localVideo, remoteVideo, screenShare };
}
