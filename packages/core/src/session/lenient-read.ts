import {
  SipParseError,
  type IncomingMessage,
  type TypedHeaderMap,
  type TypedHeaderName,
} from '../message/index.js';

/**
 * Runs `read`; a malformed header (`SipParseError`) reads as undefined, anything else is thrown.
 * A call never fails over a header it can do without (session timers, 100rel, a display name):
 * the one place the session says so.
 *
 * @example lenient(() => parseNameAddr(value).displayName) // undefined when `value` is malformed
 */
export function lenient<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof SipParseError) return undefined;
    throw error;
  }
}

/**
 * A typed header of `message`, undefined when absent or malformed.
 *
 * @example lenientHeader(response, 'session-expires')?.delta
 */
export function lenientHeader<K extends TypedHeaderName>(
  message: IncomingMessage,
  name: K,
): TypedHeaderMap[K] | undefined {
  return lenient(() => message.parsed(name));
}

/**
 * True when the option-tag header `name` (Require or Supported) of `message` lists `tag`, compared
 * without case as the UA's Require check does; a malformed header counts as not listing it.
 *
 * @example listsOptionTag(invite, 'supported', '100rel')
 */
export function listsOptionTag(
  message: IncomingMessage,
  name: 'require' | 'supported',
  tag: string,
): boolean {
  return (lenientHeader(message, name) ?? []).some((listed) => listed.toLowerCase() === tag);
}
