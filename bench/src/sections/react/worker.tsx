/**
 * A typical softphone screen (registration badge, call controls, call timer) on @sipkit/react's
 * built dist/, rendered with React DOM into jsdom, calling a UA on the in-memory network. Each
 * part sits in a `<Profiler>`; the worker counts the commits each took part in while a call is set
 * up, while its timer ticks ten times, and while it is hung up.
 */
import { install } from '@sinonjs/fake-timers';
import { childJob, replyAndExit } from '../../child.js';
import { installedVersion } from '../../versions.js';
import { installJsdom } from './dom.js';
import type { ReactOutcome, RenderCounts } from './protocol.js';

childJob();
installJsdom();
// Date too: the call timer reads Date.now() to tick on the call's second boundaries.
const clock = install({
  toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
});
Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

const { act, Profiler } = await import('react');
const { createRoot } = await import('react-dom/client');
const { UA } = await import('@sipkit/core');
const { CallDuration, SipProvider, useCall, useRegistration } = await import('@sipkit/react');
const { SipNetwork, SipProxyServer, createFakeMediaHandler } = await import('@sipkit/testing');

const parts = ['registration badge', 'call controls', 'call timer'] as const;
type Part = (typeof parts)[number];
const commits = new Map<Part, number>(parts.map((part) => [part, 0]));
const counted = (part: Part) => () => void commits.set(part, (commits.get(part) ?? 0) + 1);

function RegistrationBadge() {
  const { status } = useRegistration();
  return <span data-state={status}>{status}</span>;
}

function CallControls() {
  const { state, call, hangup, hold, mute } = useCall();
  return (
    <div data-state={state?.status ?? 'idle'}>
      <button id="call" onClick={() => call('sip:bob@sip.test')}>
        Call
      </button>
      <button id="hangup" onClick={() => hangup()}>
        Hang up
      </button>
      <button onClick={() => void hold()}>Hold</button>
      <button onClick={() => mute()}>Mute</button>
    </div>
  );
}

const proxy = new SipProxyServer({ host: 'sip.test' });
const network = new SipNetwork({ endpoint: proxy, host: 'sip.test' });
const audioOnly = { mediaConstraints: { audio: true, video: false } } as const;
const bob = new UA(
  { uri: 'sip:bob@sip.test', sockets: network.createSocket('bob') },
  { mediaHandlerFactory: createFakeMediaHandler },
);
bob.on('newRTCSession', ({ originator, session }) => {
  if (originator === 'remote') session.answer(audioOnly);
});
bob.start();

const config = { uri: 'sip:alice@sip.test', sockets: network.createSocket('alice') };

function Screen() {
  return (
    <SipProvider config={config} mediaHandlerFactory={createFakeMediaHandler}>
      <Profiler id="registration badge" onRender={counted('registration badge')}>
        <RegistrationBadge />
      </Profiler>
      <Profiler id="call controls" onRender={counted('call controls')}>
        <CallControls />
      </Profiler>
      <Profiler id="call timer" onRender={counted('call timer')}>
        <CallDuration />
      </Profiler>
    </SipProvider>
  );
}

const state = (selector: string): string | null =>
  document.querySelector(selector)?.getAttribute('data-state') ?? null;

/** Lets virtual time run inside act() until `done()`, 10 ms at a time. */
async function until(done: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !done(); waited += 10) {
    if (waited > 30_000) throw new Error(`gave up waiting for ${what}`);
    await act(async () => {
      await clock.tickAsync(10);
    });
  }
}

const snapshot = (): Map<Part, number> => new Map(commits);

async function main(): Promise<ReactOutcome> {
  const container = document.getElementById('app');
  if (container === null) throw new Error('no #app');
  const root = createRoot(container);
  await act(async () => root.render(<Screen />));
  await until(() => state('span') === 'registered' && bob.isRegistered(), 'registration');

  const beforeCall = snapshot();
  await act(async () => document.getElementById('call')?.click());
  await until(() => state('time') === 'confirmed', 'the call to be confirmed');
  const confirmed = snapshot();
  // Line up with the call's second boundary so ten seconds are exactly ten ticks.
  await act(async () => {
    await clock.tickAsync(1000 - (Date.now() % 1000));
  });
  const beforeTicks = snapshot();
  for (let i = 0; i < 10; i++) {
    await act(async () => {
      await clock.tickAsync(1000);
    });
  }
  const afterTicks = snapshot();
  await act(async () => document.getElementById('hangup')?.click());
  await until(() => state('time') === 'terminated', 'the call to end');
  const ended = snapshot();
  await act(async () => root.unmount());

  const diff = (to: Map<Part, number>, from: Map<Part, number>, part: Part): number =>
    (to.get(part) ?? 0) - (from.get(part) ?? 0);
  const counts: RenderCounts[] = parts.map((component) => ({
    component,
    setup: diff(confirmed, beforeCall, component),
    tenTicks: diff(afterTicks, beforeTicks, component),
    hangup: diff(ended, afterTicks, component),
  }));
  return { kind: 'measured', version: installedVersion('@sipkit/react'), counts };
}

main().then(
  (outcome) => replyAndExit(outcome),
  (error: unknown) =>
    replyAndExit({
      kind: 'failed',
      reason: error instanceof Error ? error.message : String(error),
    }),
);
