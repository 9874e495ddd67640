import { TOKEN } from './normalize-configuration.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * The From tag trail of the next REGISTER (`register_from_tag_trail`): the string, or what the
 * function returns now. A function result that is not a token (RFC 3261 §25.1: a tag must be
 * one) is left out with a warning rather than breaking the REGISTER.
 *
 * @example registerTagTrail(() => `-${deviceId}`, console.warn);
 */
export function registerTagTrail(
  trail: string | (() => string),
  warn: (message: string) => void,
): string {
  if (typeof trail === 'string') return trail;
  let value: unknown;
  try {
    value = trail();
  } catch (error) {
    const why = (error as Error).message;
    warn(DEV ? `register_from_tag_trail threw: ${why}` : `ua.tag-trail-threw ${why}`);
    return '';
  }
  if (value === '' || value === undefined || value === null) return '';
  if (typeof value === 'string' && TOKEN.test(value)) return value;
  warn(
    DEV
      ? 'register_from_tag_trail returned something other than token characters: left out'
      : 'ua.tag-trail-not-token',
  );
  return '';
}
