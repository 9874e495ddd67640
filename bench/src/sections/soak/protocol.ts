import { fieldsOf, isFailureReport, numbersAt } from '../../guards.js';

export interface SoakJob {
  readonly cycles: number;
  /** Cycles run before the baseline: the bounded traffic log fills, code is compiled. */
  readonly warmup: number;
}

/** What the network and the long-lived UA hold at one moment. */
export interface SoakSnapshot {
  readonly heapUsed: number;
  readonly timers: number;
  readonly openConnections: number;
  readonly bobSessions: number;
  readonly registeredAors: number;
}

export type SoakOutcome =
  | { readonly kind: 'failed'; readonly reason: string; readonly cyclesDone: number }
  | {
      readonly kind: 'measured';
      readonly version: string;
      readonly cycles: number;
      readonly seconds: number;
      readonly baseline: SoakSnapshot;
      /** Right after the last cycle, before the 32 s transaction timers ran out. */
      readonly end: SoakSnapshot;
      /** 40 s of virtual time later. */
      readonly settled: SoakSnapshot;
    };

export function isSoakOutcome(value: unknown): value is SoakOutcome {
  const outcome = fieldsOf(value);
  if (outcome === undefined) return false;
  if (isFailureReport(outcome)) return true;
  return (
    outcome['kind'] === 'measured' &&
    numbersAt(outcome, ['seconds']) &&
    ['baseline', 'end', 'settled'].every((key) => fieldsOf(outcome[key]) !== undefined)
  );
}
