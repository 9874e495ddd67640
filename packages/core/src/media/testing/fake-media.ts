// Test-only MediaStream / MediaStreamTrack for Node, where WebRTC does not exist. They implement
// the DOM interfaces, so handlers receive them without casts.

let nextId = 1;

/** A track that records `stop()` and can be ended from the test (as the far end would). */
export class FakeMediaStreamTrack extends EventTarget implements MediaStreamTrack {
  contentHint = '';
  enabled = true;
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  readonly muted = false;
  onended: ((this: MediaStreamTrack, ev: Event) => unknown) | null = null;
  onmute: ((this: MediaStreamTrack, ev: Event) => unknown) | null = null;
  onunmute: ((this: MediaStreamTrack, ev: Event) => unknown) | null = null;
  readyState: MediaStreamTrackState = 'live';
  stopCalls = 0;

  constructor(kind: 'audio' | 'video') {
    super();
    this.kind = kind;
    this.id = `${kind}-${nextId++}`;
    this.label = `fake ${kind}`;
  }

  applyConstraints(): Promise<void> {
    return Promise.resolve();
  }

  clone(): MediaStreamTrack {
    return new FakeMediaStreamTrack(this.kind === 'video' ? 'video' : 'audio');
  }

  getCapabilities(): MediaTrackCapabilities {
    return {};
  }

  getConstraints(): MediaTrackConstraints {
    return {};
  }

  getSettings(): MediaTrackSettings {
    return {};
  }

  stop(): void {
    this.stopCalls += 1;
    this.readyState = 'ended';
  }

  /** The source went away: fires `ended` (which `stop()` does not, as in browsers). */
  end(): void {
    this.readyState = 'ended';
    this.dispatchEvent(new Event('ended'));
  }
}

/** A stream over plain track lists. */
export class FakeMediaStream extends EventTarget implements MediaStream {
  readonly id = `stream-${nextId++}`;
  onaddtrack: ((this: MediaStream, ev: MediaStreamTrackEvent) => unknown) | null = null;
  onremovetrack: ((this: MediaStream, ev: MediaStreamTrackEvent) => unknown) | null = null;
  private readonly tracks: MediaStreamTrack[];

  constructor(tracks: MediaStreamTrack[] = []) {
    super();
    this.tracks = [...tracks];
  }

  get active(): boolean {
    return this.tracks.some((track) => track.readyState === 'live');
  }

  addTrack(track: MediaStreamTrack): void {
    if (!this.tracks.includes(track)) this.tracks.push(track);
  }

  removeTrack(track: MediaStreamTrack): void {
    const index = this.tracks.indexOf(track);
    if (index >= 0) this.tracks.splice(index, 1);
  }

  clone(): MediaStream {
    return new FakeMediaStream(this.tracks.map((track) => track.clone()));
  }

  getTracks(): MediaStreamTrack[] {
    return [...this.tracks];
  }

  getAudioTracks(): MediaStreamTrack[] {
    return this.tracks.filter((track) => track.kind === 'audio');
  }

  getVideoTracks(): MediaStreamTrack[] {
    return this.tracks.filter((track) => track.kind === 'video');
  }

  getTrackById(id: string): MediaStreamTrack | null {
    return this.tracks.find((track) => track.id === id) ?? null;
  }
}

/** A stream with one fresh track per kind, e.g. `fakeStream('audio', 'video')`. */
export function fakeStream(...kinds: ('audio' | 'video')[]): FakeMediaStream {
  return new FakeMediaStream(kinds.map((kind) => new FakeMediaStreamTrack(kind)));
}
