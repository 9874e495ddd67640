import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every process group the harness starts is recorded as a file named after its pid, and removed
 * when it is stopped. A test worker that dies (a crash, a timeout, Ctrl-C) cannot stop what it
 * started, so the global teardown kills whatever is still recorded: nothing outlives the run.
 */
export class ProcessRegistry {
  readonly #dir: string;

  constructor(runDir: string) {
    this.#dir = join(runDir, 'pids');
    mkdirSync(this.#dir, { recursive: true });
  }

  record(pid: number, label: string): void {
    writeFileSync(join(this.#dir, String(pid)), label);
  }

  forget(pid: number): void {
    rmSync(join(this.#dir, String(pid)), { force: true });
  }

  /** Kills every recorded group (SIGKILL: at teardown there is nobody left to shut down cleanly). */
  killAll(): string[] {
    const killed: string[] = [];
    for (const name of readdirSync(this.#dir)) {
      const pid = Number(name);
      if (!Number.isInteger(pid) || pid <= 1) continue;
      if (killGroup(pid, 'SIGKILL')) killed.push(name);
      this.forget(pid);
    }
    return killed;
  }
}

/**
 * Signals a process group by its leader's pid (the harness spawns every process detached, so each
 * is the leader of its own group and its children, e.g. Kamailio's workers, go with it).
 */
export function killGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // already gone
  }
}
