import { createSocket } from 'node:dgram';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProcess, type ManagedProcess } from './managed-process.js';
import type { ProcessRegistry } from './process-registry.js';
import { waitUntil } from './wait.js';

/** A scenario file in e2e/sipp/. */
export function sippScenario(name: string): string {
  return fileURLToPath(new URL(`../sipp/${name}`, import.meta.url));
}

export interface SippOptions {
  /** File name in e2e/sipp/. */
  readonly scenario: string;
  /** The UDP port Kamailio routes the `sipp` user to (`kamailio.ports.sipp`). */
  readonly port: number;
  /** Where logs go (a scenario's runtime dir). */
  readonly dir: string;
  readonly registry: ProcessRegistry;
  /** Calls to handle before exiting (SIPp's -m). */
  readonly calls?: number;
  /** `-key name value` pairs, read in the scenario as `[name]`. */
  readonly keys?: Readonly<Record<string, string>>;
  /** SIPp gives up (and fails) after this many seconds. */
  readonly timeoutSeconds?: number;
  /** Prefix of the log files in `dir` (default `sipp`), for several SIPp runs in one dir. */
  readonly name?: string;
  /**
   * `@name@` placeholders replaced in the scenario before SIPp reads it (written to `dir`), for
   * what SIPp checks while parsing and so cannot come from `-key`, such as a response code.
   */
  readonly template?: Readonly<Record<string, string>>;
}

/** A SIPp UAS on 127.0.0.1. `exited` resolves with 0 when every call passed the scenario. */
export interface Sipp {
  readonly process: ManagedProcess;
  readonly messageLog: string;
  readonly screenLog: string;
}

/** Where a SIPp UAC sends its calls. */
export interface SippUacOptions extends SippOptions {
  /** `host:port` of the proxy (Kamailio's UDP listener). */
  readonly remote: string;
  /** The user called (SIPp's `-s`, `[service]` in the scenario). */
  readonly service: string;
}

/** Starts SIPp as a UAC: it places `calls` calls (default 1) to `service` through `remote`. */
export async function startSippUac(options: SippUacOptions): Promise<Sipp> {
  return startSipp(options, [options.remote, '-s', options.service]);
}

/** Starts SIPp as a UAS and waits until it listens. */
export async function startSippUas(options: SippOptions): Promise<Sipp> {
  return startSipp(options, []);
}

async function startSipp(options: SippOptions, extra: readonly string[]): Promise<Sipp> {
  const name = options.name ?? 'sipp';
  const messageLog = join(options.dir, `${name}-messages.log`);
  const screenLog = join(options.dir, `${name}.log`);
  const keys = Object.entries(options.keys ?? {}).flatMap(([name, value]) => ['-key', name, value]);
  let scenarioFile = sippScenario(options.scenario);
  if (options.template !== undefined) {
    let text = readFileSync(scenarioFile, 'utf8');
    for (const [key, value] of Object.entries(options.template))
      text = text.replaceAll(`@${key}@`, value);
    scenarioFile = join(options.dir, `${name}-scenario.xml`);
    writeFileSync(scenarioFile, text);
  }
  const child = startProcess({
    command: 'sipp',
    args: [
      ...['-sf', scenarioFile, '-i', '127.0.0.1', '-p', String(options.port)],
      ...['-m', String(options.calls ?? 1)], // exit after that many calls, 0 if all passed
      '-nostdin',
      ...['-timeout', `${options.timeoutSeconds ?? 20}s`, '-timeout_error'],
      ...['-trace_msg', '-message_file', messageLog],
      ...['-trace_err', '-error_file', join(options.dir, `${name}-errors.log`)],
      ...keys,
      ...extra,
    ],
    cwd: options.dir,
    logFile: screenLog,
    registry: options.registry,
  });
  await waitUntil(`SIPp to listen on udp ${options.port}`, async () =>
    (await udpPortTaken(options.port)) ? true : undefined,
  );
  return { process: child, messageLog, screenLog };
}

/** True when something is bound to the port (our bind attempt fails with EADDRINUSE). */
async function udpPortTaken(port: number): Promise<boolean> {
  const socket = createSocket('udp4');
  return new Promise((resolve) => {
    socket.once('error', () => resolve(true));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(false)));
  });
}

/** What `runSippUac` sends where. */
export interface SippRunOptions {
  /** File name in e2e/sipp/. */
  readonly scenario: string;
  /** Where to send (Kamailio's UDP listener), `host:port`. */
  readonly remote: string;
  /** The Request-URI's user (`[service]`). */
  readonly service: string;
  /**
   * Digest credentials for a 407 (`[authentication]`), and the digest `uri` without its
   * `sip:` (SIPp adds it): SIPp puts the remote address there unless told, and Kamailio's check
   * wants the Request-URI.
   */
  readonly auth?: { readonly user: string; readonly password: string; readonly uri: string };
  readonly keys?: Readonly<Record<string, string>>;
  readonly dir: string;
  readonly registry: ProcessRegistry;
  /** Prefix of the log files in `dir`. */
  readonly name: string;
  /** SIPp's own UDP port (the recipes' plan gives SIPp 7316-7318). */
  readonly localPort: number;
}

/**
 * Runs SIPp once as a UAC (one call of the scenario, -m 1) and resolves when it exits: with 0
 * when the scenario passed; otherwise it fails with SIPp's errors log.
 */
export async function runSippUac(options: SippRunOptions): Promise<void> {
  const messageLog = join(options.dir, `${options.name}-messages.log`);
  const errorLog = join(options.dir, `${options.name}-errors.log`);
  const keys = Object.entries(options.keys ?? {}).flatMap(([name, value]) => ['-key', name, value]);
  const child = startProcess({
    command: 'sipp',
    args: [
      options.remote,
      ...['-sf', sippScenario(options.scenario), '-s', options.service],
      ...['-i', '127.0.0.1', '-p', String(options.localPort)],
      ...(options.auth === undefined
        ? []
        : ['-au', options.auth.user, '-ap', options.auth.password, '-auth_uri', options.auth.uri]),
      ...['-m', '1', '-nostdin', '-timeout', '10s', '-timeout_error'],
      ...['-trace_msg', '-message_file', messageLog, '-trace_err', '-error_file', errorLog],
      ...keys,
    ],
    cwd: options.dir,
    logFile: join(options.dir, `${options.name}.log`),
    registry: options.registry,
  });
  const code = await child.exited;
  if (code !== 0) {
    const read = (file: string): string => {
      try {
        return readFileSync(file, 'utf8').slice(-3000);
      } catch {
        return '(none)';
      }
    };
    throw new Error(
      `SIPp ${options.scenario} exited ${code}:\n${read(errorLog)}\n${read(messageLog)}`,
    );
  }
}
