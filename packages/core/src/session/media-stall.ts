import { SingleTimer, type Clock } from '../transport/clock.js';

/** How often the inbound audio counter is read while a call is watched. */
export const STALL_POLL_MS = 500;
/**
 * Reads in a row without a new audio packet that make a stall: about 1 s of silence on the wire.
 * A voice stream carries 50 packets a second (20 ms frames, RFC 7587 §4.2), so a second without
 * one is no jitter; it is a path that broke, about 4 s before ICE consent checks say
 * `disconnected` (RFC 7675 §5.1 lets them go 30 s; Chromium reports after ~5 s).
 */
const STALL_READS = 2;

/** What the watch reads and whom it tells. */
export interface MediaStallWatchParts {
  readonly clock: Clock;
  /** The audio packets received so far (`MediaHandler.audioPacketsReceived`). */
  readonly read: () => Promise<number | undefined>;
  /** Whether the call should be receiving audio now (up, not on hold either way). */
  readonly expectsMedia: () => boolean;
  /** The count stopped rising for ~1 s after it had been rising. */
  readonly stalled: () => void;
  /** It rises again after a stall. */
  readonly flowing: () => void;
}

/**
 * Notices a media path that broke from the inbound audio RTP count, before ICE does: while the
 * call expects media, the count is read every 500 ms; one that rose before (or had risen
 * before the call was confirmed) and then does not for two reads in a row is a stall. A count that never rose (the far end sends nothing, e.g. a
 * gateway with voice activity detection before anyone spoke) is no stall; hold stops the watch
 * and a new baseline is taken after it. One timer per call, and one stats read per tick.
 *
 * @example
 * const watch = new MediaStallWatch({ clock, read: () => media.audioPacketsReceived!(),
 *   expectsMedia: () => !onHold, stalled: () => probe(), flowing: () => healed() });
 * watch.start(); // when the call is confirmed; watch.stop() on hold and at the end
 */
export class MediaStallWatch {
  readonly #parts: MediaStallWatchParts;
  readonly #timer: SingleTimer;
  /** Bumped by `stop()`, so a read that resolves afterwards is ignored. */
  #generation = 0;
  #running = false;
  #last: number | undefined;
  /** The count rose at least once since the baseline. */
  #armed = false;
  #flatReads = 0;
  #stalled = false;
  /** A first read above 0 arms the watch (see `start`). */
  #sentBefore = false;

  constructor(parts: MediaStallWatchParts) {
    this.#parts = parts;
    this.#timer = new SingleTimer(parts.clock);
  }

  /** True from a stall until the count rises again (or the watch stops). */
  get stalled(): boolean {
    return this.#stalled;
  }

  /**
   * Starts watching with a new baseline; a no-op while running. With `sentBefore` (the call just
   * got confirmed) a baseline above 0 already counts as media that flowed: the path may break
   * before the first rise is seen (a link lost within a second of the answer). After a hold the
   * far end may take a while to send again, so there the count must rise first.
   */
  start(sentBefore = false): void {
    if (this.#running) return;
    this.#running = true;
    this.#reset();
    this.#sentBefore = sentBefore;
    this.#schedule();
  }

  /** Stops watching: nothing stays scheduled, a read in flight is ignored. */
  stop(): void {
    this.#running = false;
    this.#generation += 1;
    this.#timer.cancel();
    this.#reset();
  }

  #schedule(): void {
    this.#timer.schedule(STALL_POLL_MS, () => this.#tick());
  }

  #tick(): void {
    // Between a hold's offer and its answer no event stops the watch: no read, a new baseline.
    if (!this.#parts.expectsMedia()) {
      this.#reset();
      return this.#schedule();
    }
    const generation = this.#generation;
    const next = (count: number | undefined): void => {
      if (generation !== this.#generation) return;
      this.#sample(count);
      this.#schedule();
    };
    this.#parts.read().then(next, () => next(undefined));
  }

  #sample(count: number | undefined): void {
    if (count === undefined) return;
    const last = this.#last;
    this.#last = count;
    if (last === undefined) {
      this.#armed = this.#sentBefore && count > 0;
      return;
    }
    if (count !== last) {
      this.#armed = true;
      this.#flatReads = 0;
      if (!this.#stalled) return;
      this.#stalled = false;
      return this.#parts.flowing();
    }
    if (!this.#armed || this.#stalled) return;
    this.#flatReads += 1;
    if (this.#flatReads < STALL_READS) return;
    this.#stalled = true;
    this.#parts.stalled();
  }

  #reset(): void {
    this.#sentBefore = false;
    this.#last = undefined;
    this.#armed = false;
    this.#flatReads = 0;
    this.#stalled = false;
  }
}
