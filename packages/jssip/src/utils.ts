import {
  causeOfStatus,
  InvalidTargetError,
  newTag as sipKitTag,
  normalizeTarget as sipKitTarget,
  type Cause,
} from '@sipkit/core';
import { headerize } from './uri.js';
import { URI } from './uri.js';

/** Something with tracks: a `MediaStream`, or anything shaped like one. */
interface TrackHolder {
  getTracks(): readonly MediaStreamTrack[];
}

/**
 * Stops every track of a stream (what JsSIP apps call on hang-up to release the microphone and
 * camera). Does nothing for `undefined`/`null`, so it is safe on a call that never got media.
 *
 * @example session.on('ended', () => Utils.closeMediaStream(localStream));
 */
export function closeMediaStream(stream: TrackHolder | null | undefined): void {
  if (stream === null || stream === undefined) return;
  for (const track of stream.getTracks()) track.stop();
}

/**
 * A random To/From tag (RFC 3261 §19.3).
 *
 * @example Utils.newTag(); // e.g. 'k3h2l1x9a0'
 */
export function newTag(): string {
  return sipKitTag();
}

/**
 * A random version 4 UUID (RFC 9562), e.g. for `instance_id`.
 *
 * @example Utils.newUUID(); // 'f81d4fae-7dec-41d0-a765-00a0c91e6bf6'
 */
export function newUUID(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * `length` random characters from `[0-9a-z]` (or digits of another base up to 36).
 *
 * @example Utils.createRandomToken(8);
 */
export function createRandomToken(length: number, base = 32): string {
  let token = '';
  for (let i = 0; i < length; i++) token += Math.floor(Math.random() * base).toString(base);
  return token;
}

/**
 * Completes a call or message target the way `ua.call` does (a user, a number, `user@host` or a
 * SIP URI, in `domain`) and returns it as a `URI`; undefined when it cannot be a SIP address.
 *
 * @example Utils.normalizeTarget('bob', 'example.com')?.toString(); // 'sip:bob@example.com'
 */
export function normalizeTarget(target: unknown, domain?: string): URI | undefined {
  if (target instanceof URI) return target;
  if (typeof target !== 'string' && typeof target !== 'number') return undefined;
  try {
    return URI.parse(sipKitTarget(String(target), domain ?? 'invalid'));
  } catch (error) {
    if (error instanceof InvalidTargetError) return undefined;
    throw error;
  }
}

/**
 * %-escapes a user part (RFC 3261 §25.1 `user`), keeping the characters JsSIP keeps.
 *
 * @example Utils.escapeUser('alice smith'); // 'alice%20smith'
 */
export function escapeUser(user: string): string {
  return encodeURIComponent(decodeURIComponent(user))
    .replace(/%3A/gi, ':')
    .replace(/%2B/gi, '+')
    .replace(/%3F/gi, '?')
    .replace(/%2F/gi, '/');
}

/** True for strings. @example Utils.isString('x'); // true */
export function isString(value: unknown): value is string {
  return typeof value === 'string';
}
/** True for functions. @example Utils.isFunction(() => 1); // true */
export function isFunction(value: unknown): value is (...args: never[]) => unknown {
  return typeof value === 'function';
}
/** True for finite numbers and numeric strings. @example Utils.isDecimal('3'); // true */
export function isDecimal(value: unknown): boolean {
  return (
    (typeof value === 'number' || typeof value === 'string') &&
    value !== '' &&
    Number.isFinite(Number(value))
  );
}
/** True for undefined, null, '' and empty arrays. @example Utils.isEmpty([]); // true */
export function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}
/** The UTF-8 length of a string in bytes. @example Utils.str_utf8_length('é'); // 2 */
export function str_utf8_length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** True when `target` has every named method. @example Utils.hasMethods(ua, 'start', 'stop'); // true */
export function hasMethods(target: unknown, ...methods: string[]): boolean {
  if (typeof target !== 'object' || target === null) return false;
  return methods.every(
    (method) => typeof (target as Record<string, unknown>)[method] === 'function',
  );
}

/**
 * What a host is: `'IPv4'`, `'IPv6'` or `'hostname'` (RFC 3261 §25.1 `host`); undefined when empty.
 *
 * @example Utils.hostType('[::1]'); // 'IPv6'
 */
export function hostType(host: string): 'IPv4' | 'IPv6' | 'hostname' | undefined {
  if (host === '') return undefined;
  if (/^\[?[0-9a-f:.]*:[0-9a-f:.]*\]?$/i.test(host)) return 'IPv6';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return 'IPv4';
  return 'hostname';
}

/**
 * The cause for a final SIP status (the cause names of `C.causes`).
 *
 * @example Utils.sipErrorCause(486); // 'Busy'
 */
export function sipErrorCause(status: number): Cause {
  return causeOfStatus(status);
}

/**
 * A random address of the TEST-NET-2 block (RFC 5737), as JsSIP puts in Via for WebSocket UAs.
 *
 * @example Utils.getRandomTestNetIP(); // e.g. '198.51.100.42'
 */
export function getRandomTestNetIP(): string {
  return `198.51.100.${Math.floor(Math.random() * 256)}`;
}

/** A shallow copy of an array (undefined for non-arrays). @example Utils.cloneArray([1, 2]); */
export function cloneArray<T>(array: readonly T[] | undefined): T[] | undefined {
  return Array.isArray(array) ? [...array] : undefined;
}

/** A deep copy of JSON-like data (`fallback` when there is none). @example Utils.cloneObject({ a: 1 }); */
export function cloneObject<T>(
  value: T,
  fallback: T | Record<string, never> = {},
): T | Record<string, never> {
  return value === undefined || value === null ? fallback : structuredClone(value);
}

/**
 * JsSIP's `Utils` namespace: the helpers JsSIP documents and apps use, notably
 * `closeMediaStream` on hang-up.
 *
 * @example JsSIP.Utils.closeMediaStream(session.connection.getLocalStreams()[0]);
 */
export const Utils = Object.freeze({
  closeMediaStream,
  newTag,
  newUUID,
  createRandomToken,
  normalizeTarget,
  escapeUser,
  headerize,
  isString,
  isFunction,
  isDecimal,
  isEmpty,
  str_utf8_length,
  hasMethods,
  hostType,
  sipErrorCause,
  getRandomTestNetIP,
  cloneArray,
  cloneObject,
});
