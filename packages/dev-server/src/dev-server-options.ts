import {
  DEFAULT_SIP_PROXY_LIMITS,
  type MessageWaitingCounts,
  type SipProxyLimits,
} from '@sipkit/testing';
import { DEFAULT_WEBSOCKET_HOST_LIMITS, type WebSocketHostLimits } from '@sipkit/testing/node';

/**
 * Every bound the dev server applies: connections, silence and frame size at the WebSocket
 * (see `WebSocketHostLimits` in `@sipkit/testing/node`), registrations and per-connection state
 * in the registrar/proxy (`SipProxyLimits`).
 */
export interface DevServerLimits extends SipProxyLimits, WebSocketHostLimits {}

/** The limits the dev server applies unless told otherwise (documented in ARCHITECTURE.md). */
export const DEFAULT_DEV_SERVER_LIMITS: DevServerLimits = {
  ...DEFAULT_SIP_PROXY_LIMITS,
  ...DEFAULT_WEBSOCKET_HOST_LIMITS,
};

/** What the dev server is started with. */
export interface DevServerOptions {
  /** Interface to listen on (default 127.0.0.1: a development server stays on this machine). */
  readonly host: string;
  /** Default 5062. */
  readonly port: number;
  /** user -> password; empty means REGISTER is accepted without authentication. */
  readonly users: Readonly<Record<string, string>>;
  /** Print one line per SIP message (default true). Refusals and limits are printed either way. */
  readonly verbose: boolean;
  /**
   * Web page origins allowed to connect besides loopback ones (`http://192.168.1.5:5173`), or
   * `'*'` for any. Pages on 127.0.0.1, localhost and [::1] (any port) and clients that send no
   * Origin (Node, SIPp) always may; every other page a browser shows is refused (403).
   */
  readonly allowOrigins?: readonly string[];
  /** Overrides of `DEFAULT_DEV_SERVER_LIMITS`. */
  readonly limits?: Partial<DevServerLimits>;
  /**
   * Voicemail counts by user name, told to `message-summary` subscribers (RFC 3842): `--mwi
   * alice=2/5` is `{ alice: { new: 2, old: 5 } }`. Change them later with
   * `server.setMessageWaiting`.
   */
  readonly messageWaiting?: Readonly<Record<string, MessageWaitingCounts>>;
}

export const DEFAULT_DEV_SERVER_OPTIONS: DevServerOptions = {
  host: '127.0.0.1',
  port: 5062,
  users: {},
  verbose: true,
};

/** Thrown for a command line the dev server cannot use; the message says what was wrong. */
export class DevServerUsageError extends Error {
  override readonly name = 'DevServerUsageError';
}

export const USAGE = `Usage: sipkit-dev-server [--host 127.0.0.1] [--port 5062] [--users alice:secret,bob:secret]
                         [--allow-origin http://192.168.1.5:5173] [--mwi alice=2/5]
                         [--quiet] [limits]

A SIP registrar and proxy over WebSocket (ws://host:port, subprotocol "sip") for developing
SipKit apps on one machine. It keeps registrations in memory and forgets them on exit. It is
also a presence server: SUBSCRIBE to presence (from PUBLISH, else registration), dialog (busy
lamps of the calls it carries) and message-summary (the --mwi counts); PUBLISH of presence.
Not for production: use Kamailio, Asterisk or FreeSWITCH there (see the README).

  --host ADDRESS          interface to listen on (default 127.0.0.1, this machine only)
  --port N                default 5062
  --users a:pw,b:pw       digest users; then every request from a local identity is challenged
  --allow-origin ORIGIN   a web page origin allowed to connect besides 127.0.0.1, localhost and
                          [::1] (any port); repeat or separate with commas; * allows any page
  --mwi alice=2/5         voicemail of a user: new/old voice messages, told to message-summary
                          subscribers; repeat or separate with commas
  --quiet                 no line per SIP message (refusals and limits are still printed)

Limits (a line is logged when one triggers; at a connection limit the oldest connection that
never sent a SIP message is closed to make room, and only then is a new one refused):
  --max-connections N            open connections in all (default 256)
  --max-connections-per-ip N     open connections from one address (default 32)
  --idle-timeout SECONDS         close a connection that sent no SIP message by then (default 30)
  --max-message-bytes N          largest WebSocket frame (default and maximum 262144)
  --max-contacts-per-aor N       registered contacts per user (default 10; then 503)
  --max-registrations N          registered contacts in all (default 1000; then 503)
  --max-pending-per-connection N requests in progress per connection (default 64; then 503)
  --max-subscriptions N          subscriptions served in all (default 1024; then 503)
  --max-subscriptions-per-connection N  subscriptions per connection (default 32; then 503)
  --max-publications N           published presence states kept (default 1024; then 503)`;

