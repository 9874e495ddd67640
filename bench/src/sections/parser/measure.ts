import type { Fields } from './fields.js';
import { score } from './fields.js';

export interface Measurement {
  readonly passes: number;
  readonly nanoseconds: bigint;
  readonly checksum: number;
}

/**
 * Runs whole corpus passes in batches until `durationMs` has elapsed. The clock is read once per
 * batch, not per message, so its cost stays out of fast parsers' numbers; every result is folded
 * into a checksum so the optimiser cannot drop any work.
 */
export function measure(
  extract: (text: string) => Fields,
  texts: readonly string[],
  durationMs: number,
  passesPerBatch: number,
): Measurement {
  let checksum = 0;
  let passes = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(durationMs * 1e6));
  let now: bigint;
  do {
    for (let batch = 0; batch < passesPerBatch; batch++) {
      for (let i = 0; i < texts.length; i++) {
        checksum += score(extract(texts[i] ?? ''));
      }
    }
    passes += passesPerBatch;
    now = process.hrtime.bigint();
  } while (now < deadline);
  return { passes, nanoseconds: now - start, checksum };
}

/** How many passes fit in about a millisecond, from a measurement: a batch size for the next one. */
export function passesPerMillisecond(m: Measurement): number {
  const ms = Number(m.nanoseconds) / 1e6;
  return Math.max(1, Math.floor(m.passes / Math.max(ms, 1e-3)));
}

export interface WarmUp {
  /** How long it took until throughput stopped improving. */
  readonly milliseconds: number;
  /** Batch size for the timed run: corpus passes per millisecond at the end of warm-up. */
  readonly passesPerBatch: number;
}

/** When warm-up may end: see warmUp. */
export interface WarmUpLimits {
  readonly minMs: number;
  readonly maxMs: number;
  readonly sliceMs: number;
  /** Consecutive slices without a new best (by more than 5%) that count as steady. */
  readonly stableSlices: number;
}

/**
 * Runs slices of `sliceMs` until throughput has stopped improving for `stableSlices` slices (none
 * more than 5% faster than the best so far) after at least `minMs`, or until `maxMs`. A fixed
 * warm-up does not fit all: the naive splitter is optimised within milliseconds, while V8 needs
 * seconds for the large generated grammars of JsSIP and SIP.js, and longer when other work competes
 * for the CPU; and their throughput rises in steps, so one flat slice does not mean steady. The 5%
 * margin keeps ordinary slice-to-slice noise from counting as improvement.
 */
export function warmUp(
  extract: (text: string) => Fields,
  texts: readonly string[],
  limits: WarmUpLimits,
): WarmUp {
  const started = process.hrtime.bigint();
  let best = 0;
  let flat = 0;
  let batch = 1;
  for (;;) {
    const slice = measure(extract, texts, limits.sliceMs, batch);
    batch = passesPerMillisecond(slice);
    const rate = slice.passes / Number(slice.nanoseconds);
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    flat = rate > best * 1.05 ? 0 : flat + 1;
    best = Math.max(best, rate);
    if ((elapsedMs >= limits.minMs && flat >= limits.stableSlices) || elapsedMs >= limits.maxMs) {
      return { milliseconds: elapsedMs, passesPerBatch: batch };
    }
  }
}
