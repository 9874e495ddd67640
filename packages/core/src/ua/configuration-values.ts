import { illegalTextAt } from '../message/index.js';
import { ConfigurationError } from './configuration-error.js';
import { DEV } from '../diagnostics/dev-mode.js';

// Small validators for single configuration values. Each names the parameter in its error and
// describes what it got by type only, so a secret's value can never leak into a message.

/** Describes a value by its shape, never its content. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return `a ${typeof value}`;
}

/** True for values JsSIP treats as "not given". */
export function isUnset(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

export function booleanValue(parameter: string, value: unknown, fallback: boolean): boolean {
  if (isUnset(value)) return fallback;
  if (typeof value !== 'boolean') {
    const got = describeType(value);
    throw new ConfigurationError(
      parameter,
      DEV ? `expected true or false, got ${got}` : `config.not-boolean ${got}`,
    );
  }
  return value;
}

/** A whole number of seconds, at least `min`. */
export function integerValue(parameter: string, value: unknown, fallback: number, min = 1): number {
  if (isUnset(value)) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    const shown = typeof value === 'number' ? String(value) : describeType(value);
    throw new ConfigurationError(
      parameter,
      DEV
        ? `expected a whole number of at least ${min}, got ${shown}`
        : `config.not-whole-number ${shown} min=${min}`,
    );
  }
  return value;
}

/** A string without CR, LF or NUL: every string here ends up in a SIP header. */
export function headerSafeString(
  parameter: string,
  value: unknown,
  { allowEmpty = false, secret = false } = {},
): string | null {
  if (isUnset(value)) return null;
  if (typeof value !== 'string') {
    const got = describeType(value);
    throw new ConfigurationError(
      parameter,
      DEV ? `expected a string, got ${got}` : `config.not-string ${got}`,
    );
  }
  if (!allowEmpty && value.trim() === '') {
    throw new ConfigurationError(parameter, DEV ? 'expected a non-empty string' : 'config.empty');
  }
  // Values that go on the wire follow the serializer's rule (illegalTextAt); a secret never
  // goes there as it is, so it only needs to be free of line breaks and NUL.
  if (/[\r\n\0]/.test(value) || (!secret && illegalTextAt(value) !== -1)) {
    const what = secret ? 'the value' : JSON.stringify(value);
    throw new ConfigurationError(
      parameter,
      DEV
        ? `${what} contains CR, LF or a control character, which SIP cannot carry`
        : `config.control-character ${what}`,
    );
  }
  return value;
}
