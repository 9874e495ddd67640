import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';
import { startProcess, type ManagedProcess } from './managed-process.js';
import type { ProcessRegistry } from './process-registry.js';
import { waitUntil } from './wait.js';

const run = promisify(execFile);

export const KAMAILIO_CONFIG = fileURLToPath(new URL('../kamailio/kamailio.cfg', import.meta.url));
/** What kamailio.cfg accepts for every user: see its header. */
export const TEST_PASSWORD = 'sipkit-e2e-secret';
export const SIP_DOMAIN = 'sipkit.test';

export interface KamailioPorts {
  readonly ws: number;
  readonly udp: number;
  /** Where kamailio.cfg sends requests for the `sipp` user. */
  readonly sipp: number;
}

/** Variations of kamailio.cfg a scenario can ask for (each an `#!ifdef` there). */
export interface KamailioOptions {
  /** Relay a downstream 503 as it is instead of as 500 (tm's `remap_503_500` off). */
  readonly pass503?: boolean;
  /** Refuse digest credentials whose nc was seen before for that nonce (auth's `nonce_count`). */
  readonly nonceCount?: boolean;
  /**
   * Also accept WebSocket connections on this address (same port): one the test put on its
   * namespace's loopback for a browser in another namespace (`harness/caller-namespace.ts`).
   */
  readonly extraWsAddress?: string;
}

/** A running Kamailio from e2e/kamailio/kamailio.cfg, with its own runtime directory. */
export class Kamailio {
  readonly ports: KamailioPorts;
  readonly dir: string;
  readonly #registry: ProcessRegistry;
  readonly #options: KamailioOptions;
  #process: ManagedProcess | undefined;

  private constructor(
    dir: string,
    ports: KamailioPorts,
    registry: ProcessRegistry,
    options: KamailioOptions,
  ) {
    this.dir = dir;
    this.ports = ports;
    this.#registry = registry;
    this.#options = options;
  }

  /** Starts one on fresh free ports under `<runDir>/<name>`. */
  static async start(
    runDir: string,
    name: string,
    registry: ProcessRegistry,
    options: KamailioOptions = {},
  ): Promise<Kamailio> {
    const dir = join(runDir, name);
    mkdirSync(dir, { recursive: true });
    const ports = {
      ws: await freePort('tcp'),
      udp: await freePort('udp'),
      sipp: await freePort('udp'),
    };
    const kamailio = new Kamailio(dir, ports, registry, options);
    await kamailio.restart();
    return kamailio;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.ports.ws}`;
  }

  get logFile(): string {
    return join(this.dir, 'kamailio.log');
  }

  get ctlSocket(): string {
    return `unix:${join(this.dir, 'kamailio_ctl')}`;
  }

  /** Starts again on the same ports (after `kill()` or `stop()`), and waits until it answers. */
  async restart(): Promise<void> {
    if (this.#process !== undefined) throw new Error('kamailio is already running');
    // Ports and paths reach kamailio.cfg as preprocessor defines (see its header).
    const defines: Record<string, string | number> = {
      WS_PORT: this.ports.ws,
      UDP_PORT: this.ports.udp,
      SIPP_PORT: this.ports.sipp,
      CTL_SOCKET: `"${this.ctlSocket}"`,
      SIP_DOMAIN: `"${SIP_DOMAIN}"`,
      TEST_PASSWORD: `"${TEST_PASSWORD}"`,
    };
    if (this.#options.pass503 === true) defines['PASS_503'] = 1;
    if (this.#options.nonceCount === true) defines['NONCE_COUNT'] = 1;
    if (this.#options.extraWsAddress !== undefined)
      defines['WS_EXTRA_IP'] = this.#options.extraWsAddress;
    const child = startProcess({
      command: 'kamailio',
      args: [
        ...['-f', KAMAILIO_CONFIG],
        '-DD', // do not daemonize: the pid we hold is the main process, its workers in its group
        '-E', // log to stderr, which goes to kamailio.log
        ...['-Y', this.dir, '-P', join(this.dir, 'kamailio.pid'), '-w', this.dir],
        ...['-m', '32', '-M', '4'], // MB of shared and private memory: plenty for a test
        ...Object.entries(defines).flatMap(([name, value]) => ['-A', `${name}=${value}`]),
      ],
      logFile: this.logFile,
      registry: this.#registry,
    });
    this.#process = child;
    const exitedEarly = child.exited.then((code) => {
      throw new Error(
        `kamailio exited (${code}) while starting; see ${this.logFile}\n${this.logTail()}`,
      );
    });
    exitedEarly.catch(() => undefined); // only the race below needs it
    await Promise.race([
      exitedEarly,
      waitUntil('kamailio to accept WebSocket connections', async () =>
        (await this.rpc('core.version')) && (await tcpOpen(this.ports.ws)) ? true : undefined,
      ),
    ]);
  }

  /** Stops it the way an operator would (SIGTERM). */
  async stop(): Promise<void> {
    await this.#process?.stop();
    this.#process = undefined;
  }

  /** Kills it like a crash (SIGKILL to the whole group): connections drop, bindings are lost. */
  async kill(): Promise<void> {
    await this.#process?.kill();
    this.#process = undefined;
  }

  /** Freezes every Kamailio process: connections stay open, nothing is answered. */
  pause(): void {
    this.#process?.pause();
  }

  /** One RPC through kamcmd over the control socket; resolves with its output. */
  async rpc(...command: string[]): Promise<string> {
    const { stdout } = await run('kamcmd', ['-s', this.ctlSocket, ...command], { timeout: 3000 });
    return stdout;
  }

  /** The bindings usrloc holds for `user` (usrloc keys by user only: one domain here). */
  async bindingsOf(user: string): Promise<Binding[]> {
    const dump = await this.rpc('ul.dump');
    // kamcmd prints nested structures as `Name: value` lines, one `Info` block per AoR.
    const record = dump
      .split(/^\s*Info: \{$/m)
      .slice(1)
      .find((block) => new RegExp(`^\\s*AoR: ${user}$`, 'm').test(block));
    if (record === undefined) return [];
    return record
      .split(/^\s*Contact: \{$/m)
      .slice(1)
      .map((contact) => ({
        address: field(contact, 'Address'),
        received: field(contact, 'Received'),
        expires: Number(field(contact, 'Expires')),
      }));
  }

  /** How far the log has grown (bytes), to read what comes after with `logSince`. */
  logLength(): number {
    try {
      return readFileSync(this.logFile).length;
    } catch {
      return 0;
    }
  }

  /** The lines logged after `offset` (a `logLength()`), across restarts (the log is appended). */
  logSince(offset: number): string[] {
    try {
      return readFileSync(this.logFile).subarray(offset).toString('utf8').split('\n');
    } catch {
      return [];
    }
  }

  /** The last lines Kamailio logged, for failure messages. */
  logTail(lines = 30): string {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}

/** One usrloc contact, as `ul.dump` shows it. */
export interface Binding {
  readonly address: string;
  /** Where fix_nated_register() saw the REGISTER come from (the WebSocket connection). */
  readonly received: string;
  readonly expires: number;
}

function field(block: string, name: string): string {
  return new RegExp(`^\\s*${name}: (.*)$`, 'm').exec(block)?.[1]?.trim() ?? '';
}

async function tcpOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
