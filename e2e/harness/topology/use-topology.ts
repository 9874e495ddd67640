import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { ProcessRegistry } from '../process-registry.js';
import { Baresip, type BaresipAccount } from './baresip.js';
import { Coturn } from './coturn.js';
import { RecipeKamailio, type RecipeKamailioOptions } from './recipe-kamailio.js';
import { Rtpengine } from './rtpengine.js';

/** The servers a topology scenario needs, all started from the recipes under deploy/. */
export interface TopologyOptions {
  /** Digest users of Kamailio (WITH_AUTH), by name. */
  readonly users: Readonly<Record<string, string>>;
  readonly rtpengine?: boolean;
  /** A baresip phone registered as this user (one of `users`) over UDP. */
  readonly baresip?: string;
  /** baresip's presence: its publish interval and the contacts it watches. */
  readonly baresipPresence?: Pick<BaresipAccount, 'publishInterval' | 'watch'>;
  /** coturn with these long-term credentials. */
  readonly turnUsers?: Readonly<Record<string, string>>;
  readonly tls?: RecipeKamailioOptions['tls'] | (() => RecipeKamailioOptions['tls']);
  /** Kamailio's presence server (WITH_PRESENCE). */
  readonly presence?: boolean;
}

export interface Topology {
  readonly dir: string;
  readonly registry: ProcessRegistry;
  readonly kamailio: RecipeKamailio;
  readonly rtpengine: Rtpengine;
  readonly baresip: Baresip;
  readonly coturn: Coturn;
}

/**
 * Starts the topology before the calling file's tests (rtpengine before Kamailio, which pings
 * it once at start; the phone after Kamailio, with which it registers) and stops every process
 * group after them, in reverse. Call at module level.
 */
export function useTopology(name: string, options: TopologyOptions): Topology {
  const runDir = inject('runDir');
  const dir = join(runDir, name);
  const registry = new ProcessRegistry(runDir);
  let kamailio: RecipeKamailio | undefined;
  let rtpengine: Rtpengine | undefined;
  let baresip: Baresip | undefined;
  let coturn: Coturn | undefined;

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    const turnUsers = options.turnUsers;
    [rtpengine, coturn] = await Promise.all([
      options.rtpengine === true ? Rtpengine.start(dir, registry) : undefined,
      turnUsers === undefined ? undefined : Coturn.start(dir, registry, turnUsers),
    ]);
    const tls = typeof options.tls === 'function' ? options.tls() : options.tls;
    kamailio = await RecipeKamailio.start(join(dir, 'kamailio'), registry, {
      users: options.users,
      rtpengine: options.rtpengine === true,
      presence: options.presence === true,
      ...(tls === undefined ? {} : { tls }),
    });
    const phone = options.baresip;
    if (phone !== undefined) {
      const password = options.users[phone];
      if (password === undefined) throw new Error(`baresip user ${phone} is not in users`);
      baresip = await Baresip.start(join(dir, 'baresip'), registry, {
        user: phone,
        password,
        ...options.baresipPresence,
      });
    }
  }, 60_000);
  afterAll(async () => {
    await baresip?.stop();
    await kamailio?.stop();
    await Promise.all([rtpengine?.stop(), coturn?.stop()]);
  });

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined)
      throw new Error(`${what} is not part of this topology (or not up yet)`);
    return value;
  };
  return {
    dir,
    registry,
    get kamailio() {
      return need(kamailio, 'kamailio');
    },
    get rtpengine() {
      return need(rtpengine, 'rtpengine');
    },
    get baresip() {
      return need(baresip, 'baresip');
    },
    get coturn() {
      return need(coturn, 'coturn');
    },
  };
}
