import {
  ConfigurationError,
  normalizeConfiguration,
  WebSocketInterface,
  type Socket,
  type UAConfiguration,
} from '@sipkit/core';
import { parseIceServers } from './ice-servers.js';
import type { DialerSettings } from './settings.js';

/** What the phone runs with once "Connect" is pressed. */
export interface DialerSetup {
  /** For `<SipProvider config>`: exactly the JsSIP-compatible UA configuration. */
  readonly config: UAConfiguration;
  /** For every call placed or answered (ICE servers are a call option, not a UA parameter). */
  readonly pcConfig: RTCConfiguration;
}

type TextParameter =
  | 'authorization_user'
  | 'realm'
  | 'ha1'
  | 'authorization_jwt'
  | 'registrar_server'
  | 'contact_uri'
  | 'instance_id'
  | 'user_agent';
type NumberParameter =
  | 'register_expires'
  | 'no_answer_timeout'
  | 'connection_recovery_min_interval'
  | 'connection_recovery_max_interval';

const TEXT: readonly TextParameter[] = [
  'authorization_user',
  'realm',
  'ha1',
  'authorization_jwt',
  'registrar_server',
  'contact_uri',
  'instance_id',
  'user_agent',
];
const NUMBERS: readonly NumberParameter[] = [
  'register_expires',
  'no_answer_timeout',
  'connection_recovery_min_interval',
  'connection_recovery_max_interval',
];

/**
 * Turns the form into a UA configuration and call options, then validates it exactly as the UA
 * will (`normalizeConfiguration`), so a bad value is reported before anything connects. Empty
 * fields are left out, so the UA's defaults apply. Throws `ConfigurationError`, whose
 * `parameter` names the field at fault (`sockets` for the WebSocket server).
 *
 * @example
 * const { config } = settingsToSetup({ ...defaultSettings(), uri: 'alice' });
 * config.uri; // 'sip:alice@127.0.0.1'
 */
export function settingsToSetup(
  settings: DialerSettings,
  createSocket: (url: string) => Socket = (url) => new WebSocketInterface(url),
): DialerSetup {
  const config: UAConfiguration = {
    uri: sipUri(settings.uri, settings.server),
    sockets: socketFor(settings.server.trim(), createSocket),
    register: settings.register,
    session_timers: settings.session_timers,
    session_timers_refresh_method: settings.session_timers_refresh_method,
    session_timers_force_refresher: settings.session_timers_force_refresher,
    use_preloaded_route: settings.use_preloaded_route,
  };
  // A password may have spaces at either end; every other text field is trimmed.
  if (settings.password !== '') config.password = settings.password;
  if (settings.display_name.trim() !== '') config.display_name = settings.display_name.trim();
  for (const key of TEXT) {
    const value = settings[key].trim();
    if (value !== '') config[key] = value;
  }
  for (const key of NUMBERS) {
    const value = settings[key].trim();
    // Not a number stays NaN, and the core says what it expected.
    if (value !== '') config[key] = Number(value);
  }
  const headers = lines(settings.extra_headers);
  if (headers.length > 0) config.extra_headers = headers;
  const pcConfig: RTCConfiguration = { iceServers: parseIceServers(settings.ice_servers) };
  normalizeConfiguration(config);
  return { config, pcConfig };
}

/**
 * The SIP URI for what was typed: a full `sip:`/`sips:` URI as is, `alice@example.com` with
 * `sip:` added, and a bare name at the WebSocket server's host (what the dev server serves).
 *
 * @example sipUri('alice', 'ws://127.0.0.1:5062') // 'sip:alice@127.0.0.1'
 */
export function sipUri(typed: string, server: string): string {
  const value = typed.trim();
  if (value === '' || /^sips?:/i.test(value)) return value;
  if (value.includes('@')) return `sip:${value}`;
  const host = hostOf(server);
  return host === undefined ? value : `sip:${value}@${host}`;
}

function hostOf(server: string): string | undefined {
  try {
    return new URL(server.trim()).hostname || undefined;
  } catch {
    return undefined;
  }
}

function socketFor(url: string, createSocket: (url: string) => Socket): Socket {
  if (url === '') throw new ConfigurationError('sockets', 'a WebSocket server URL is required');
  // A bad URL does not throw here: the socket remembers it and `normalizeConfiguration` rejects
  // it as `sockets`, as `new UA()` would.
  return createSocket(url);
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
