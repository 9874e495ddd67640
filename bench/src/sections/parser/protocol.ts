import type { Fields } from './fields.js';
import { isFields } from './fields.js';
import type { WarmUpLimits } from './measure.js';

/** What the parent asks one worker process to do. */
export interface ParserJob {
  readonly library: string;
  readonly warmup: WarmUpLimits;
  /** Timed samples after warm-up; each sample is whole corpus passes for `sampleMs`. */
  readonly measure: { readonly samples: number; readonly sampleMs: number };
}

/** What the worker answers: the library could not load, could not parse the corpus, or was timed. */
export type ParserOutcome =
  | { readonly kind: 'unavailable'; readonly reason: string }
  | { readonly kind: 'failed'; readonly version: string; readonly reason: string }
  | {
      readonly kind: 'measured';
      readonly version: string;
      /** What the library read from each corpus message, in corpus order. */
      readonly fields: readonly Fields[];
      /** Messages per second of each timed sample. */
      readonly sampleRates: readonly number[];
      /** Totals over all samples. */
      readonly messages: number;
      readonly bytes: number;
      readonly seconds: number;
      readonly warmupSeconds: number;
      /**
       * Process CPU time during the timed run. Well below `seconds` means the process waited for a
       * CPU (other work on the machine), so its wall-clock rate is pessimistic.
       */
      readonly cpuSeconds: number;
    };

function has(value: object, key: string, type: 'string' | 'number'): boolean {
  return typeof (value as Record<string, unknown>)[key] === type;
}

export function isParserJob(value: unknown): value is ParserJob {
  return (
    typeof value === 'object' &&
    value !== null &&
    has(value, 'library', 'string') &&
    'warmup' in value &&
    typeof value.warmup === 'object' &&
    value.warmup !== null &&
    has(value.warmup, 'minMs', 'number') &&
    has(value.warmup, 'maxMs', 'number') &&
    has(value.warmup, 'sliceMs', 'number') &&
    has(value.warmup, 'stableSlices', 'number') &&
    'measure' in value &&
    typeof value.measure === 'object' &&
    value.measure !== null &&
    has(value.measure, 'samples', 'number') &&
    has(value.measure, 'sampleMs', 'number')
  );
}

/** Validates what came over IPC, so a broken worker is reported rather than misread. */
export function isParserOutcome(value: unknown): value is ParserOutcome {
  if (typeof value !== 'object' || value === null || !('kind' in value)) return false;
  switch (value.kind) {
    case 'unavailable':
      return has(value, 'reason', 'string');
    case 'failed':
      return has(value, 'version', 'string') && has(value, 'reason', 'string');
    case 'measured':
      return (
        has(value, 'version', 'string') &&
        'sampleRates' in value &&
        Array.isArray(value.sampleRates) &&
        value.sampleRates.length > 0 &&
        value.sampleRates.every((rate) => typeof rate === 'number') &&
        has(value, 'messages', 'number') &&
        has(value, 'bytes', 'number') &&
        has(value, 'seconds', 'number') &&
        has(value, 'warmupSeconds', 'number') &&
        has(value, 'cpuSeconds', 'number') &&
        'fields' in value &&
        Array.isArray(value.fields) &&
        value.fields.every(isFields)
      );
    default:
      return false;
  }
}
