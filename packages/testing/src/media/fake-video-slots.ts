import type { VideoSlot, VideoSlots } from '@sipkit/core';
import { FakeMediaTrack } from './fake-media-track.js';
import type { FakeSection } from './fake-sdp.js';

/**
 * The video senders of a `FakeMediaHandler` (its `videoSlots`): one slot per live video section
 * (negotiated, offered by the far end and not answered yet, or added and not offered yet). What a
 * slot sends decides the section's direction in the next offer or answer, as a WebRTC sender's
 * track does (`sendrecv` with a track, `recvonly` without). Remote tracks are `FakeMediaTrack`s,
 * one per section.
 *
 * @example
 * ```ts
 * handler.videoSlots.list()[0]?.replaceTrack(null); // the next offer says recvonly
 * ```
 */
export class FakeVideoSlots implements VideoSlots {
  readonly #mids: () => readonly string[];
  readonly #sending = new Map<string, MediaStreamTrack | null>();
  readonly #slots = new Map<string, VideoSlot>();
  readonly #remote = new Map<string, FakeMediaTrack>();
  #pending: FakeSection[] = [];
  #nextMid: () => string;

  /** `mids`: the live video sections' mids; `nextMid`: a fresh mid for an added section. */
  constructor(mids: () => readonly string[], nextMid: () => string) {
    this.#mids = mids;
    this.#nextMid = nextMid;
  }

  list(): readonly VideoSlot[] {
    const mids = [...new Set([...this.#mids(), ...this.#pending.map((section) => section.mid)])];
    return mids.map((mid) => this.#slot(mid));
  }

  add(track: MediaStreamTrack): VideoSlot {
    const mid = this.#nextMid();
    this.#pending.push({ media: 'video', direction: 'sendrecv', mid });
    this.#sending.set(mid, track);
    return this.#slot(mid);
  }

  /** True when the section `mid` has a track to send. */
  sends(mid: string): boolean {
    return (this.#sending.get(mid) ?? null) !== null;
  }

  /** The call's own video (constraints asked for it) goes on section `mid`, once. */
  placeInitial(mid: string): void {
    if (!this.#sending.has(mid))
      this.#sending.set(mid, new FakeMediaTrack('video', 'camera').asTrack);
  }

  /** The sections added since the last offer; they go into this one. */
  takePending(): FakeSection[] {
    const pending = this.#pending;
    this.#pending = [];
    return pending;
  }

  /** The pending sections' mids (for fresh mids). */
  get pendingCount(): number {
    return this.#pending.length;
  }

  #slot(mid: string): VideoSlot {
    let slot = this.#slots.get(mid);
    if (slot === undefined) {
      const sending = this.#sending;
      const remote = this.#remote;
      slot = {
        mid,
        get track() {
          return sending.get(mid) ?? null;
        },
        get remoteTrack() {
          let track = remote.get(mid);
          if (track === undefined) {
            track = new FakeMediaTrack('video', `remote ${mid}`);
            remote.set(mid, track);
          }
          return track.asTrack;
        },
        replaceTrack: (track) => {
          sending.set(mid, track);
          return Promise.resolve();
        },
      };
      this.#slots.set(mid, slot);
    }
    return slot;
  }
}
