/** What the dev server is started with. */
export interface DevServerOptions {
  /** Interface to listen on (default 127.0.0.1: a development server stays on this machine). */
  readonly host: string;
  /** Default 5062. */
  readonly port: number;
  /** user -> password; empty means REGISTER is accepted without authentication. */
  readonly users: Readonly<Record<string, string>>;
  /** Print one line per SIP message (default true). */
  readonly verbose: boolean;
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

export const USAGE = `Usage: sipkit-dev-server [--host 127.0.0.1] [--port 5062] [--users alice:secret,bob:secret] [--quiet]

A SIP registrar and proxy over WebSocket (ws://host:port, subprotocol "sip") for developing
SipKit apps on one machine. It keeps registrations in memory and forgets them on exit.
Not for production: use Kamailio, Asterisk or FreeSWITCH there (see the README).`;

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
    default:
      throw new DevServerUsageError(`unknown option ${name}\n\n${USAGE}`);
  }
}

function portNumber(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new DevServerUsageError(`--port expects a port number (0-65535), got "${value}"`);
  }
  return port;
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
