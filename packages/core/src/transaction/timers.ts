import { DEV } from '../diagnostics/dev-mode.js';
// Transaction timers for a reliable transport (SIP over WebSocket, RFC 7118 §5: WebSocket is
// reliable, so every "unreliable transports only" rule of RFC 3261 §17 is off).
//
// | timer | value here | RFC 3261 / RFC 6026 rule                  | section        | used for                          |
// | ----- | ---------- | ----------------------------------------- | -------------- | --------------------------------- |
// | T1    | 500 ms     | RTT estimate, default 500 ms              | §17.1.1.1      | base of every 64*T1 timer         |
// | T2    | 4 s        | max retransmit interval                   | §17.1.2.2      | unused: nothing is retransmitted  |
// | T4    | 5 s        | max time a message stays in the network   | §17.1.2.2      | unused: K and I are 0 when reliable |
// | A     | —          | INVITE request retransmit, UDP only       | §17.1.1.2      | not used (reliable)               |
// | B     | 64*T1      | INVITE transaction timeout                | §17.1.1.2      | INVITE client, Calling            |
// | D     | 0          | 0 s for reliable transports               | §17.1.1.2      | INVITE client, Completed          |
// | E     | —          | non-INVITE request retransmit, UDP only   | §17.1.2.2      | not used (reliable)               |
// | F     | 64*T1      | non-INVITE transaction timeout            | §17.1.2.2      | non-INVITE client, Trying/Proceeding |
// | G     | —          | INVITE response retransmit, UDP only      | §17.2.1        | not used (reliable)               |
// | H     | 64*T1      | wait for ACK, all transports              | §17.2.1        | INVITE server, Completed          |
// | I     | 0          | 0 s for reliable transports               | §17.2.1        | INVITE server, Confirmed          |
// | J     | 0          | 0 s for reliable transports               | §17.2.2        | non-INVITE server, Completed      |
// | K     | 0          | 0 s for reliable transports               | §17.1.2.2      | non-INVITE client, Completed      |
// | L     | 64*T1      | wait for INVITE retransmits after a 2xx   | RFC 6026 §8    | INVITE server, Accepted           |
// | M     | 64*T1      | wait for 2xx retransmits / forked 2xx     | RFC 6026 §8    | INVITE client, Accepted           |
//
// RFC 6026 §8 updates RFC 3261 §17.1.1.2 (client Accepted state, Timer M), §17.2.1 (server
// Accepted state, Timer L) and Table 4 (adds L and M).
//
// A timer of 0 does not go through the clock: the transaction moves on at once, so a finished
// transaction never leaves a zero-delay timeout behind.

/**
 * Overrides for the transaction timers, in milliseconds. T1, T2 and T4 default to RFC 3261
 * Table 4 (500, 4000, 5000); the lettered timers default to the reliable-transport values
 * derived from T1 (see the table in `timers.ts`). Only T1 (through B, F, H, L, M) changes
 * behaviour on WebSocket: T2 and T4 are accepted for completeness and validated.
 *
 * @example
 * const layer = new TransactionLayer({ send, timers: { t1: 250 } }); // B = F = H = 16 s
 */
export interface TransactionTimerOptions {
  readonly t1?: number | undefined;
  readonly t2?: number | undefined;
  readonly t4?: number | undefined;
  readonly timerB?: number | undefined;
  readonly timerD?: number | undefined;
  readonly timerF?: number | undefined;
  readonly timerH?: number | undefined;
  readonly timerI?: number | undefined;
  readonly timerJ?: number | undefined;
  readonly timerK?: number | undefined;
  readonly timerL?: number | undefined;
  readonly timerM?: number | undefined;
}

/**
 * Every timer the transactions use, resolved, in milliseconds.
 *
 * @example transactionTimers().timerB // 32000
 */
export interface TransactionTimers {
  readonly t1: number;
  readonly t2: number;
  readonly t4: number;
  readonly timerB: number;
  readonly timerD: number;
  readonly timerF: number;
  readonly timerH: number;
  readonly timerI: number;
  readonly timerJ: number;
  readonly timerK: number;
  readonly timerL: number;
  readonly timerM: number;
}

/**
 * RFC 3261 Table 4 defaults, in milliseconds: T1 (RTT estimate, §17.1.1.1), T2 (maximum
 * retransmit interval) and T4 (maximum message lifetime in the network, §17.1.2.2).
 *
 * @example transactionTimers().timerF === 64 * DEFAULT_T1 // true
 */
export const DEFAULT_T1 = 500;
/** RFC 3261 Table 4: T2 = 4 s. */
export const DEFAULT_T2 = 4000;
/** RFC 3261 Table 4: T4 = 5 s. */
export const DEFAULT_T4 = 5000;

/**
 * Resolves the timer set: defaults per RFC 3261 Table 4 for a reliable transport, then the
 * overrides. Throws RangeError for a negative, non-finite or non-number value, or T1 > T2.
 *
 * @example transactionTimers({ t1: 100 }).timerF // 6400
 */
export function transactionTimers(options: TransactionTimerOptions = {}): TransactionTimers {
  const t1 = checked('t1', options.t1 ?? DEFAULT_T1, true);
  const t2 = checked('t2', options.t2 ?? DEFAULT_T2, true);
  const t4 = checked('t4', options.t4 ?? DEFAULT_T4, true);
  if (t1 > t2)
    throw new RangeError(
      DEV ? 'transaction timer t1 must not exceed t2' : 'transaction.t1-over-t2',
    );
  const long = 64 * t1;
  const pick = (name: keyof TransactionTimerOptions, fallback: number): number =>
    checked(name, options[name] ?? fallback, false);
  return Object.freeze({
    t1,
    t2,
    t4,
    timerB: pick('timerB', long),
    timerD: pick('timerD', 0),
    timerF: pick('timerF', long),
    timerH: pick('timerH', long),
    timerI: pick('timerI', 0),
    timerJ: pick('timerJ', 0),
    timerK: pick('timerK', 0),
    timerL: pick('timerL', long),
    timerM: pick('timerM', long),
  });
}

function checked(name: string, value: number, positive: boolean): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < 0 ||
    (positive && value === 0)
  ) {
    throw new RangeError(
      DEV
        ? `transaction timer ${name} must be a ${positive ? 'positive' : 'non-negative'} finite number of milliseconds`
        : `transaction.timer ${name} ${String(value)}`,
    );
  }
  return value;
}
