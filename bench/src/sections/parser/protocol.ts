import type { Fields } from './fields.js';
import { isFields } from './fields.js';

/** What the parent asks one worker process to do. */
export interface ParserJob {
  readonly library: string;
  /** Warm up for at least minMs, until throughput stops improving, and at most maxMs. */
  readonly warmup: { readonly minMs: number; readonly maxMs: number; readonly sliceMs: number };
  readonly measureMs: number;
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
    has(value, 'measureMs', 'number')
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
