/**
 * What the settings form edits: one field per JsSIP UA parameter (named exactly as the
 * parameter, so a `ConfigurationError`'s `parameter` names its field), plus the WebSocket
 * server URL (the `sockets` parameter), the ICE servers (a call option, not a UA parameter) and
 * whether secrets may be stored. Numbers stay text as typed: empty means the UA's default.
 */
export interface DialerSettings {
  /** `ws://` or `wss://` URL of the SIP server's WebSocket; becomes `sockets`. */
  readonly server: string;
  /** A SIP URI, or just a name: `alice` means `sip:alice@<host of server>`. */
  readonly uri: string;
  readonly password: string;
  readonly display_name: string;
  readonly authorization_user: string;
  readonly realm: string;
  readonly ha1: string;
  readonly authorization_jwt: string;
  readonly registrar_server: string;
  readonly register: boolean;
  readonly register_expires: string;
  readonly session_timers: boolean;
  readonly session_timers_refresh_method: 'UPDATE' | 'INVITE';
  readonly session_timers_force_refresher: boolean;
  readonly no_answer_timeout: string;
  readonly connection_recovery_min_interval: string;
  readonly connection_recovery_max_interval: string;
  readonly contact_uri: string;
  readonly instance_id: string;
  readonly use_preloaded_route: boolean;
  readonly user_agent: string;
  /** `Name: value`, one header a line. */
  readonly extra_headers: string;
  /** A JSON `RTCIceServer[]` (or one server), or one `stun:`/`turn:` URL a line. */
  readonly ice_servers: string;
  /** Store password, HA1 and JWT in localStorage too. */
  readonly remember_password: boolean;
}

/** The fields that hold secrets: stored only when `remember_password` is ticked. */
export const SECRET_FIELDS = ['password', 'ha1', 'authorization_jwt'] as const;

/** The dev SIP server `pnpm demo` runs, unless Vite says it runs elsewhere. */
export const DEV_SIP_SERVER: string = import.meta.env.VITE_DEV_SIP_SERVER ?? 'ws://127.0.0.1:5062';

/**
 * The settings a first visit starts from: the dev server and the UA's own defaults (shown as
 * such, so nothing is overridden unless the user changes it). Only a name is missing.
 *
 * @example const settings = { ...defaultSettings(), uri: 'alice' };
 */
export function defaultSettings(): DialerSettings {
  return {
    server: DEV_SIP_SERVER,
    uri: '',
    password: '',
    display_name: '',
    authorization_user: '',
    realm: '',
    ha1: '',
    authorization_jwt: '',
    registrar_server: '',
    register: true,
    register_expires: '',
    session_timers: true,
    session_timers_refresh_method: 'UPDATE',
    session_timers_force_refresher: false,
    no_answer_timeout: '',
    connection_recovery_min_interval: '',
    connection_recovery_max_interval: '',
    contact_uri: '',
    instance_id: '',
    use_preloaded_route: false,
    user_agent: '',
    extra_headers: '',
    ice_servers: '',
    remember_password: false,
  };
}
