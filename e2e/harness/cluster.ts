import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, inject } from 'vitest';
import { SIP_DOMAIN } from './kamailio.js';
import { startProcess, type ManagedProcess } from './managed-process.js';
import { ProcessRegistry } from './process-registry.js';
import { writeSubscribers } from './recipe-subscribers.js';
import { waitUntil } from './wait.js';

const run = promisify(execFile);

/**
 * The recipe the cluster and load scenarios start: deploy/kamailio/kamailio.cfg, the one the
 * topology scenarios start too; `-A WITH_DMQ` adds deploy/kamailio/cluster.cfg.
 */
export const RECIPE_CONFIG = fileURLToPath(
  new URL('../../deploy/kamailio/kamailio.cfg', import.meta.url),
);

/** Registrations this short are kept as they are (MIN_EXPIRES): the load test refreshes at 16 s. */
const MIN_EXPIRES = 10;

/** Where one node listens: SIP (and DMQ) over UDP, WebSocket over TCP, on its own IP. */
export interface NodeAddress {
  readonly ip: string;
  readonly sipPort: number;
  readonly wsPort: number;
}

/**
 * The port plan of production-topology.md: each node on its own loopback address, because
 * path_check_local tells "is this Path hop me?" by host only (see deploy/kamailio/cluster.cfg).
 */
export const NODE1: NodeAddress = { ip: '127.0.0.2', sipPort: 7311, wsPort: 7312 };
export const NODE2: NodeAddress = { ip: '127.0.0.3', sipPort: 7313, wsPort: 7314 };

export interface NodeOptions {
  /** The other node: DMQ replicates registrations with it (`-A WITH_DMQ`). None: a lone node. */
  readonly peer?: NodeAddress;
  /** Kamailio's UDP and TCP worker count (CHILDREN; default 2). */
  readonly children?: number;
  /** Shared memory in MB (default 64). */
  readonly sharedMemoryMb?: number;
  /**
   * `-A WITH_AUTH` with these users (name to password) in a db_text `subscriber` table: digest
   * challenges for REGISTER (401) and for the users' initial requests (407). None: no auth.
   */
  readonly users?: Readonly<Record<string, string>>;
}

/**
 * A Kamailio node from the recipe, in its own runtime directory and process group. Without
 * `users` it runs without WITH_AUTH: every user is accepted.
 */
export class KamailioNode {
  readonly name: string;
  readonly address: NodeAddress;
  readonly dir: string;
  readonly #registry: ProcessRegistry;
  readonly #options: NodeOptions;
  #process: ManagedProcess | undefined;

  constructor(
    runDir: string,
    name: string,
    address: NodeAddress,
    registry: ProcessRegistry,
    options: NodeOptions = {},
  ) {
    this.name = name;
    this.address = address;
    this.dir = join(runDir, name);
    mkdirSync(this.dir, { recursive: true });
    this.#registry = registry;
    this.#options = options;
  }

  get wsUrl(): string {
    return `ws://${this.address.ip}:${this.address.wsPort}`;
  }

  get sipUri(): string {
    return `sip:${this.address.ip}:${this.address.sipPort}`;
  }

  get logFile(): string {
    return join(this.dir, 'kamailio.log');
  }

  get ctlSocket(): string {
    return `unix:${join(this.dir, 'kamailio_ctl')}`;
  }

  get running(): boolean {
    return this.#process !== undefined;
  }

