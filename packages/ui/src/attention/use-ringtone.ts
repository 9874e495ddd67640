import { SipContext } from '@sipkit/react';
import { useCallback, useContext, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { browserAudioContext, type AudioContextFactory } from './audio-context-like.js';
import { playSound, type PlayingSound, type Sound } from './sound-player.js';

/** Options of `useRingtone`. */
export interface UseRingtoneOptions {
  /** Ring while true (and not silenced). */
  readonly active: boolean;
  /** What to play; `false` plays nothing. */
  readonly sound: Sound | false;
  /**
   * What is ringing, e.g. the call id: "Silence" lasts until this changes or `active` goes false,
   * so the next call rings again.
   */
  readonly key?: string | undefined;
  /**
   * The speaker; default the one chosen in the device menu (`useMediaDevices().speaker`) of the
   * nearest `<SipProvider>`, if any (the hook works outside one too).
   */
  readonly sinkId?: string | undefined;
  /** Makes the Web Audio context of generated tones; default the browser's `AudioContext`. */
  readonly audioContext?: AudioContextFactory;
}

/**
 * What `useRingtone` returns. `state` is `off` (not ringing, silenced, or nothing can play),
 * `playing`, or `blocked` (the browser refused to make sound before the person interacted with
 * the page: offer `enableSound` on a button).
 *
 * @example const { state, silence, enableSound }: UseRingtoneResult = useRingtone({ active, sound: RINGTONE });
 */
export interface UseRingtoneResult {
  readonly state: 'off' | 'playing' | 'blocked';
  /** True after `silence()` until `key` changes or ringing stops. */
  readonly silenced: boolean;
  /** Stops the sound without answering or declining. */
  silence(): void;
  /** Call from a click: starts a sound the browser blocked. */
  enableSound(): void;
}

/**
 * Plays a sound while `active`, on the chosen speaker, until silenced. Nothing plays on the
 * server; unmounting or `active` going false stops it and frees its audio context and timers.
 *
 * @example
 * const { call } = useIncomingCall();
 * const ring = useRingtone({ active: call !== undefined, sound: RINGTONE, key: call?.id });
 * return ring.state === 'blocked' ? <button onClick={ring.enableSound}>Enable sound</button> : null;
 */
export function useRingtone({
  active,
  sound,
  key,
  sinkId,
  audioContext = browserAudioContext,
}: UseRingtoneOptions): UseRingtoneResult {
  const chosenSpeaker = useChosenSpeaker();
  const speaker = sinkId ?? chosenSpeaker;
  const [silencedKey, setSilencedKey] = useState<string | undefined>(undefined);
  const [state, setState] = useState<UseRingtoneResult['state']>('off');
  const playing = useRef<PlayingSound | undefined>(undefined);
  const speakerRef = useRef(speaker);
  const factory = useRef(audioContext);
  // A key of its own for "no key", so silence() works for callers that give none.
  const current = key ?? '';
  // Ringing stopped: forget "Silence", so the next ring is heard (adjusted during render, as
  // React recommends for state that follows a prop).
  const [wasActive, setWasActive] = useState(active);
  if (wasActive !== active) {
    setWasActive(active);
    if (!active) setSilencedKey(undefined);
  }
  const silenced = active && silencedKey === current;
  const on = active && !silenced && sound !== false;

  // The latest speaker and factory for the effect below, which must not restart on them.
  useEffect(() => {
    speakerRef.current = speaker;
    factory.current = audioContext;
  });

  useEffect(() => {
    if (!on) return undefined;
    const started = playSound(sound, {
      sinkId: speakerRef.current,
      onState: setState,
      audioContext: () => factory.current(),
    });
    playing.current = started;
    return () => {
      started?.stop();
      if (playing.current === started) playing.current = undefined;
      setState('off');
    };
  }, [on, sound, current]);

  useEffect(() => {
    playing.current?.setSink(speaker);
  }, [speaker]);

  const silence = useCallback(() => setSilencedKey(current), [current]);
  const enableSound = useCallback(() => playing.current?.unblock(), []);
  return { state: on ? state : 'off', silenced, silence, enableSound };
}

const noSubscription = (): (() => void) => () => undefined;

// The provider's chosen speaker, or undefined outside a provider.
function useChosenSpeaker(): string | undefined {
  const client = useContext(SipContext);
  return useSyncExternalStore(
    client === null ? noSubscription : client.store.subscribe,
    () => client?.store.getState().devices.speaker,
    () => undefined,
  );
}
