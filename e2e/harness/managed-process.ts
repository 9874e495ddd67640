import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { killGroup, type ProcessRegistry } from './process-registry.js';

/** A process the harness started: its pid, its exit, and a stop that always ends the group. */
export interface ManagedProcess {
  readonly pid: number;
  /** Resolves with the exit code (or the signal name) when the process ends. */
  readonly exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the leader has exited. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL at once: a crash, not a shutdown. */
  kill(): Promise<void>;
  /** SIGSTOP: the process hangs with its sockets open (a wedged server). `kill()` still works. */
  pause(): void;
}

export interface StartOptions {
  readonly command: string;
  readonly args: readonly string[];
  /** stdout and stderr are appended here, to read after a failure. */
  readonly logFile: string;
  readonly registry: ProcessRegistry;
  readonly cwd?: string;
}

/** Starts `command` as the leader of a new process group, recorded in the registry. */
export function startProcess(options: StartOptions): ManagedProcess {
  const log = openSync(options.logFile, 'a');
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  // A spawn failure (ENOENT) arrives as 'error'; without a listener it would crash the worker.
  child.once('error', () => undefined);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${options.command} (is it installed?)`);
  options.registry.record(pid, options.command);

  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      // The leader is gone; its children might not be (a worker still finishing).
      killGroup(pid, 'SIGKILL');
      options.registry.forget(pid);
      resolve(code ?? signal ?? 'unknown');
    });
  });

  const end = async (signal: NodeJS.Signals, graceMs: number): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    killGroup(pid, signal);
    killGroup(pid, 'SIGCONT'); // a paused group only acts on SIGTERM once it runs again
    const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };

  return {
    pid,
    exited,
    stop: (graceMs = 3000) => end('SIGTERM', graceMs),
    kill: () => end('SIGKILL', 0),
    pause: () => void killGroup(pid, 'SIGSTOP'),
  };
}
