import { fieldsOf, isFailureReport, numbersAt } from '../../guards.js';
import { contenderIds, type ContenderId } from '../../lab/contender.js';

export type MemoryMode = 'idle' | 'call';

export interface MemoryJob {
  readonly contender: ContenderId;
  readonly mode: MemoryMode;
  /** UAs (idle) or established calls (call) held at once. */
  readonly count: number;
  /** Made and thrown away first, so lazily built module state and JIT code are in the baseline. */
  readonly warmup: number;
}

export type MemoryOutcome =
  | { readonly kind: 'failed'; readonly version: string; readonly reason: string }
  | {
      readonly kind: 'measured';
      readonly version: string;
      /** heapUsed growth per UA, or per call once the calls are 40 s old, in bytes. */
      readonly bytesEach: number;
      /** Calls only: per call right after setup (transactions still in their 32 s wait states). */
      readonly setupEach: number | undefined;
      /** Calls only: heap left per call 40 s after every call was hung up (should be about 0). */
      readonly leftEach: number | undefined;
      /** Calls only: timers still scheduled at the end (a registration refresh is expected). */
      readonly timersLeft: number | undefined;
    };

export function isMemoryJob(value: unknown): value is MemoryJob {
  const job = fieldsOf(value);
  return (
    job !== undefined &&
    contenderIds.includes(job['contender'] as ContenderId) &&
    (job['mode'] === 'idle' || job['mode'] === 'call') &&
    numbersAt(job, ['count', 'warmup'])
  );
}

export function isMemoryOutcome(value: unknown): value is MemoryOutcome {
  const outcome = fieldsOf(value);
  if (outcome === undefined || typeof outcome['version'] !== 'string') return false;
  if (isFailureReport(outcome)) return true;
  return (
    outcome['kind'] === 'measured' &&
    numbersAt(outcome, ['bytesEach']) &&
    ['setupEach', 'leftEach', 'timersLeft'].every(
      (key) => outcome[key] === undefined || typeof outcome[key] === 'number',
    )
  );
}
