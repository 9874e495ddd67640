import { VERSION } from '../version.js';
import { ConfigurationError } from './configuration-error.js';
import {
  booleanValue,
  describeType,
  headerSafeString,
  integerValue,
  isUnset,
} from './configuration-values.js';
import {
  REDACTED,
  type ConfigurationSecrets,
  type NormalizedConfiguration,
  type UAConfiguration,
} from './configuration.js';
import { headerLineProblem } from './option-checks.js';
import { normalizeSocketsParameter } from './sockets-parameter.js';
import { registrarFromUri, sipUriParameter } from './uri-parameter.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** The result of validating a configuration: the public view and the secrets, kept apart. */
export interface ValidatedConfiguration {
  readonly configuration: NormalizedConfiguration;
  readonly secrets: ConfigurationSecrets;
}

const KNOWN_PARAMETERS: ReadonlySet<string> = new Set<keyof UAConfiguration>([
  'uri',
  'sockets',
  'authorization_jwt',
  'authorization_user',
  'connection_recovery_max_interval',
  'connection_recovery_min_interval',
  'contact_uri',
  'display_name',
  'extra_headers',
  'instance_id',
  'no_answer_timeout',
  'session_timers',
  'session_timers_refresh_method',
  'session_timers_force_refresher',
  'password',
  'realm',
  'ha1',
  'register',
  'register_expires',
  'register_from_tag_trail',
  'registrar_server',
  'use_preloaded_route',
  'user_agent',
]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Validates a UA configuration against JsSIP's contract and fills in the defaults.
 * Throws `ConfigurationError` naming the first offending parameter.
 *
 * @example
 * const { configuration } = normalizeConfiguration({ uri: 'sip:alice@example.com', sockets });
 * configuration.register_expires; // 600
 */
export function normalizeConfiguration(input: unknown): ValidatedConfiguration {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const got = describeType(input);
    throw new ConfigurationError(
      'configuration',
      DEV ? `expected an object, got ${got}` : `config.not-object ${got}`,
    );
  }
  const raw = input as Record<string, unknown>;
  rejectUnknownKeys(raw);

  const uri = sipUriParameter('uri', required(raw, 'uri'));
  const recovery = recoveryIntervals(raw);
  const secrets = secretValues(raw);
  const realm = headerSafeString('realm', raw['realm']);
  if (secrets.ha1 !== null && realm === null) {
    throw new ConfigurationError(
      'ha1',
      DEV
        ? 'needs "realm" too: an HA1 hash is only valid for one realm'
        : 'config.ha1-without-realm',
    );
  }

  const configuration: NormalizedConfiguration = {
    uri: uri.text,
    sockets: normalizeSocketsParameter(required(raw, 'sockets')),
    authorization_jwt: secrets.authorization_jwt === null ? null : REDACTED,
    authorization_user: authorizationUser(raw, uri.user),
    ...recovery,
    contact_uri: optionalUri(raw, 'contact_uri'),
    display_name: headerSafeString('display_name', raw['display_name'], { allowEmpty: true }),
    extra_headers: extraHeaders(raw['extra_headers']),
    instance_id: instanceId(raw['instance_id']),
    no_answer_timeout: integerValue('no_answer_timeout', raw['no_answer_timeout'], 60),
    session_timers: booleanValue('session_timers', raw['session_timers'], true),
    session_timers_refresh_method: refreshMethod(raw['session_timers_refresh_method']),
    session_timers_force_refresher: booleanValue(
      'session_timers_force_refresher',
      raw['session_timers_force_refresher'],
      false,
    ),
    password: secrets.password === null ? null : REDACTED,
    realm,
    ha1: secrets.ha1 === null ? null : REDACTED,
    register: booleanValue('register', raw['register'], true),
    register_expires: integerValue('register_expires', raw['register_expires'], 600),
    register_from_tag_trail: tagTrail(raw['register_from_tag_trail']),
    registrar_server: registrarServer(raw['registrar_server'], uri),
    use_preloaded_route: booleanValue('use_preloaded_route', raw['use_preloaded_route'], false),
    user_agent: headerSafeString('user_agent', raw['user_agent']) ?? `SipKit ${VERSION}`,
  };
  return { configuration: Object.freeze(configuration), secrets: Object.freeze(secrets) };
}

