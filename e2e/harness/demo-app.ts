import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { startProcess, type ManagedProcess } from './managed-process.js';
import type { ProcessRegistry } from './process-registry.js';
import { waitUntil } from './wait.js';
import { readFileSync } from 'node:fs';

const DIALER_DIR = fileURLToPath(new URL('../../apps/dialer/', import.meta.url));
// What the dialer's `dev` script (and so `pnpm demo`) runs: Vite's own CLI entry.
const VITE = join(DIALER_DIR, 'node_modules/vite/bin/vite.js');

/** The demo as `pnpm demo` runs it: Vite's dev server with the dev SIP server inside. */
export interface DemoApp {
  /** The dialer page, `http://127.0.0.1:<port>/`. */
  readonly url: string;
  /** The embedded dev SIP server, `ws://127.0.0.1:<port>`. */
  readonly sipUrl: string;
  readonly logFile: string;
  /** What Vite and the SIP server printed so far (one line per SIP message). */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Starts `vite` in apps/dialer on free ports (`DIALER_PORT`, `DIALER_SIP_PORT`), as a recorded
 * process group, and waits until the page is served and the SIP server listens.
 */
export async function startDemoApp(
  runDir: string,
  registry: ProcessRegistry,
  timeoutMs = 20_000,
): Promise<DemoApp> {
  const [httpPort, sipPort] = await Promise.all([freePort('tcp'), freePort('tcp')]);
  const logFile = join(runDir, `dialer-${httpPort}.log`);
  // `env` execs node in place, so the recorded pid is Vite's own.
  const vite: ManagedProcess = startProcess({
    command: 'env',
    args: [`DIALER_PORT=${httpPort}`, `DIALER_SIP_PORT=${sipPort}`, process.execPath, VITE],
    cwd: DIALER_DIR,
    logFile,
    registry,
  });
  const url = `http://127.0.0.1:${httpPort}/`;
  const sipUrl = `ws://127.0.0.1:${sipPort}`;
  const log = (): string => readFileSync(logFile, 'utf8');
  const exited = vite.exited.then((code) => {
    throw new Error(`the dialer's Vite exited (${code}):\n${log()}`);
  });
  exited.catch(() => undefined);
  await Promise.race([
    exited,
    waitUntil(
      'the dialer page and its dev SIP server',
      async () => {
        if (!log().includes(`SipKit dev SIP server: ${sipUrl}`)) return undefined;
        const response = await fetch(url);
        return response.ok ? true : undefined;
      },
      timeoutMs,
      100,
    ),
  ]);
  return { url, sipUrl, logFile, log, stop: () => vite.stop() };
}
