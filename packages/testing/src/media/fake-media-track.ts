let nextTrackId = 1;

/**
 * A `MediaStreamTrack` stand-in for Node tests: kind, label, `enabled`, `readyState`, `stop()`,
 * `contentHint` and the `ended` event. `end()` plays the track ending by itself, as a screen
 * share does when the user presses the browser's "Stop sharing".
 *
 * @example
 * ```ts
 * const screen = new FakeMediaTrack('video', 'screen');
 * screen.end(); // listeners of 'ended' run, readyState is 'ended'
 * ```
 */
export class FakeMediaTrack {
  readonly kind: 'audio' | 'video';
  readonly label: string;
  readonly id = `fake-track-${nextTrackId++}`;
  enabled = true;
  contentHint = '';
  readyState: 'live' | 'ended' = 'live';
  /** How often `stop()` was called (the device released once is enough). */
  stops = 0;
  readonly #ended = new Set<() => void>();

  constructor(kind: 'audio' | 'video', label: string = kind) {
    this.kind = kind;
    this.label = label;
  }

  /** This object typed as the DOM track it stands in for. */
  get asTrack(): MediaStreamTrack {
    return this as unknown as MediaStreamTrack;
  }

  stop(): void {
    this.stops += 1;
    this.readyState = 'ended';
  }

  /** The track ends without `stop()` (device unplugged, browser's "Stop sharing"). */
  end(): void {
    if (this.readyState === 'ended') return;
    this.readyState = 'ended';
    for (const listener of [...this.#ended]) listener();
  }

  addEventListener(type: string, listener: () => void, options?: { once?: boolean }): void {
    if (type !== 'ended') return;
    const wrapped =
      options?.once === true
        ? (): void => {
            this.#ended.delete(wrapped);
            listener();
          }
        : listener;
    this.#ended.add(wrapped);
  }

  removeEventListener(type: string, listener: () => void): void {
    if (type === 'ended') this.#ended.delete(listener);
  }
}

/**
 * A `MediaStream` stand-in holding `tracks` (getTracks, getVideoTracks, getAudioTracks,
 * addTrack, removeTrack).
 *
 * @example fakeStream([new FakeMediaTrack('video').asTrack]).getVideoTracks().length // 1
 */
export function fakeStream(tracks: readonly MediaStreamTrack[] = []): MediaStream {
  const list = [...tracks];
  const stream = {
    id: `fake-stream-${nextTrackId++}`,
    getTracks: () => [...list],
    getAudioTracks: () => list.filter((track) => track.kind === 'audio'),
    getVideoTracks: () => list.filter((track) => track.kind === 'video'),
    addTrack: (track: MediaStreamTrack) => {
      if (!list.includes(track)) list.push(track);
    },
    removeTrack: (track: MediaStreamTrack) => {
      const at = list.indexOf(track);
      if (at >= 0) list.splice(at, 1);
    },
  };
  return stream as unknown as MediaStream;
}
