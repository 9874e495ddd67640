import { fieldsOf, isFailureReport } from '../../guards.js';

/** Commits per component, per phase of the call. */
export interface RenderCounts {
  readonly component: string;
  /** Placing the call until it is confirmed. */
  readonly setup: number;
  /** Ten ticks of the call timer (10 s of the call). */
  readonly tenTicks: number;
  /** Hanging up until the call shows as ended. */
  readonly hangup: number;
}

export type ReactOutcome =
  | { readonly kind: 'failed'; readonly reason: string }
  | {
      readonly kind: 'measured';
      readonly version: string;
      readonly counts: readonly RenderCounts[];
    };

export function isReactOutcome(value: unknown): value is ReactOutcome {
  const outcome = fieldsOf(value);
  if (outcome === undefined) return false;
  if (isFailureReport(outcome)) return true;
  return outcome['kind'] === 'measured' && Array.isArray(outcome['counts']);
}
