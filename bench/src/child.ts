/**
 * Runs a benchmark worker in its own Node process: each measurement starts from a fresh heap and
 * a JIT that has seen only one library, so libraries cannot slow each other down through shared
 * inline caches or leftover garbage. Both ends of the protocol live here: the parent passes the job
 * as JSON in argv and the worker answers with one IPC message.
 */
import { fork } from 'node:child_process';

export interface ChildOptions {
  /** Extra Node flags for the worker (e.g. `--expose-gc` for a memory section). */
  readonly nodeFlags?: readonly string[];
  /** Kill the worker after this long; a hung worker must not hang `pnpm bench`. */
  readonly timeoutMs?: number;
}

/** The workers are TypeScript: load them through tsx, which is also what runs `pnpm bench`. */
const tsxLoader = import.meta.resolve('tsx');

/** Runs `script` with `job` and resolves with the single message the worker replies with. */
export function runChild(script: URL, job: unknown, options: ChildOptions = {}): Promise<unknown> {
  const { nodeFlags = [], timeoutMs = 60_000 } = options;
  return new Promise((resolve, reject) => {
    const child = fork(script, [JSON.stringify(job)], {
      // Explicit, so the worker never inherits whatever flags the parent happened to get.
      execArgv: ['--import', tsxLoader, ...nodeFlags],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let answer: { value: unknown } | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`worker ${script.pathname} timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('message', (value) => {
      answer = { value };
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (answer !== undefined) resolve(answer.value);
      else
        reject(new Error(`worker ${script.pathname} exited (${signal ?? code}) without a result`));
    });
  });
}

/** Worker side: the job the parent passed. */
export function childJob(): unknown {
  const raw = process.argv[2];
  if (raw === undefined) throw new Error('benchmark worker started without a job (use runChild)');
  return JSON.parse(raw);
}

/** Worker side: sends the result and ends the process once it is delivered. */
export function replyAndExit(value: unknown): void {
  const send = process.send?.bind(process);
  if (send === undefined) {
    // Started by hand: print instead, which is handy when debugging a worker.
    console.log(JSON.stringify(value, null, 2));
    process.exit();
  }
  // Exit rather than wait for the event loop to drain: a library under test may leave its own
  // timers running (JsSIP's transaction timers last up to 32 s), and they are not ours to wait for.
  send(value, undefined, {}, () => process.exit());
}
