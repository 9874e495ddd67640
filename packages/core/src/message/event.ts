import { readHeaderParams, type Params } from './params.js';
import { ValueScanner, unquote } from './value-scanner.js';
import { parseDeltaSeconds } from './basic-headers.js';

/** Event (RFC 6665 §8.2.1): package (with templates, e.g. `presence.winfo`) and `id`. */
export interface EventHeader {
  /** Event type, lowercased (event packages compare case-insensitively). */
  readonly type: string;
  readonly id: string | undefined;
  readonly params: Params;
}

/** Subscription-State (RFC 6665 §8.2.3). */
export interface SubscriptionState {
  /** `active`, `pending`, `terminated` or an extension, lowercased. */
  readonly state: string;
  readonly reason: string | undefined;
  readonly expires: number | undefined;
  readonly retryAfter: number | undefined;
  readonly params: Params;
}

/**
 * Parses `Event: dialog;id=1234`.
 *
 * @example parseEvent('Presence;id=7').type // 'presence'
 */
export function parseEvent(value: string): EventHeader {
  const scanner = new ValueScanner(value);
  scanner.skipWhitespace();
  const type = scanner.token('event type').toLowerCase();
  const params = readHeaderParams(scanner);
  scanner.expectEnd();
  const id = params['id'];
  return { type, id: id === undefined ? undefined : unquote(id), params };
}

/**
 * Parses `Subscription-State: terminated;reason=timeout;retry-after=30`.
 *
 * @example parseSubscriptionState('active;expires=600').expires // 600
 */
export function parseSubscriptionState(value: string): SubscriptionState {
  const scanner = new ValueScanner(value);
  scanner.skipWhitespace();
  const state = scanner.token('subscription state').toLowerCase();
  const params = readHeaderParams(scanner);
  scanner.expectEnd();
  return {
    state,
    reason: params['reason']?.toLowerCase(),
    expires: optionalSeconds(params['expires']),
    retryAfter: optionalSeconds(params['retry-after']),
    params,
  };
}

const optionalSeconds = (value: string | undefined): number | undefined =>
  value === undefined ? undefined : parseDeltaSeconds(value);
