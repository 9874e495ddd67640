import { join } from 'node:path';
import { startProcess, type ManagedProcess } from '../managed-process.js';
import type { ProcessRegistry } from '../process-registry.js';
import { waitUntil } from '../wait.js';
import { DEPLOY, PORTS } from './deploy.js';
import { tcpOpen } from './probes.js';

/** coturn from deploy/coturn/turnserver.conf, with this run's long-term credentials. */
export class Coturn {
  readonly #process: ManagedProcess;
  readonly logFile: string;

  private constructor(process: ManagedProcess, logFile: string) {
    this.#process = process;
    this.logFile = logFile;
  }

  static async start(
    dir: string,
    registry: ProcessRegistry,
    users: Readonly<Record<string, string>>,
  ): Promise<Coturn> {
    const logFile = join(dir, 'coturn.log');
    const child = startProcess({
      command: 'turnserver',
      args: [
        ...['-c', DEPLOY.coturn],
        ...Object.entries(users).map(([user, password]) => `--user=${user}:${password}`),
        // Every peer of the test is on 127.0.0.1, which coturn refuses to relay to unless told:
        // without this flag CREATE_PERMISSION gets 403 and no media flows (test-only).
        '--allow-loopback-peers',
        // Session lines (allocations, permissions, usage) in the log, read as evidence.
        '--verbose',
        // Its own files, not /var/lib/turn and /var/run.
        `--userdb=${join(dir, 'turndb')}`,
        `--pidfile=${join(dir, 'turnserver.pid')}`,
      ],
      logFile,
      registry,
    });
    await waitUntil('coturn to listen', () => tcpOpen(PORTS.coturn).then((o) => o || undefined));
    return new Coturn(child, logFile);
  }

  /** The `iceServers` entry a page uses to relay through this server as `user`. */
  static iceServer(user: string, password: string): RTCIceServer {
    return {
      urls: `turn:127.0.0.1:${PORTS.coturn}?transport=udp`,
      username: user,
      credential: password,
    };
  }

  stop(): Promise<void> {
    return this.#process.stop();
  }
}
