import { fieldsOf, isFailureReport, numbersAt } from '../../guards.js';
import { contenderIds, type ContenderId } from '../../lab/contender.js';

export interface ScaleJob {
  readonly contender: ContenderId;
  /** Calls up at once at the peak. */
  readonly calls: number;
  /** INVITEs sent together; the next wave goes when all of a wave are answered. */
  readonly wave: number;
  /** Calls made and hung up first, so the JIT has compiled the call path. */
  readonly warmup: number;
}

export type ScaleOutcome =
  | { readonly kind: 'failed'; readonly version: string; readonly reason: string }
  | {
      readonly kind: 'measured';
      readonly version: string;
      readonly calls: number;
      /** Calls the UA held at the peak (must equal `calls`). */
      readonly peakCalls: number;
      /** From the first INVITE to the last 200 of the ramp, in ms. */
      readonly setupWallMs: number;
      /** INVITE sent to 200 received, per call, in ms. */
      readonly setupLatencyMs: readonly number[];
      /** From the first BYE to the last 200, in ms. */
      readonly teardownWallMs: number;
      /** Process CPU time (user + system) over ramp and teardown, in µs. */
      readonly cpuMicros: number;
      /** SIP messages the UA received plus those it sent, over ramp and teardown. */
      readonly messages: number;
    };

export function isScaleJob(value: unknown): value is ScaleJob {
  const job = fieldsOf(value);
  return (
    job !== undefined &&
    contenderIds.includes(job['contender'] as ContenderId) &&
    numbersAt(job, ['calls', 'wave', 'warmup'])
  );
}

export function isScaleOutcome(value: unknown): value is ScaleOutcome {
  const outcome = fieldsOf(value);
  if (outcome === undefined) return false;
  if (isFailureReport(outcome)) return true;
  return (
    outcome['kind'] === 'measured' &&
    Array.isArray(outcome['setupLatencyMs']) &&
    numbersAt(outcome, [
      'calls',
      'peakCalls',
      'setupWallMs',
      'teardownWallMs',
      'cpuMicros',
      'messages',
    ])
  );
}