/** RFC 3261 §25.1 token characters: what a tag (and so its trail) may hold. */
export const TOKEN = /^[!%'*+\-.0-9A-Z_`a-z~]+$/;

function tagTrail(value: unknown): string | (() => string) {
  if (isUnset(value)) return '';
  if (typeof value === 'function') return value as () => string;
  if (typeof value !== 'string' || !TOKEN.test(value)) {
    throw new ConfigurationError(
      'register_from_tag_trail',
      DEV
        ? `expected a string of token characters (RFC 3261 §25.1) or a function returning one, got ${describeType(value)}`
        : `config.not-token ${describeType(value)}`,
    );
  }
  return value;
}

function rejectUnknownKeys(raw: Record<string, unknown>): void {
  for (const key of Object.keys(raw)) {
    if (!KNOWN_PARAMETERS.has(key)) {
      throw new ConfigurationError(
        key,
        DEV ? 'unknown parameter (see the UA configuration reference)' : 'config.unknown',
      );
    }
  }
}

function required(raw: Record<string, unknown>, key: string): unknown {
  const value = raw[key];
  if (isUnset(value)) throw new ConfigurationError(key, DEV ? 'is required' : 'config.required');
  return value;
}

function recoveryIntervals(raw: Record<string, unknown>) {
  const min = integerValue(
    'connection_recovery_min_interval',
    raw['connection_recovery_min_interval'],
    2,
  );
  const max = integerValue(
    'connection_recovery_max_interval',
    raw['connection_recovery_max_interval'],
    30,
  );
  if (min > max) {
    throw new ConfigurationError(
      'connection_recovery_min_interval',
      DEV
        ? `must not exceed connection_recovery_max_interval (${min} > ${max})`
        : `config.recovery-min-over-max ${min} > ${max}`,
    );
  }
  return { connection_recovery_min_interval: min, connection_recovery_max_interval: max };
}

function secretValues(raw: Record<string, unknown>): ConfigurationSecrets {
  const secret = { secret: true };
  return {
    password: headerSafeString('password', raw['password'], { ...secret, allowEmpty: true }),
    ha1: ha1Value(raw['ha1']),
    authorization_jwt: bearerToken(raw['authorization_jwt']),
  };
}

function bearerToken(value: unknown): string | null {
  const token = headerSafeString('authorization_jwt', value, { secret: true });
  // RFC 6750 §2.1 b64token: what may follow "Bearer " in an Authorization header.
  if (token !== null && !/^[A-Za-z0-9\-._~+/]+=*$/.test(token)) {
    throw new ConfigurationError(
      'authorization_jwt',
      DEV ? 'expected a token of base64url characters (a JWT)' : 'config.jwt-characters',
    );
  }
  return token;
}

function ha1Value(value: unknown): string | null {
  const ha1 = headerSafeString('ha1', value, { secret: true });
  // HA1 is a hex digest: 32 digits for MD5, 64 for SHA-256 and SHA-512-256 (RFC 7616 §3.4.2).
  if (ha1 !== null && !/^(?:[0-9a-f]{32}|[0-9a-f]{64})$/i.test(ha1)) {
    throw new ConfigurationError(
      'ha1',
      DEV ? 'expected a hex digest of 32 (MD5) or 64 (SHA-256) digits' : 'config.ha1-not-hex',
    );
  }
  return ha1;
}

function authorizationUser(raw: Record<string, unknown>, uriUser: string | null): string {
  const user = headerSafeString('authorization_user', raw['authorization_user']);
  if (user !== null) return user;
  if (uriUser === null) {
    throw new ConfigurationError(
      'authorization_user',
      DEV ? 'is required when "uri" has no user part' : 'config.user-required',
    );
  }
  return uriUser;
}

function optionalUri(raw: Record<string, unknown>, key: string): string | null {
  const value = raw[key];
  return isUnset(value) ? null : sipUriParameter(key, value).text;
}

function extraHeaders(value: unknown): readonly string[] {
  if (isUnset(value)) return Object.freeze([]);
  if (!Array.isArray(value)) {
    throw new ConfigurationError(
      'extra_headers',
      DEV
        ? `expected an array of "Name: value" strings, got ${describeType(value)}`
        : `config.not-header-array ${describeType(value)}`,
    );
  }
  const headers = value.map((entry: unknown, index) => {
    const parameter = `extra_headers[${index}]`;
    const line = headerSafeString(parameter, entry);
    // The same rule as every per-request `extraHeaders` option (option-checks.ts).
    const problem = headerLineProblem(line);
    if (line === null || problem !== undefined) {
      throw new ConfigurationError(
        parameter,
        problem ??
          (DEV ? 'expected a header line of the form "Name: value"' : 'config.header-line-missing'),
      );
    }
    return line;
  });
  return Object.freeze(headers);
}

function instanceId(value: unknown): string | null {
  const text = headerSafeString('instance_id', value);
  if (text === null) return null;
  const bare = text.replace(/^uuid:/i, '');
  if (!UUID.test(bare)) {
    throw new ConfigurationError(
      'instance_id',
      DEV ? 'expected a UUID, with or without the "uuid:" prefix' : 'config.not-uuid',
    );
  }
  return bare.toLowerCase();
}

function refreshMethod(value: unknown): 'UPDATE' | 'INVITE' {
  if (isUnset(value)) return 'UPDATE';
  const method = typeof value === 'string' ? value.toUpperCase() : '';
  if (method !== 'UPDATE' && method !== 'INVITE') {
    throw new ConfigurationError(
      'session_timers_refresh_method',
      DEV ? 'expected "UPDATE" or "INVITE"' : 'config.refresh-method',
    );
  }
  return method;
}

function registrarServer(value: unknown, uri: ReturnType<typeof sipUriParameter>): string {
  if (isUnset(value)) return registrarFromUri(uri);
  const registrar = sipUriParameter('registrar_server', value);
  if (registrar.user !== null) {
    throw new ConfigurationError(
      'registrar_server',
      DEV ? 'expected a SIP URI without a user part' : 'config.registrar-has-user',
    );
  }
  return registrar.text;
}
