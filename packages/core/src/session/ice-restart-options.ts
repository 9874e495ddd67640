import { InvalidOptionError } from '../ua/invalid-option-error.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * How a call recovers its media when ICE breaks (`UAOptions.iceRestart` for every call,
 * `CallOptions.iceRestart` / `AnswerOptions.iceRestart` for one). Times are in seconds, fractions
 * allowed, like `connectTimeout`.
 *
 * @example new UA(configuration, { iceRestart: { gracePeriod: 1, deadline: 20, attempts: 3 } })
 */
export interface IceRestartOptions {
  /**
   * How long ICE may stay `disconnected` before the call restarts it (default 2). ICE often heals
   * a short loss by itself; `failed` restarts at once.
   */
  readonly gracePeriod?: number;
  /**
   * How long recovery may take, from the first restart, before the call is given up and ended
   * with the cause "Media Recovery Failed" (default 30).
   */
  readonly deadline?: number;
  /** How many restart offers are tried before the call is given up (default 5, at least 1). */
  readonly attempts?: number;
}

/** `IceRestartOptions` with every default applied, times in milliseconds. */
export interface IceRestartSettings {
  readonly gracePeriod: number;
  readonly deadline: number;
  readonly attempts: number;
}

/** The defaults (seconds): 2 s grace, 30 s deadline, 5 attempts. */
export const DEFAULT_ICE_RESTART: Required<IceRestartOptions> = {
  gracePeriod: 2,
  deadline: 30,
  attempts: 5,
};

/**
 * Checks an `iceRestart` option where it is given (`new UA()`, `ua.call()`, `answer()`): `false`,
 * undefined, or an object of the fields above. Throws `InvalidOptionError` naming the field
 * (`iceRestart.deadline`) with what to change; nothing is sent.
 *
 * @example checkIceRestart({ deadline: 0 }) // throws: iceRestart.deadline must be more than 0
 */
export function checkIceRestart(value: unknown): void {
  if (value === undefined || value === false) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidOptionError(
      'iceRestart',
      DEV
        ? 'expected false (no automatic ICE restart) or { gracePeriod, deadline, attempts }'
        : 'session.ice-restart-invalid',
    );
  }
  const { gracePeriod, deadline, attempts } = value as Record<string, unknown>;
  const bad = (field: string, expected: string): never => {
    throw new InvalidOptionError(`iceRestart.${field}`, expected);
  };
  if (gracePeriod !== undefined && !(isFiniteNumber(gracePeriod) && gracePeriod >= 0))
    bad(
      'gracePeriod',
      DEV ? 'expected a number of seconds, 0 or more' : 'session.ice-restart-invalid',
    );
  if (deadline !== undefined && !(isFiniteNumber(deadline) && deadline > 0))
    bad(
      'deadline',
      DEV ? 'expected a number of seconds, more than 0' : 'session.ice-restart-invalid',
    );
  if (attempts !== undefined && !(Number.isInteger(attempts) && (attempts as number) >= 1))
    bad('attempts', DEV ? 'expected a whole number, 1 or more' : 'session.ice-restart-invalid');
}

/**
 * The settings of one call: the call's option over the UA's, field by field; `false` on either
 * level (the call's first) turns automatic recovery off.
 *
 * @example resolveIceRestart({ deadline: 10 }, undefined) // { gracePeriod: 2000, deadline: 10000, attempts: 5 }
 */
export function resolveIceRestart(
  call: IceRestartOptions | false | undefined,
  ua: IceRestartOptions | false | undefined,
): IceRestartSettings | false {
  if (call === false || (call === undefined && ua === false)) return false;
  const merged = { ...DEFAULT_ICE_RESTART, ...(ua === false ? {} : ua), ...call };
  return {
    gracePeriod: merged.gracePeriod * 1000,
    deadline: merged.deadline * 1000,
    attempts: merged.attempts,
  };
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
