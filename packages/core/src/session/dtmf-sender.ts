import { SingleTimer, type Clock } from '../transport/clock.js';
import { splitTones } from './dtmf-relay.js';
import { resolveDtmfOptions } from '../media/dtmf-options.js';

/** How a tone goes out; `rtp` returns false when there is no RTP DTMF sender (then INFO is used). */
export interface DtmfChannels {
  rtp(tone: string, duration: number, interToneGap: number): boolean;
  info(tone: string, duration: number, extraHeaders: readonly string[]): void;
  /** Reported once per tone as it goes out. */
  sent(tone: string, duration: number): void;
}

/** Options for one `send`. */
export interface DtmfQueueOptions {
  readonly transport: 'rfc4733' | 'info';
  readonly duration?: number;
  readonly interToneGap?: number;
  readonly extraHeaders?: readonly string[];
}

interface QueuedTone {
  readonly tone: string;
  readonly duration: number;
  readonly gap: number;
  readonly transport: 'rfc4733' | 'info';
  readonly extraHeaders: readonly string[];
}

/** A `,` in a tone string waits 2 s, as RTCDTMFSender does. */
const PAUSE_MS = 2000;

/**
 * Plays DTMF tones one at a time, `duration + interToneGap` apart, by RFC 4733 or SIP INFO
 * (`application/dtmf-relay`); later calls queue behind earlier ones, as with RTCDTMFSender.
 */
export class DtmfSender {
  readonly #timer: SingleTimer;
  readonly #channels: DtmfChannels;
  readonly #queue: QueuedTone[] = [];

  constructor(clock: Clock, channels: DtmfChannels) {
    this.#timer = new SingleTimer(clock);
    this.#channels = channels;
  }

  /** Queues `tones`. Throws RangeError for an invalid tone, duration or gap (nothing is queued). */
  send(tones: string, options: DtmfQueueOptions): void {
    // RTCDTMFSender's limits and defaults (media/dtmf-options.ts), applied to INFO too so both
    // transports behave the same.
    const { duration, interToneGap: gap } = resolveDtmfOptions(options);
    const extraHeaders = options.extraHeaders ?? [];
    for (const tone of splitTones(tones)) {
      this.#queue.push({ tone, duration, gap, transport: options.transport, extraHeaders });
    }
    if (!this.#timer.pending) this.#next();
  }

  /** Drops queued tones (the call ended). */
  stop(): void {
    this.#queue.length = 0;
    this.#timer.cancel();
  }

  #next(): void {
    const item = this.#queue.shift();
    if (item === undefined) return;
    if (item.tone === ',') return this.#timer.schedule(PAUSE_MS, () => this.#next());
    const viaRtp =
      item.transport === 'rfc4733' && this.#channels.rtp(item.tone, item.duration, item.gap);
    if (!viaRtp) this.#channels.info(item.tone, item.duration, item.extraHeaders);
    this.#channels.sent(item.tone, item.duration);
    this.#timer.schedule(item.duration + item.gap, () => this.#next());
  }
}
