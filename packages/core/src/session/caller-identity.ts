import { formatNameAddr, formatUri } from '../message/index.js';
import type { Identity } from '../ua/out-of-dialog-request.js';
import { checkIceRestart } from './ice-restart-options.js';
import type { SessionContext } from './session-context.js';
import type { CallOptions } from './session-options.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** The From of an anonymous call (RFC 3323 §4.1.1.3). */
const ANONYMOUS: Identity = Object.freeze({
  displayName: 'Anonymous',
  uri: 'sip:anonymous@anonymous.invalid',
});

/**
 * Who an outgoing call says it is from: the UA's identity, with the user part and display name
 * the call options override (`fromUserName`, `fromDisplayName`: one account placing calls for
 * several lines), or the anonymous identity.
 *
 * @example callerIdentity(context, { fromUserName: 'sales', fromDisplayName: 'Sales' });
 */
export function callerIdentity(context: SessionContext, options: CallOptions): Identity {
  if (options.anonymous === true) return ANONYMOUS;
  const { fromUserName, fromDisplayName } = options;
  return {
    displayName: fromDisplayName ?? context.identity.displayName ?? undefined,
    uri:
      fromUserName === undefined
        ? context.configuration.uri
        : formatUri({ ...context.identity.aor, user: fromUserName }),
  };
}

/** The From header value for `identity` with our tag, when the call options changed it. */
export function customFrom(
  identity: Identity,
  options: CallOptions,
  tag: string,
): string | undefined {
  if (options.anonymous === true) return undefined;
  if (options.fromUserName === undefined && options.fromDisplayName === undefined) return undefined;
  return formatNameAddr({ displayName: identity.displayName, uri: identity.uri, tag });
}

/**
 * Throws for call options that cannot work, naming the option (before anything is sent).
 *
 * @throws {TypeError} `fromUserName` / `fromDisplayName` not a string, or `fromUserName` empty.
 * @throws {RangeError} `sessionTimersExpires` not an integer of at least `minimum` seconds.
 * @throws {InvalidOptionError} a bad `iceRestart` (its `parameter` names the field).
 */
export function checkCallOptions(options: CallOptions, minimum: number): void {
  for (const name of ['fromUserName', 'fromDisplayName'] as const) {
    const value: unknown = options[name];
    if (value !== undefined && typeof value !== 'string') {
      throw new TypeError(
        DEV
          ? `call option ${name} must be a string, got ${typeof value}`
          : `session.option-not-string ${name} ${typeof value}`,
      );
    }
  }
  if (options.fromUserName === '') {
    throw new TypeError(
      DEV
        ? 'call option fromUserName must not be empty: leave it out to use the UA user'
        : 'session.from-user-name-empty',
    );
  }
  checkIceRestart(options.iceRestart);
  const expires = options.sessionTimersExpires;
  if (expires !== undefined && (!Number.isInteger(expires) || expires < minimum)) {
    throw new RangeError(
      DEV
        ? `call option sessionTimersExpires must be a whole number of seconds of at least ${minimum} (RFC 4028 §4), got ${String(expires)}`
        : `session.session-timers-expires-invalid ${String(expires)} min=${minimum}`,
    );
  }
}
