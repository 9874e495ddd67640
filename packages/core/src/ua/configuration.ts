import type { SocketsConfiguration, WeightedSocket } from '../transport/index.js';

/**
 * The UA configuration: JsSIP's parameters with the same names, forms, defaults and meaning, so a
 * JsSIP user moves over by changing an import. Defaults are given on each field.
 *
 * @example
 * const config: UAConfiguration = {
 *   uri: 'sip:alice@example.com',
 *   sockets: new WebSocketInterface('wss://sip.example.com'),
 *   password: 'superpassword',
 * };
 */
export interface UAConfiguration {
  /** SIP URI of this user agent, e.g. `sip:alice@example.com`. Required. */
  uri: string;
  /** Socket(s) to reach the server: one socket, an array, or `{ socket, weight }` entries. Required. */
  sockets: SocketsConfiguration;
  /** JWT sent as `Authorization: Bearer <token>` on every request (RFC 8898). Default: none. */
  authorization_jwt?: string | null;
  /** Username for digest credentials. Default: the user part of `uri`. */
  authorization_user?: string | null;
  /** Largest wait between reconnection attempts, in seconds. Default: 30. */
  connection_recovery_max_interval?: number;
  /** Smallest wait between reconnection attempts, in seconds. Default: 2. */
  connection_recovery_min_interval?: number;
  /** URI for the Contact header; its host is also the Via host. Default: a random `.invalid` host. */
  contact_uri?: string | null;
  /** Display name in From; quoted and escaped for you, so do not add quotes. Default: none. */
  display_name?: string | null;
  /** `Name: value` headers added to every request and response. Default: none. */
  extra_headers?: readonly string[] | null;
  /** UUID identifying this instance for GRUU/outbound, with or without `uuid:`. Default: none. */
  instance_id?: string | null;
  /** Seconds after which an unanswered incoming call is rejected. Default: 60. */
  no_answer_timeout?: number;
  /** Use session timers (RFC 4028). Default: true. */
  session_timers?: boolean;
  /** Method for session refreshes, `UPDATE` or `INVITE` in any case. Default: `UPDATE`. */
  session_timers_refresh_method?: string;
  /** Send `refresher=uac` in outgoing INVITEs. Default: false. */
  session_timers_force_refresher?: boolean;
  /** Plain password; forgotten after the first successful authentication (HA1 is kept). */
  password?: string | null;
  /** Realm for `ha1`. Required with `ha1`. */
  realm?: string | null;
  /** Precomputed digest HA1 (hex); needs `realm`. */
  ha1?: string | null;
  /** Register when the UA starts. Default: true. */
  register?: boolean;
  /** Requested registration lifetime in seconds. Default: 600. */
  register_expires?: number;
  /**
   * Appended to the From tag of each REGISTER (JsSIP's parameter): a fixed string, or a function
   * called for each REGISTER. Only token characters (RFC 3261 §25.1). Default: none.
   */
  register_from_tag_trail?: string | (() => string) | null;
  /** Registrar URI without a user part. Default: `uri` without its user. */
  registrar_server?: string | null;
  /** Put a Route to the socket's `sip_uri` on initial requests. Default: false. */
  use_preloaded_route?: boolean;
  /** User-Agent header value. Default: `SipKit <version>`. */
  user_agent?: string;
}

/** The configuration keys whose values are secrets: never logged, thrown or exposed. */
export const SECRET_PARAMETERS = ['password', 'ha1', 'authorization_jwt'] as const;

/** What `ua.configuration` shows for a secret that was set. */
export const REDACTED = '[redacted]';

/**
 * The normalized, frozen configuration a UA exposes as `ua.configuration`: every default filled in,
 * forms made uniform, secrets replaced by `[redacted]` (or null when unset).
 */
export interface NormalizedConfiguration {
  readonly uri: string;
  readonly sockets: readonly WeightedSocket[];
  readonly authorization_jwt: typeof REDACTED | null;
  readonly authorization_user: string;
  readonly connection_recovery_max_interval: number;
  readonly connection_recovery_min_interval: number;
  readonly contact_uri: string | null;
  readonly display_name: string | null;
  readonly extra_headers: readonly string[];
  /** Bare UUID (no `uuid:` prefix), or null. */
  readonly instance_id: string | null;
  readonly no_answer_timeout: number;
  readonly session_timers: boolean;
  readonly session_timers_refresh_method: 'UPDATE' | 'INVITE';
  readonly session_timers_force_refresher: boolean;
  readonly password: typeof REDACTED | null;
  readonly realm: string | null;
  readonly ha1: typeof REDACTED | null;
  readonly register: boolean;
  readonly register_expires: number;
  /** `''` when not configured. */
  readonly register_from_tag_trail: string | (() => string);
  readonly registrar_server: string;
  readonly use_preloaded_route: boolean;
  readonly user_agent: string;
}

/** The secrets taken out of a configuration, handed to the credential holders and nowhere else. */
export interface ConfigurationSecrets {
  readonly password: string | null;
  readonly ha1: string | null;
  readonly authorization_jwt: string | null;
}
