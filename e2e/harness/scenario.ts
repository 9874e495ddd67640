import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { Kamailio, type KamailioOptions } from './kamailio.js';
import { nodeUA, type NodeUAOptions, type TracedUA } from './node-ua.js';
import { ProcessRegistry } from './process-registry.js';

/** What a scenario file gets: its own Kamailio and a way to make UAs that are stopped for it. */
export interface Scenario {
  readonly runDir: string;
  readonly registry: ProcessRegistry;
  readonly kamailio: Kamailio;
  /** A UA for `user` on this Kamailio; stopped (unregistering) after the file's tests. */
  ua(user: string, options?: NodeUAOptions): TracedUA;
}

/**
 * Brings up a Kamailio for the calling test file (before its tests) and tears everything down
 * after them, UAs first so their un-REGISTERs still reach a live server. Call at module level.
 */
export function useKamailio(name: string, options: KamailioOptions = {}): Scenario {
  const runDir = inject('runDir');
  const registry = new ProcessRegistry(runDir);
  const uas: TracedUA[] = [];
  let kamailio: Kamailio | undefined;

  beforeAll(async () => {
    kamailio = await Kamailio.start(runDir, name, registry, options);
  });
  afterAll(async () => {
    await Promise.all(uas.map(({ ua }) => ua.stop()));
    await kamailio?.stop();
    // What each UA sent and received, beside kamailio.log (kept with SIPKIT_E2E_KEEP=1).
    const dir = kamailio?.dir ?? runDir;
    for (const [index, { aor, wire }] of uas.entries()) {
      const user = aor.replace(/^sip:|@.*$/g, '');
      writeFileSync(join(dir, `${index}-${user}.sip.log`), wire.dump());
    }
  });

  return {
    runDir,
    registry,
    get kamailio() {
      if (kamailio === undefined) throw new Error('Kamailio is not up yet (use it inside a test)');
      return kamailio;
    },
    ua(user, options) {
      const traced = nodeUA(this.kamailio, user, options);
      uas.push(traced);
      return traced;
    },
  };
}
