import type { ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSipStore } from '../hooks/use-sip-store.js';
import { useRemoteAudio, type UseRemoteAudioOptions } from '../hooks/use-remote-audio.js';

/**
 * Props of `<RemoteAudio>`.
 *
 * @example <RemoteAudio callId={id} retryOnGesture={false} onAutoplayBlocked={(retry) => showButton(retry)} />
 */
export interface RemoteAudioProps extends UseRemoteAudioOptions {
  /** Play only this call; default every call that is not ended (held calls are silent anyway). */
  readonly callId?: string;
}

/**
 * Plays the far end of calls with no plumbing: one hidden `<audio>` per call with a remote
 * stream, on the chosen speaker. Each element shows `data-state` (`idle`, `playing`, `blocked`)
 * and `data-call-id`; when autoplay is refused, playback retries on the next click or key
 * press, and `onAutoplayBlocked(retry)` lets the app ask for one.
 *
 * @example
 * <SipProvider config={config}><RemoteAudio onAutoplayBlocked={() => setShowSoundButton(true)} /><Phone /></SipProvider>
 */
export function RemoteAudio({ callId, ...options }: RemoteAudioProps): ReactNode {
  const ids = useSipStore(
    useShallow((s) =>
      callId !== undefined
        ? [callId]
        : s.callOrder.filter((id) => {
            const call = s.calls[id];
            return (
              call !== undefined && call.status !== 'terminated' && call.remoteStream !== undefined
            );
          }),
    ),
  );
  return ids.map((id) => <CallAudio key={id} callId={id} {...options} />);
}

function CallAudio({
  callId,
  ...options
}: RemoteAudioProps & { readonly callId: string }): ReactNode {
  const stream = useSipStore((s) => {
    const call = s.calls[callId];
    return call?.status === 'terminated' ? undefined : call?.remoteStream;
  });
  const { ref, state } = useRemoteAudio(stream, options);
  return <audio ref={ref} autoPlay hidden data-call-id={callId} data-state={state} />;
}
