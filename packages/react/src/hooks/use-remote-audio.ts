import { useCallback, useEffect, useState } from 'react';
import { useSipStore } from './use-sip-store.js';

/**
 * Where playback of a remote stream stands: `blocked` means the browser refused autoplay.
 *
 * @example const state: RemoteAudioState = useRemoteAudio(stream).state; // 'blocked' until a click
 */
export type RemoteAudioState = 'idle' | 'playing' | 'blocked';

/**
 * Options of `useRemoteAudio`.
 *
 * @example useRemoteAudio(stream, { retryOnGesture: false, onAutoplayBlocked: (retry) => setRetry(() => retry) })
 */
export interface UseRemoteAudioOptions {
  /** Called when the browser refuses to play without a user gesture. */
  readonly onAutoplayBlocked?: (retry: () => Promise<void>) => void;
  /** Retry by itself on the next click or key press anywhere on the page. Default true. */
  readonly retryOnGesture?: boolean;
}

/**
 * What `useRemoteAudio` returns.
 *
 * @example const { ref, state, play }: UseRemoteAudioResult = useRemoteAudio(stream);
 */
export interface UseRemoteAudioResult {
  /** Give it to an `<audio>` element: `<audio ref={ref} />`. */
  readonly ref: (element: HTMLAudioElement | null) => void;
  readonly state: RemoteAudioState;
  /** Plays again (from a click handler, so the browser allows it). */
  play(): Promise<void>;
}

/**
 * Plays `stream` in an audio element, routed to the chosen speaker where the browser supports
 * `setSinkId`, and tells when autoplay was refused (browsers do until the user interacted with
 * the page) so the UI can ask for a click.
 *
 * @example
 * const { ref, state, play } = useRemoteAudio(call?.remoteStream);
 * return <><audio ref={ref} />{state === 'blocked' && <button onClick={play}>Enable sound</button>}</>;
 */
export function useRemoteAudio(
  stream: MediaStream | undefined,
  options: UseRemoteAudioOptions = {},
): UseRemoteAudioResult {
  const [element, setElement] = useState<HTMLAudioElement | null>(null);
  const [state, setState] = useState<RemoteAudioState>('idle');
  const speaker = useSipStore((s) => s.devices.speaker);
  const { onAutoplayBlocked, retryOnGesture = true } = options;

  const play = useCallback(
    async (): Promise<void> => setState(await startPlayback(element)),
    [element],
  );

  useEffect(() => {
    if (element === null) return;
    let current = true;
    attach(element, stream);
    void startPlayback(element).then((next) => {
      if (current) setState(next);
    });
    return () => {
      current = false;
      attach(element, undefined);
      setState('idle');
    };
  }, [element, stream]);

  useEffect(() => {
    if (element !== null) routeTo(element, speaker);
  }, [element, speaker]);

  useEffect(() => {
    if (state !== 'blocked') return;
    onAutoplayBlocked?.(play);
    if (!retryOnGesture || typeof document === 'undefined') return;
    const retry = (): void => void play();
    document.addEventListener('pointerdown', retry, { once: true });
    document.addEventListener('keydown', retry, { once: true });
    return () => {
      document.removeEventListener('pointerdown', retry);
      document.removeEventListener('keydown', retry);
    };
  }, [state, play, onAutoplayBlocked, retryOnGesture]);

  return { ref: setElement, state, play };
}

// DOM work lives outside the hook: the element is React state, and state is never mutated there.
function attach(element: HTMLAudioElement, stream: MediaStream | undefined): void {
  element.srcObject = stream ?? null;
}

async function startPlayback(element: HTMLAudioElement | null): Promise<RemoteAudioState> {
  if (element?.srcObject == null) return 'idle';
  try {
    await element.play();
    return 'playing';
  } catch (error) {
    // NotAllowedError is the autoplay policy; anything else (AbortError: a newer stream took
    // over) is not something a click would fix.
    return (error as { name?: unknown }).name === 'NotAllowedError' ? 'blocked' : 'idle';
  }
}

function routeTo(element: HTMLAudioElement, speaker: string | undefined): void {
  if (!('setSinkId' in element)) return;
  // '' is the system default.
  element.setSinkId(speaker ?? '').catch(() => undefined);
}
