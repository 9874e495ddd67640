import { BearerCredentials } from '../auth/index.js';
import type {
  ConfigurationSecrets,
  NormalizedConfiguration,
  UAConfiguration,
} from './configuration.js';
import { normalizeConfiguration, type ValidatedConfiguration } from './normalize-configuration.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * The configuration parameters `ua.set()` may change while the UA lives (JsSIP's list): the
 * credentials and the display name. The next request uses the new values; nothing is re-sent.
 */
export type SettableParameter =
  'authorization_user' | 'password' | 'realm' | 'ha1' | 'authorization_jwt' | 'display_name';

/** What `ua.set(parameter, value)` takes for each parameter (`null` clears `display_name`). */
export interface SettableValues {
  readonly authorization_user: string;
  readonly password: string;
  readonly realm: string;
  readonly ha1: string;
  readonly authorization_jwt: string;
  readonly display_name: string | null;
}

/**
 * The parameters `ua.get()` reads: every normalized parameter except `password`, which is never
 * handed back. `ha1` and `authorization_jwt` return the values the UA was given or set, as JsSIP
 * does, so an app can keep the HA1 instead of the password.
 */
export type ReadableParameter = Exclude<keyof NormalizedConfiguration, 'password'>;

/** What `ua.get(parameter)` returns. */
export type ReadableValues = Omit<
  NormalizedConfiguration,
  'password' | 'ha1' | 'authorization_jwt'
> & {
  readonly ha1: string | null;
  readonly authorization_jwt: string | null;
};

const SETTABLE: ReadonlySet<string> = new Set<SettableParameter>([
  'authorization_user',
  'password',
  'realm',
  'ha1',
  'authorization_jwt',
  'display_name',
]);

/** True when `ua.set()` accepts `parameter`. */
export function isSettableParameter(parameter: string): parameter is SettableParameter {
  return SETTABLE.has(parameter);
}

/**
 * The configuration input with one parameter changed, validated as `new UA()` would (so the same
 * `ConfigurationError`, naming the parameter, comes out). Setting `ha1` drops the password, as
 * JsSIP does: the hash replaces it; setting `password` drops the `ha1` likewise, or the stored
 * hash would keep answering challenges with the old password.
 *
 * @throws {ConfigurationError} for a value the parameter does not accept.
 */
export function withParameter<K extends SettableParameter>(
  input: UAConfiguration,
  parameter: K,
  value: SettableValues[K],
): { readonly input: UAConfiguration; readonly validated: ValidatedConfiguration } {
  const next: UAConfiguration = { ...input, [parameter]: value };
  if (parameter === 'ha1') delete next.password;
  if (parameter === 'password') delete next.ha1;
  return { input: next, validated: normalizeConfiguration(next) };
}

/** The value of a readable parameter, secrets included for `ha1` and `authorization_jwt`. */
export function readParameter<K extends ReadableParameter>(
  configuration: NormalizedConfiguration,
  secrets: ConfigurationSecrets,
  parameter: K,
): ReadableValues[K] {
  // Callers from plain JavaScript can ask for anything: the password never comes back.
  if ((parameter as string) === 'password') return undefined as unknown as ReadableValues[K];
  if (parameter === 'ha1') return secrets.ha1 as ReadableValues[K];
  if (parameter === 'authorization_jwt') return secrets.authorization_jwt as ReadableValues[K];
  return configuration[parameter] as ReadableValues[K];
}

/**
 * The bearer credentials after `set('authorization_jwt')`: the same object with the new token
 * once requests were built with it (`started`), a new one before. A token cannot be added to, or
 * removed from, a UA whose requests are already built without (or with) one.
 *
 * @throws {Error} saying when the token can be set; {AuthError} for a token that is not a b64token.
 */
export function nextBearer(
  current: BearerCredentials | undefined,
  token: string | null,
  started: boolean,
): BearerCredentials | undefined {
  if (token === null) {
    if (started && current !== undefined) {
      throw new Error(
        DEV
          ? 'authorization_jwt cannot be removed once the UA is started'
          : 'ua.jwt-removed-after-start',
      );
    }
    return undefined;
  }
  if (current !== undefined) {
    current.update(token);
    return current;
  }
  if (started) {
    throw new Error(
      DEV
        ? 'authorization_jwt can only be set before start() when none was configured'
        : 'ua.jwt-added-after-start',
    );
  }
  return new BearerCredentials(token);
}
