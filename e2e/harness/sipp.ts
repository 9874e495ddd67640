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
  return startSipp(options, { remote: options.remote, service: options.service });
}

/** Starts SIPp as a UAS and waits until it listens. */
export async function startSippUas(options: SippOptions): Promise<Sipp> {
  return startSipp(options, undefined);
}

async function startSipp(options: SippOptions, uac: SippTarget | undefined): Promise<Sipp> {
  const name = options.name ?? 'sipp';
  let scenarioFile = sippScenario(options.scenario);
  if (options.template !== undefined) {
    let text = readFileSync(scenarioFile, 'utf8');
    for (const [key, value] of Object.entries(options.template))
      text = text.replaceAll(`@${key}@`, value);
    scenarioFile = join(options.dir, `${name}-scenario.xml`);
    writeFileSync(scenarioFile, text);
  }
  const command = sippCommandLine({
    scenarioFile,
    port: options.port,
    calls: options.calls ?? 1,
    timeoutSeconds: options.timeoutSeconds ?? 20,
    dir: options.dir,
    name,
    keys: options.keys,
    uac,
  });
  const child = startProcess({
    command: 'sipp',
    args: command.args,
    cwd: options.dir,
    logFile: command.screenLog,
    registry: options.registry,
  });
  await waitUntil(`SIPp to listen on udp ${options.port}`, async () =>
    (await udpPortTaken(options.port)) ? true : undefined,
  );
  return { process: child, messageLog: command.messageLog, screenLog: command.screenLog };
}

/** Where a SIPp UAC sends: `host:port` of the proxy, and the user called (`-s`, `[service]`). */
interface SippTarget {
  readonly remote: string;
  readonly service: string;
}

/** Everything SIPp's command line says, for a long-running SIPp and a one-shot UAC alike. */
interface SippCommand {
  /** The scenario's path (after any `template` was applied). */
  readonly scenarioFile: string;
  /** SIPp's own UDP port on 127.0.0.1. */
  readonly port: number;
  /** SIPp's -m: it exits after that many calls, with 0 if all passed. */
  readonly calls: number;
  /** SIPp gives up (and fails, -timeout_error) after this many seconds. */
  readonly timeoutSeconds: number;
  /** Where the log files go, each prefixed `name`. */
  readonly dir: string;
  readonly name: string;
  readonly keys: Readonly<Record<string, string>> | undefined;
  /** Absent: SIPp is a UAS. */
  readonly uac: SippTarget | undefined;
  /** Digest credentials for a 401/407 (see `SippRunOptions.auth`). */
  readonly auth?: SippRunOptions['auth'];
}

/** SIPp's arguments and the log files they name. */
interface SippCommandLine {
  readonly args: readonly string[];
  readonly messageLog: string;
  readonly errorLog: string;
  /** SIPp's screen output (the process's stdout). */
  readonly screenLog: string;
}

function sippCommandLine(command: SippCommand): SippCommandLine {
  const { dir, name, uac, auth } = command;
  const messageLog = join(dir, `${name}-messages.log`);
  const errorLog = join(dir, `${name}-errors.log`);
  const keys = Object.entries(command.keys ?? {}).flatMap(([key, value]) => ['-key', key, value]);
  const args = [
    ...(uac === undefined ? [] : [uac.remote, '-s', uac.service]),
    ...['-sf', command.scenarioFile, '-i', '127.0.0.1', '-p', String(command.port)],
    ...(auth === undefined ? [] : ['-au', auth.user, '-ap', auth.password, '-auth_uri', auth.uri]),
    ...['-m', String(command.calls), '-nostdin'],
    ...['-timeout', `${command.timeoutSeconds}s`, '-timeout_error'],
    ...['-trace_msg', '-message_file', messageLog, '-trace_err', '-error_file', errorLog],
    ...keys,
  ];
  return { args, messageLog, errorLog, screenLog: join(dir, `${name}.log`) };
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
  const { messageLog, errorLog, args, screenLog } = sippCommandLine({
    scenarioFile: sippScenario(options.scenario),
    port: options.localPort,
    calls: 1,
    timeoutSeconds: 10,
    dir: options.dir,
    name: options.name,
    keys: options.keys,
    uac: { remote: options.remote, service: options.service },
    auth: options.auth,
  });
  const child = startProcess({
    command: 'sipp',
    args,
    cwd: options.dir,
    logFile: screenLog,
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
