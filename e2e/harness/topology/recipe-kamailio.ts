import { execFile, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startProcess, type ManagedProcess } from '../managed-process.js';
import { writeSubscribers } from '../recipe-subscribers.js';
import type { ProcessRegistry } from '../process-registry.js';
import { waitUntil } from '../wait.js';
import { DEPLOY, PORTS, RECIPE_DOMAIN } from './deploy.js';
import { tcpOpen } from './probes.js';

const run = promisify(execFile);

/** The features of deploy/kamailio/kamailio.cfg a scenario turns on (its `WITH_*` defines). */
export interface RecipeKamailioOptions {
  /** WITH_AUTH: digest users from a db_text `subscriber` table written for this run. */
  readonly users?: Readonly<Record<string, string>>;
  /** WITH_RTPENGINE: media of calls between WebSocket and UDP through rtpengine. */
  readonly rtpengine?: boolean;
  /** WITH_TLS: wss on PORTS.kamailioWss with this certificate and key (PEM files). */
  readonly tls?: { readonly certificate: string; readonly key: string };
  /**
   * WITH_PRESENCE: the presence server (presence, dialog, message-summary) over an SQLite file
   * made in the instance's directory from Kamailio's shipped schema.
   */
  readonly presence?: boolean;
}

/** Kamailio started from the recipe (deploy/kamailio/kamailio.cfg), in its own directory. */
export class RecipeKamailio {
  readonly dir: string;
  readonly #process: ManagedProcess;

  private constructor(dir: string, process: ManagedProcess) {
    this.dir = dir;
    this.#process = process;
  }

  static async start(
    dir: string,
    registry: ProcessRegistry,
    options: RecipeKamailioOptions = {},
  ): Promise<RecipeKamailio> {
    mkdirSync(dir, { recursive: true });
    const defines: string[] = [
      `SIP_PORT=${PORTS.kamailioUdp}`,
      `WS_PORT=${PORTS.kamailioWs}`,
      `WSS_PORT=${PORTS.kamailioWss}`,
      `SIP_DOMAIN="${RECIPE_DOMAIN}"`,
      `CTL_SOCK="${ctlSocket(dir)}"`,
    ];
    if (options.users !== undefined) {
      defines.push(
        'WITH_AUTH',
        `DBURL="text://${writeSubscribers(dir, RECIPE_DOMAIN, options.users)}"`,
      );
    }
    if (options.rtpengine === true) {
      defines.push('WITH_RTPENGINE', `RTPENGINE_SOCK="udp:127.0.0.1:${PORTS.rtpengineNg}"`);
    }
    if (options.tls !== undefined) {
      defines.push(
        'WITH_TLS',
        `TLS_CERT="${options.tls.certificate}"`,
        `TLS_KEY="${options.tls.key}"`,
      );
    }
    if (options.presence === true) {
      defines.push(
        'WITH_PRESENCE',
        // db_sqlite takes the path after `sqlite://` minus one slash: an absolute one needs four.
        `PRESENCE_DBURL="sqlite:///${await createPresenceDatabase(dir)}"`,
        `PRESENCE_SERVER="sip:127.0.0.1:${PORTS.kamailioUdp}"`,
      );
    }
    const logFile = join(dir, 'kamailio.log');
    const child = startProcess({
      command: 'kamailio',
      args: [
        ...['-f', DEPLOY.kamailio],
        '-DD', // the pid we hold is the main process; its workers share its process group
        '-E',
        ...['-Y', dir, '-P', join(dir, 'kamailio.pid'), '-w', dir],
        ...['-m', '32', '-M', '4'],
        ...defines.flatMap((define) => ['-A', define]),
      ],
      logFile,
      registry,
    });
    const kamailio = new RecipeKamailio(dir, child);
    const exitedEarly = child.exited.then((code) => {
      throw new Error(`kamailio exited (${code}) while starting:\n${tail(logFile)}`);
    });
    exitedEarly.catch(() => undefined);
    await Promise.race([
      exitedEarly,
      waitUntil('kamailio (recipe) to accept WebSocket connections', async () =>
        (await kamailio.rpc('core.version')) && (await tcpOpen(PORTS.kamailioWs))
          ? true
          : undefined,
      ),
    ]);
    return kamailio;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${PORTS.kamailioWs}`;
  }

  get wssUrl(): string {
    return `wss://127.0.0.1:${PORTS.kamailioWss}`;
  }

  get logFile(): string {
    return join(this.dir, 'kamailio.log');
  }

  /** One RPC through kamcmd over this instance's control socket. */
  async rpc(...command: string[]): Promise<string> {
    const { stdout } = await run('kamcmd', ['-s', ctlSocket(this.dir), ...command], {
      timeout: 3000,
    });
    return stdout;
  }

  /** Stops the whole process group (SIGTERM, then SIGKILL): no orphaned worker survives. */
  stop(): Promise<void> {
    return this.#process.stop();
  }

  logTail(lines = 30): string {
    return tail(this.logFile, lines);
  }
}

/** Where Debian's kamailio-sqlite-modules puts the tables' SQL (`dpkg -L kamailio-sqlite-modules`). */
const SQLITE_SCHEMA = '/usr/share/kamailio/db_sqlite';

/**
 * The SQLite database of WITH_PRESENCE, made as `kamdbctl create` would: Kamailio's own
 * `standard` (the version table) and `presence` (presentity, active_watchers, watchers, xcap,
 * pua) schema files, fed to the sqlite3 shell.
 */
async function createPresenceDatabase(dir: string): Promise<string> {
  const file = join(dir, 'presence.sqlite');
  rmSync(file, { force: true });
  const sql = ['standard-create.sql', 'presence-create.sql']
    .map((name) => readFileSync(join(SQLITE_SCHEMA, name), 'utf8'))
    .join('\n');
  await new Promise<void>((resolve, reject) => {
    const child = spawn('sqlite3', [file], { stdio: ['pipe', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (data: Buffer) => (errors += data.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`sqlite3 ${file} (${code}): ${errors}`)),
    );
    child.stdin.end(sql);
  });
  return file;
}

function ctlSocket(dir: string): string {
  return `unix:${join(dir, 'kamailio_ctl')}`;
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
