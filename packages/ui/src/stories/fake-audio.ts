import type {
  AudioContextFactory,
  AudioContextLike,
  GainLike,
  OscillatorLike,
} from '../attention/audio-context-like.js';

/** One oscillator the fake made: its frequency and when it was scheduled to sound. */
export interface FakeTone {
  readonly frequency: number;
  start: number | undefined;
  stop: number | undefined;
  connected: boolean;
}

/**
 * A Web Audio `AudioContext` that records what it is asked to play instead of making sound, so
 * ringing stories behave the same in every browser and in tests. With `autoplay` false it acts
 * as a browser before the first click: it stays `suspended` through the automatic `resume()`,
 * and the next one (the "Enable sound" click) starts it.
 */
export class FakeAudioContext implements AudioContextLike {
  state = 'suspended';
  currentTime = 0;
  readonly destination = {};
  readonly tones: FakeTone[] = [];
  sinkId = '';
  #resumes = 0;
  readonly #autoplay: boolean;
  readonly #listeners = new Set<() => void>();

  constructor(autoplay: boolean) {
    this.#autoplay = autoplay;
  }

  createOscillator(): OscillatorLike {
    const tone: FakeTone = { frequency: 0, start: undefined, stop: undefined, connected: false };
    this.tones.push(tone);
    return {
      frequency: {
        get value() {
          return tone.frequency;
        },
        set value(hz: number) {
          (tone as { frequency: number }).frequency = hz;
        },
      },
      connect: () => void (tone.connected = true),
      start: (when) => void (tone.start = when ?? this.currentTime),
      stop: (when) => void (tone.stop = when ?? this.currentTime),
      disconnect: () => void (tone.connected = false),
    };
  }

  createGain(): GainLike {
    return { gain: { value: 1 }, connect: () => undefined, disconnect: () => undefined };
  }

  resume(): Promise<void> {
    this.#resumes += 1;
    if (this.state === 'closed') return Promise.reject(new Error('closed'));
    if (!this.#autoplay && this.#resumes === 1) return new Promise(() => undefined);
    this.#set('running');
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.#set('closed');
    return Promise.resolve();
  }

  setSinkId(sinkId: string): Promise<void> {
    this.sinkId = sinkId;
    return Promise.resolve();
  }

  addEventListener(_type: 'statechange', listener: () => void): void {
    this.#listeners.add(listener);
  }

  removeEventListener(_type: 'statechange', listener: () => void): void {
    this.#listeners.delete(listener);
  }

  /** Frequencies of the oscillators still connected (what would be heard this cycle). */
  get sounding(): number[] {
    return this.state === 'running'
      ? this.tones.filter((tone) => tone.connected).map((tone) => tone.frequency)
      : [];
  }

  #set(state: string): void {
    if (this.state === state) return;
    this.state = state;
    for (const listener of this.#listeners) listener();
  }
}

/** A factory of fake contexts that keeps every context it made, newest last. */
export interface FakeAudio {
  readonly factory: AudioContextFactory;
  readonly contexts: FakeAudioContext[];
  /** The newest context not closed, if any. */
  live(): FakeAudioContext | undefined;
}

/**
 * Fake Web Audio for stories and tests.
 *
 * @example const audio = fakeAudio({ autoplay: false }); <IncomingCallBanner audioContext={audio.factory} />
 */
export function fakeAudio({ autoplay }: { readonly autoplay: boolean }): FakeAudio {
  const contexts: FakeAudioContext[] = [];
  return {
    factory: () => {
      const context = new FakeAudioContext(autoplay);
      contexts.push(context);
      return context;
    },
    contexts,
    live: () => contexts.filter((context) => context.state !== 'closed').at(-1),
  };
}

/**
 * The fake Web Audio the ringing stories use (what rings is recorded, not heard; tests read
 * it): `allowed` plays at once, `blocked` waits for a click as browsers do before one.
 */
export const storyAudio = {
  allowed: fakeAudio({ autoplay: true }),
  blocked: fakeAudio({ autoplay: false }),
} as const;
