import type { DialerSettings } from './settings.js';

/**
 * The form field a `ConfigurationError` is about: its `parameter` is a UA parameter name, which
 * is also the field's name, except `sockets` (the WebSocket server) and `extra_headers[2]`.
 * Undefined when no field fits (the message then shows above the form).
 *
 * @example fieldOf('extra_headers[1]') // 'extra_headers'
 */
export function fieldOf(parameter: string | undefined): keyof DialerSettings | undefined {
  if (parameter === undefined) return undefined;
  if (parameter === 'sockets') return 'server';
  const name = parameter.replace(/\[\d+\]$/, '');
  return name in FIELD_NAMES ? (name as keyof DialerSettings) : undefined;
}

// Every settings key, for `fieldOf` (a record so a new setting cannot be forgotten here).
const FIELD_NAMES: Readonly<Record<keyof DialerSettings, true>> = {
  server: true,
  uri: true,
  password: true,
  display_name: true,
  authorization_user: true,
  realm: true,
  ha1: true,
  authorization_jwt: true,
  registrar_server: true,
  register: true,
  register_expires: true,
  session_timers: true,
  session_timers_refresh_method: true,
  session_timers_force_refresher: true,
  no_answer_timeout: true,
  connection_recovery_min_interval: true,
  connection_recovery_max_interval: true,
  contact_uri: true,
  instance_id: true,
  use_preloaded_route: true,
  user_agent: true,
  extra_headers: true,
  ice_servers: true,
  remember_password: true,
};
