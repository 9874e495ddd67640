/**
 * The soak: `cycles` times, a new UA "alice" connects to the in-memory network
 * (@sipkit/testing's SipNetwork + SipProxyServer, digest auth), registers, calls the long-lived
 * UA "bob" (who answers, fake media), hangs up and stops. Then it checks that the heap, the
 * timers, the connections, bob's sessions and the registrar are back where they started.
 */
import { childJob, replyAndExit } from '../../child.js';
import { settledHeap } from '../../heap.js';
import { VirtualTime } from '../../lab/virtual-time.js';
import { installedVersion } from '../../versions.js';
import type { SoakJob, SoakOutcome, SoakSnapshot } from './protocol.js';

const time = new VirtualTime();
// Loaded after the fake timers are in place, so every timer they start is virtual.
const { UA } = await import('@sipkit/core');
const { SipNetwork, SipProxyServer, createFakeMediaHandler } = await import('@sipkit/testing');

type Ua = InstanceType<typeof UA>;
const audioOnly = { mediaConstraints: { audio: true, video: false } } as const;
const PASSWORD = 'soak-secret';

function once<T>(
  subscribe: (resolve: (value: T) => void, reject: (error: Error) => void) => void,
): Promise<T> {
  return new Promise(subscribe);
}

async function startRegistered(ua: Ua): Promise<void> {
  const registered = once<void>((resolve, reject) => {
    ua.once('registered', () => resolve());
    ua.once('registrationFailed', ({ cause }) => reject(new Error(`REGISTER failed: ${cause}`)));
  });
  ua.start();
  await time.until(registered);
}

async function main(): Promise<SoakOutcome> {
  const job = childJob() as SoakJob;
  const proxy = new SipProxyServer({ host: 'sip.test', users: { alice: PASSWORD, bob: PASSWORD } });
  const network = new SipNetwork({ endpoint: proxy, host: 'sip.test' });
  const phone = (user: string, socket: string): Ua =>
    new UA(
      { uri: `sip:${user}@sip.test`, password: PASSWORD, sockets: network.createSocket(socket) },
      { mediaHandlerFactory: createFakeMediaHandler },
    );
  const bob = phone('bob', 'bob');
  bob.on('newRTCSession', ({ originator, session }) => {
    if (originator === 'remote') session.answer(audioOnly);
  });
  await startRegistered(bob);

  let done = 0;
  const cycle = async (): Promise<void> => {
    const alice = phone('alice', `alice-${done}`);
    await startRegistered(alice);
    const session = alice.call('sip:bob@sip.test', audioOnly);
    await time.until(
      once<void>((resolve, reject) => {
        session.once('confirmed', () => resolve());
        session.once('failed', ({ cause }) => reject(new Error(`call failed: ${cause}`)));
      }),
    );
    const ended = once<void>((resolve) => session.once('ended', () => resolve()));
    session.terminate();
    await time.until(ended);
    await time.until(alice.stop());
    done++;
  };
  const snapshot = async (): Promise<SoakSnapshot> => ({
    heapUsed: await settledHeap(),
    timers: time.pendingTimers,
    openConnections: network.openConnections,
    bobSessions: bob.sessions.length,
    registeredAors: proxy.location.registeredAors().length,
  });
  // Past the longest transaction timer (64*T1 = 32 s), short of bob's registration refresh.
  const settle = (): Promise<void> => time.pass(40_000);

  try {
    for (let i = 0; i < job.warmup; i++) await cycle();
    await settle();
    const baseline = await snapshot();
    const started = performance.now();
    for (let i = 0; i < job.cycles; i++) await cycle();
    const seconds = (performance.now() - started) / 1000;
    const end = await snapshot();
    await settle();
    const settled = await snapshot();
    return {
      kind: 'measured',
      version: installedVersion('@sipkit/core'),
      cycles: job.cycles,
      seconds,
      baseline,
      end,
      settled,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: 'failed', reason, cyclesDone: done };
  }
}

main().then(replyAndExit, (error: unknown) => {
  console.error(error);
  process.exit(1);
});
