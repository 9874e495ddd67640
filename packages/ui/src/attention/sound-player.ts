import type { AudioContextFactory, OscillatorLike } from './audio-context-like.js';
import { cycleLength, type TonePattern } from './tone-pattern.js';

/**
 * Where a sound is: a generated tone, the URL of a file the app serves, or an `<audio>` element
 * the app made (its own `src`, volume, `loop`).
 *
 * @example const sound: Sound = '/sounds/ring.mp3';
 */
export type Sound = TonePattern | string | HTMLAudioElement;

/** Whether a sound is heard: `blocked` when the browser refuses to play before a user gesture. */
export type SoundState = 'playing' | 'blocked';

/** A sound being played; `stop()` releases everything it holds (context, timers, element). */
export interface PlayingSound {
  /** Tries again from a user gesture (a click), after the browser blocked autoplay. */
  unblock(): void;
  /** Routes the sound to a speaker (`setSinkId`) where the browser can; undefined: the default. */
  setSink(sinkId: string | undefined): void;
  stop(): void;
}

/** How to play: the speaker, where to report the state, how to make an audio context. */
export interface PlaySoundOptions {
  readonly sinkId: string | undefined;
  readonly onState: (state: SoundState) => void;
  readonly audioContext: AudioContextFactory;
}

/**
 * Starts `sound`, or returns undefined when this runtime cannot play it (no Web Audio, no
 * `Audio`). Autoplay policies (Chrome, Safari, Firefox) let a page make sound only after the
 * person interacted with it: a context that stays `suspended` or a `play()` that rejects is
 * reported as `blocked`, and `unblock()` from a click starts it.
 *
 * @example const playing = playSound(RINGTONE, { sinkId, onState: setState, audioContext: browserAudioContext });
 */
export function playSound(sound: Sound, options: PlaySoundOptions): PlayingSound | undefined {
  if (typeof sound === 'string') {
    const scope = globalThis as { Audio?: new (src: string) => HTMLAudioElement };
    if (scope.Audio === undefined) return undefined;
    const element = new scope.Audio(sound);
    element.loop = true;
    return playElement(element, true, options);
  }
  if (isTonePattern(sound)) return playTone(sound, options);
  return playElement(sound, false, options);
}

function isTonePattern(sound: TonePattern | HTMLAudioElement): sound is TonePattern {
  return Array.isArray((sound as TonePattern).cadence);
}

type SinkElement = HTMLAudioElement & { setSinkId?: (sinkId: string) => Promise<void> };

function playElement(
  element: SinkElement,
  owned: boolean,
  { sinkId, onState }: PlaySoundOptions,
): PlayingSound {
  let stopped = false;
  const start = (): void => {
    let started: Promise<void> | undefined;
    try {
      started = element.play();
    } catch {
      onState('blocked');
      return;
    }
    // Old browsers return nothing from play(): it either plays or fires 'error'.
    void Promise.resolve(started).then(
      () => {
        if (!stopped) onState('playing');
      },
      () => {
        // NotAllowedError: autoplay refused before a user gesture.
        if (!stopped) onState('blocked');
      },
    );
  };
  const setSink = (id: string | undefined): void => {
    void element.setSinkId?.(id ?? '').catch(() => undefined);
  };
  if (sinkId !== undefined) setSink(sinkId);
  start();
  return {
    unblock: start,
    setSink,
    stop() {
      stopped = true;
      element.pause();
      // The app's element is rewound for the next call; ours is let go.
      element.currentTime = 0;
      if (owned) element.removeAttribute('src');
    },
  };
}

function playTone(
  pattern: TonePattern,
  { sinkId, onState, audioContext }: PlaySoundOptions,
): PlayingSound | undefined {
  const context = audioContext();
  if (context === undefined) return undefined;
  const gain = context.createGain();
  gain.gain.value = pattern.volume ?? 0.15;
  gain.connect(context.destination);
  const oscillators = new Set<OscillatorLike>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const schedule = (): void => {
    let at = context.currentTime;
    for (const [on, off] of pattern.cadence) {
      for (const frequency of pattern.frequencies) {
        const oscillator = context.createOscillator();
        oscillator.frequency.value = frequency;
        oscillator.connect(gain);
        oscillator.start(at);
        oscillator.stop(at + on / 1000);
        oscillators.add(oscillator);
      }
      at += (on + off) / 1000;
    }
    if (pattern.repeat) {
      timer = setTimeout(() => {
        // Finished oscillators are done: drop them so a long ring holds a bounded number.
        for (const oscillator of oscillators) oscillator.disconnect();
        oscillators.clear();
        schedule();
      }, cycleLength(pattern));
    }
  };
  const report = (): void => {
    if (stopped) return;
    onState(context.state === 'running' ? 'playing' : 'blocked');
  };
  const setSink = (id: string | undefined): void => {
    void context.setSinkId?.(id ?? '').catch(() => undefined);
  };
  context.addEventListener('statechange', report);
  if (sinkId !== undefined) setSink(sinkId);
  schedule();
  // Without a user gesture the context starts (and stays) suspended: resume() then waits for one.
  void context.resume().catch(() => undefined);
  report();
  return {
    unblock() {
      void context.resume().then(report, () => undefined);
    },
    setSink,
    stop() {
      stopped = true;
      clearTimeout(timer);
      context.removeEventListener('statechange', report);
      for (const oscillator of oscillators) {
        try {
          oscillator.stop();
        } catch {
          // Already stopped by its schedule.
        }
        oscillator.disconnect();
      }
      oscillators.clear();
      gain.disconnect();
      void context.close().catch(() => undefined);
    },
  };
}
