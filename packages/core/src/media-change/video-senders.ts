import type { VideoSlot, VideoSlots } from '../media/video-slots.js';

/** What a video track we send shows: the camera, or a shared screen (RFC 4796 `slides`). */
export type VideoRole = 'camera' | 'screen';

interface Sending {
  readonly slot: VideoSlot;
  readonly track: MediaStreamTrack;
  /** The camera this screen share displaced on the same sender (`replace: 'camera'`). */
  replaced: MediaStreamTrack | undefined;
}

/**
 * Which video slot carries the camera and which the screen, over a call's `VideoSlots`. Each
 * change says whether an offer is needed: a track swapped on a sender that already sends
 * (`replaceTrack`) needs none; a sender that starts or stops sending changes its direction
 * (RFC 3264 §8.2 / §8.3), which the far end must be offered.
 *
 * @example
 * ```ts
 * const senders = new VideoSenders(slots);
 * if (await senders.start('camera', track)) await session.renegotiate();
 * ```
 */
export class VideoSenders {
  readonly #slots: VideoSlots;
  readonly #sending = new Map<VideoRole, Sending>();

  /** A call placed or answered with video already sends its camera on the first busy slot. */
  constructor(slots: VideoSlots) {
    this.#slots = slots;
    const camera = slots.list().find((slot) => slot.track !== null);
    if (camera?.track != null)
      this.#sending.set('camera', { slot: camera, track: camera.track, replaced: undefined });
  }

  /** The track sent as `role` now. */
  track(role: VideoRole): MediaStreamTrack | undefined {
    return this.#sending.get(role)?.track;
  }

  /** The camera a screen share displaced (it comes back when the share stops). */
  get displacedCamera(): MediaStreamTrack | undefined {
    return this.#sending.get('screen')?.replaced;
  }

  /** The `a=mid` of the section carrying `role`. */
  mid(role: VideoRole): string | undefined {
    return this.#sending.get(role)?.slot.mid ?? undefined;
  }

  /**
   * Sends `track` as `role`. With `replace`, on the sender of that role when it sends (no offer
   * needed); else on this role's sender, a free video sender (`preferMid` first) or a new one.
   * Resolves true when an offer must follow.
   */
  async start(
    role: VideoRole,
    track: MediaStreamTrack,
    options: {
      readonly replace?: VideoRole | undefined;
      readonly preferMid?: string | undefined;
      readonly stream?: MediaStream | undefined;
    } = {},
  ): Promise<boolean> {
    const own = this.#sending.get(role);
    if (own !== undefined) {
      await own.slot.replaceTrack(track);
      this.#sending.set(role, { ...own, track });
      return false;
    }
    const other = options.replace === undefined ? undefined : this.#sending.get(options.replace);
    if (other !== undefined && options.replace !== undefined) {
      await other.slot.replaceTrack(track);
      this.#sending.delete(options.replace);
      this.#sending.set(role, { slot: other.slot, track, replaced: other.track });
      return false;
    }
    const free = this.#freeSlot(options.preferMid);
    if (free !== undefined) {
      await free.replaceTrack(track);
      this.#sending.set(role, { slot: free, track, replaced: undefined });
    } else {
      this.#sending.set(role, {
        slot: this.#slots.add(track, options.stream),
        track,
        replaced: undefined,
      });
    }
    return true;
  }

  /**
   * Stops sending `role`; a screen share that displaced the camera gives the camera its sender
   * back (no offer needed). The slot stays, sending nothing, for the next start to reuse.
   * Resolves true when an offer must follow.
   */
  async stop(role: VideoRole): Promise<boolean> {
    const screen = this.#sending.get('screen');
    if (role === 'camera' && screen?.replaced !== undefined) {
      // The camera is off the air already: forget it, the share keeps its sender.
      screen.replaced = undefined;
      return false;
    }
    const sending = this.#sending.get(role);
    if (sending === undefined) return false;
    this.#sending.delete(role);
    if (sending.replaced !== undefined) {
      await sending.slot.replaceTrack(sending.replaced);
      this.#sending.set('camera', {
        slot: sending.slot,
        track: sending.replaced,
        replaced: undefined,
      });
      return false;
    }
    await sending.slot.replaceTrack(null);
    return true;
  }

  #freeSlot(preferMid: string | undefined): VideoSlot | undefined {
    const used = new Set([...this.#sending.values()].map((sending) => sending.slot));
    const free = this.#slots.list().filter((slot) => slot.track === null && !used.has(slot));
    return free.find((slot) => preferMid !== undefined && slot.mid === preferMid) ?? free[0];
  }
}