  /** Starts it and waits until it answers RPC and accepts WebSocket connections. */
  async start(): Promise<void> {
    if (this.#process !== undefined) throw new Error(`${this.name} is already running`);
    const { peer } = this.#options;
    const defines: Record<string, string | number> = {
      SIP_IP: this.address.ip,
      SIP_PORT: this.address.sipPort,
      WS_PORT: this.address.wsPort,
      CHILDREN: this.#options.children ?? 2,
      MIN_EXPIRES,
      CTL_SOCK: `"${this.ctlSocket}"`,
      SIP_DOMAIN: `"${SIP_DOMAIN}"`,
    };
    const { users } = this.#options;
    const features = peer === undefined ? [] : ['WITH_DMQ'];
    if (users !== undefined) {
      features.push('WITH_AUTH');
      defines['DBURL'] = `"text://${writeSubscribers(this.dir, SIP_DOMAIN, users)}"`;
    }
    if (peer !== undefined) {
      defines['NODE_URI'] = `"${this.sipUri}"`;
      defines['PEER_URI'] = `"sip:${peer.ip}:${peer.sipPort}"`;
      defines['PEER_IP'] = `"${peer.ip}"`;
    }
    const child = startProcess({
      command: 'kamailio',
      args: [
        ...['-f', RECIPE_CONFIG],
        ...features.flatMap((feature) => ['-A', feature]),
        '-DD', // the main process stays in the foreground: the group leader we hold
        '-E',
        ...['-Y', this.dir, '-P', join(this.dir, 'kamailio.pid'), '-w', this.dir],
        ...['-m', String(this.#options.sharedMemoryMb ?? 64), '-M', '8'],
        ...Object.entries(defines).flatMap(([name, value]) => ['-A', `${name}=${value}`]),
      ],
      logFile: this.logFile,
      registry: this.#registry,
    });
    this.#process = child;
    const exitedEarly = child.exited.then((code) => {
      throw new Error(`${this.name} exited (${code}) while starting:\n${this.logTail()}`);
    });
    exitedEarly.catch(() => undefined);
    await Promise.race([
      exitedEarly,
      waitUntil(`${this.name} to accept WebSocket connections`, async () =>
        (await this.rpc('core.version')) && (await tcpOpen(this.address)) ? true : undefined,
      ),
    ]);
  }

  /**
   * A crash: SIGKILL to the whole process group. Killing only the main pid would leave its
   * workers running with the WebSockets open, and no client would ever fail over.
   */
  async kill(): Promise<void> {
    await this.#process?.kill();
    this.#process = undefined;
  }

  /**
   * A silent host: SIGSTOP to the whole group. The kernel keeps the sockets, so open WebSockets
   * stay up and carry nothing back, and a new connection gets a TCP handshake but never a
   * WebSocket upgrade: no refusal anywhere, only silence. `stop()`/`kill()` still end it.
   */
  silence(): void {
    this.#process?.pause();
  }

  /** SIGTERM to the group (SIGCONT first if silenced), SIGKILL after 3 s. */
  async stop(): Promise<void> {
    await this.#process?.stop();
    this.#process = undefined;
  }

  /** One RPC through kamcmd over the control socket. */
  async rpc(...command: string[]): Promise<string> {
    const { stdout } = await run('kamcmd', ['-s', this.ctlSocket, ...command], { timeout: 3000 });
    return stdout;
  }

  /** `ul.lookup location <aor>`: the binding(s) of `user` as this node holds them, or ''. */
  async lookup(user: string): Promise<string> {
    return this.rpc('ul.lookup', 'location', `${user}@${SIP_DOMAIN}`).catch(() => '');
  }

  /** The peers DMQ reports as active (`dmq.list_nodes`), this node included. */
  async activeDmqNodes(): Promise<number> {
    const listing = await this.rpc('dmq.list_nodes');
    return listing.match(/status: active/g)?.length ?? 0;
  }

  logTail(lines = 30): string {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}

/** Two nodes sharing registrations, as a scenario file gets them. */
export interface Cluster {
  readonly runDir: string;
  readonly registry: ProcessRegistry;
  readonly node1: KamailioNode;
  readonly node2: KamailioNode;
  /** Starts whichever node is down (a test killed or silenced it) and waits for DMQ to see both. */
  ensureUp(): Promise<void>;
}

/**
 * node1 (127.0.0.2) and node2 (127.0.0.3) for the calling test file, each the other's DMQ peer,
 * started before its tests and stopped after them. Call at module level.
 */
export function useCluster(name: string): Cluster {
  const runDir = inject('runDir');
  const registry = new ProcessRegistry(runDir);
  const node1 = new KamailioNode(runDir, `${name}-node1`, NODE1, registry, { peer: NODE2 });
  const node2 = new KamailioNode(runDir, `${name}-node2`, NODE2, registry, { peer: NODE1 });
  const ensureUp = async (): Promise<void> => {
    await Promise.all([node1, node2].filter((n) => !n.running).map((n) => n.start()));
    await waitUntil(
      'both DMQ nodes active',
      async () =>
        ((await node1.activeDmqNodes()) >= 2 && (await node2.activeDmqNodes()) >= 2) || undefined,
      10_000,
      100,
    );
  };
  beforeAll(ensureUp);
  afterAll(async () => {
    await Promise.all([node1.stop(), node2.stop()]);
  });
  return { runDir, registry, node1, node2, ensureUp };
}

async function tcpOpen(address: NodeAddress): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(address.wsPort, address.ip);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
