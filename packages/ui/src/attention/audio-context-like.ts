/**
 * The part of Web Audio's `AudioContext` the tone player uses, so tests can hand in a fake and
 * runtimes without Web Audio (server render, happy-dom) simply ring nothing.
 *
 * @example const make: () => AudioContextLike = () => new AudioContext();
 */
export interface AudioContextLike {
  readonly state: string;
  readonly currentTime: number;
  readonly destination: unknown;
  createOscillator(): OscillatorLike;
  createGain(): GainLike;
  resume(): Promise<void>;
  close(): Promise<void>;
  /** Chromium 110+: route the context's output to a chosen speaker. */
  setSinkId?(sinkId: string): Promise<void>;
  addEventListener(type: 'statechange', listener: () => void): void;
  removeEventListener(type: 'statechange', listener: () => void): void;
}

/** The part of an `OscillatorNode` the tone player uses. */
export interface OscillatorLike {
  frequency: { value: number };
  connect(destination: unknown): unknown;
  start(when?: number): void;
  stop(when?: number): void;
  disconnect(): void;
}

/** The part of a `GainNode` the tone player uses. */
export interface GainLike {
  gain: { value: number };
  connect(destination: unknown): unknown;
  disconnect(): void;
}

/** Makes an audio context, or undefined where there is no Web Audio. */
export type AudioContextFactory = () => AudioContextLike | undefined;

/**
 * The browser's `AudioContext` (or WebKit's prefixed one), or undefined where there is none.
 *
 * @example const context = browserAudioContext();
 */
export const browserAudioContext: AudioContextFactory = () => {
  const scope = globalThis as {
    AudioContext?: new () => AudioContextLike;
    webkitAudioContext?: new () => AudioContextLike;
  };
  const Context = scope.AudioContext ?? scope.webkitAudioContext;
  if (Context === undefined) return undefined;
  try {
    return new Context();
  } catch {
    // Too many contexts, or the document is being torn down: ring nothing rather than throw.
    return undefined;
  }
};
