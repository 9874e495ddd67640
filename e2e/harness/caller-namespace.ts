import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startProcess, type ManagedProcess } from './managed-process.js';
import type { ProcessRegistry } from './process-registry.js';

const run = promisify(execFile);

/**
 * Interfaces the harness creates are named with this prefix (`harness/network.ts` lets them
 * through its loopback-only check: they exist only inside the suite's private namespace).
 */
export const TEST_LINK_PREFIX = 'skt';
/**
 * Where the caller's namespace reaches the server: an address the test puts on the suite
 * namespace's loopback, routed from the caller over whichever link is up, so a link change keeps
 * the server's address (as a phone's server keeps its name when Wi-Fi gives way to mobile data).
 */
export const SERVICE_ADDRESS = '10.201.0.1';

/** `ip ...` in the suite's own namespace (the test process's). */
export async function ip(...args: string[]): Promise<void> {
  await run('ip', args);
}

/** The addresses of test link `n`: the caller's end and the suite's end (a /24 per link). */
export function linkAddresses(n: number): { readonly caller: string; readonly suite: string } {
  return { caller: `10.201.${n}.2`, suite: `10.201.${n}.1` };
}

/**
 * A second network namespace, for one browser (the caller), joined to the suite's namespace
 * only by veth links the test brings up and removes: a real interface change, not a firewall
 * rule. Held open by a `sleep` that is the leader of its own process group (stopped with the
 * rest of the harness's processes); links are deleted with the namespace.
 *
 * @example
 * const caller = await CallerNamespace.create(registry, runDir);
 * await caller.addLink(1); await caller.routeServiceVia(1);
 */
export class CallerNamespace {
  readonly #holder: ManagedProcess;

  private constructor(holder: ManagedProcess) {
    this.#holder = holder;
  }

  static async create(registry: ProcessRegistry, runDir: string): Promise<CallerNamespace> {
    // unshare execs sleep in place: the pid we hold is the namespace's only process.
    const holder = startProcess({
      command: 'unshare',
      args: ['--net', 'sleep', '3600'],
      logFile: join(runDir, 'caller-namespace.log'),
      registry,
    });
    const namespace = new CallerNamespace(holder);
    // The namespace exists once unshare has exec'd sleep; until then /proc/pid/ns/net is ours.
    for (let tries = 0; ; tries++) {
      const [own, theirs] = await Promise.all([
        run('readlink', ['/proc/self/ns/net']),
        run('readlink', [namespace.path]),
      ]);
      if (own.stdout !== theirs.stdout) break;
      if (tries > 100) throw new Error('the caller namespace did not come up');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await namespace.exec('ip', 'link', 'set', 'lo', 'up');
    return namespace;
  }

  /** `/proc/<pid>/ns/net`: what `nsenter --net=` takes. */
  get path(): string {
    return `/proc/${this.#holder.pid}/ns/net`;
  }

  /** Runs a command inside the namespace. */
  async exec(command: string, ...args: string[]): Promise<string> {
    const { stdout } = await run('nsenter', [`--net=${this.path}`, command, ...args]);
    return stdout;
  }

  /** Brings up veth link `n` between the namespaces, with its two addresses. */
  async addLink(n: number): Promise<void> {
    const callerEnd = `${TEST_LINK_PREFIX}${n}c`;
    const suiteEnd = `${TEST_LINK_PREFIX}${n}s`;
    const { caller, suite } = linkAddresses(n);
    await ip('link', 'add', suiteEnd, 'type', 'veth', 'peer', 'name', callerEnd);
    await ip('link', 'set', callerEnd, 'netns', String(this.#holder.pid));
    await ip('addr', 'add', `${suite}/24`, 'dev', suiteEnd);
    await ip('link', 'set', suiteEnd, 'up');
    await this.exec('ip', 'addr', 'add', `${caller}/24`, 'dev', callerEnd);
    await this.exec('ip', 'link', 'set', callerEnd, 'up');
  }

  /** Routes the caller's traffic to `SERVICE_ADDRESS` over link `n` (replacing any route). */
  async routeServiceVia(n: number): Promise<void> {
    await this.exec(
      'ip',
      'route',
      'replace',
      `${SERVICE_ADDRESS}/32`,
      'via',
      linkAddresses(n).suite,
    );
  }

  /** Deletes link `n` (both ends): its addresses and routes are gone at once. */
  async removeLink(n: number): Promise<void> {
    await this.exec('ip', 'link', 'del', `${TEST_LINK_PREFIX}${n}c`);
  }

  /** Ends the namespace (its links go with it). */
  async close(): Promise<void> {
    await this.#holder.stop();
  }
}
