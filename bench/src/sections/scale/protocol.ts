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
  if (typeof value !== 'object' || value === null) return false;
  const job = value as Record<string, unknown>;
  return (
    contenderIds.includes(job['contender'] as ContenderId) &&
    ['calls', 'wave', 'warmup'].every((key) => typeof job[key] === 'number')
  );
}

export function isScaleOutcome(value: unknown): value is ScaleOutcome {
  if (typeof value !== 'object' || value === null) return false;
  const outcome = value as Record<string, unknown>;
  if (outcome['kind'] === 'failed') return typeof outcome['reason'] === 'string';
  return (
    outcome['kind'] === 'measured' &&
    Array.isArray(outcome['setupLatencyMs']) &&
    ['calls', 'peakCalls', 'setupWallMs', 'teardownWallMs', 'cpuMicros', 'messages'].every(
      (key) => typeof outcome[key] === 'number',
    )
  );
}