const LIMIT_FLAGS: Readonly<Record<string, { key: keyof DevServerLimits; scale?: number }>> = {
  '--max-connections': { key: 'maxConnections' },
  '--max-connections-per-ip': { key: 'maxConnectionsPerIp' },
  '--idle-timeout': { key: 'idleTimeoutMs', scale: 1000 },
  '--max-message-bytes': { key: 'maxMessageBytes' },
  '--max-contacts-per-aor': { key: 'maxContactsPerAor' },
  '--max-registrations': { key: 'maxRegistrations' },
  '--max-pending-per-connection': { key: 'maxPendingPerConnection' },
  '--max-subscriptions': { key: 'maxSubscriptions' },
  '--max-subscriptions-per-connection': { key: 'maxSubscriptionsPerConnection' },
  '--max-publications': { key: 'maxPublications' },
};

/**
 * Reads the command line (`--port 5062 --users alice:secret,bob:secret`).
 *
 * @example parseDevServerArgs(['--port', '6000']).port // 6000
 */
export function parseDevServerArgs(args: readonly string[]): DevServerOptions | 'help' {
  let options: DevServerOptions = DEFAULT_DEV_SERVER_OPTIONS;
  for (let i = 0; i < args.length; i++) {
    const flag = args[i] ?? '';
    if (flag === '--help' || flag === '-h') return 'help';
    if (flag === '--') continue; // what `pnpm run x -- args` passes through
    if (flag === '--quiet') {
      options = { ...options, verbose: false };
      continue;
    }
    const [name, inline] = flag.includes('=') ? flag.split(/=(.*)/s, 2) : [flag, undefined];
    const value = inline ?? args[++i];
    if (value === undefined) throw new DevServerUsageError(`${name} needs a value\n\n${USAGE}`);
    options = withOption(options, name ?? '', value);
  }
  return options;
}

function withOption(options: DevServerOptions, name: string, value: string): DevServerOptions {
  switch (name) {
    case '--host':
      return { ...options, host: value };
    case '--port':
      return { ...options, port: portNumber(value) };
    case '--users':
      return { ...options, users: parseUsers(value) };
    case '--mwi':
      return {
        ...options,
        messageWaiting: { ...options.messageWaiting, ...parseMessageWaiting(value) },
      };
    case '--allow-origin':
      return {
        ...options,
        allowOrigins: [...(options.allowOrigins ?? []), ...parseOrigins(value)],
      };
    default: {
      const limit = LIMIT_FLAGS[name];
      if (limit === undefined) throw new DevServerUsageError(`unknown option ${name}\n\n${USAGE}`);
      const count = positiveCount(name, value) * (limit.scale ?? 1);
      if (limit.key === 'maxMessageBytes' && count > DEFAULT_DEV_SERVER_LIMITS.maxMessageBytes) {
        throw new DevServerUsageError(
          `--max-message-bytes cannot exceed ${DEFAULT_DEV_SERVER_LIMITS.maxMessageBytes} (the SIP parser's cap), got "${value}"`,
        );
      }
      return { ...options, limits: { ...options.limits, [limit.key]: count } };
    }
  }
}

function positiveCount(name: string, value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) {
    throw new DevServerUsageError(`${name} expects a whole number of at least 1, got "${value}"`);
  }
  return count;
}

/** `http://a:5173,https://b` -> each origin checked to be `scheme://host[:port]` (or `*`). */
export function parseOrigins(value: string): string[] {
  const origins = value
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  for (const origin of origins) {
    if (origin === '*') continue;
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (
      url === undefined ||
      `${url.protocol}//${url.host}` !== origin.toLowerCase().replace(/\/$/, '')
    ) {
      throw new DevServerUsageError(
        `--allow-origin expects origins like http://192.168.1.5:5173 (scheme, host, optional port; no path) or *, got "${origin}"`,
      );
    }
  }
  return origins;
}

function portNumber(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new DevServerUsageError(`--port expects a port number (0-65535), got "${value}"`);
  }
  return port;
}

/**
 * `alice=2/5,bob=0/1` -> new/old voice message counts by user.
 *
 * @example parseMessageWaiting('alice=2/5').alice // { new: 2, old: 5 }
 */
export function parseMessageWaiting(value: string): Record<string, MessageWaitingCounts> {
  const counts: Record<string, MessageWaitingCounts> = {};
  for (const entry of value.split(',').filter((e) => e.trim() !== '')) {
    const match = /^\s*([A-Za-z0-9._~!$&'()*+;=-]+)=(\d{1,9})\/(\d{1,9})\s*$/.exec(entry);
    if (match === null) {
      throw new DevServerUsageError(
        `--mwi expects user=new/old pairs separated by commas (alice=2/5: 2 new and 5 old voice messages), got "${entry}"`,
      );
    }
    counts[match[1] ?? ''] = { new: Number(match[2]), old: Number(match[3]) };
  }
  return counts;
}

/** `alice:secret,bob:secret` -> `{ alice: 'secret', bob: 'secret' }`. */
export function parseUsers(value: string): Record<string, string> {
  const users: Record<string, string> = {};
  for (const entry of value.split(',').filter((e) => e.trim() !== '')) {
    const colon = entry.indexOf(':');
    const user = entry.slice(0, colon).trim();
    if (colon <= 0 || user === '' || !/^[A-Za-z0-9._~!$&'()*+;=-]+$/.test(user)) {
      throw new DevServerUsageError(
        `--users expects user:password pairs separated by commas, got "${entry}"`,
      );
    }
    users[user] = entry.slice(colon + 1);
  }
  return users;
}
