import { UA, type IncomingRequest, type Session, type UAConfiguration } from '@sipkit/core';
import { expect, vi } from 'vitest';
import { fakeMediaHandlers } from '../media/fake-media-handler.js';
import { SipNetwork } from '../network/sip-network.js';
import type { HostileResponse } from './hostile-responses.fixture.js';
import { flush } from './fake-timers.fixture.js';
import { saneAnswer, type ScriptedServer } from './hostile-server.fixture.js';

// Helpers of the hostile-response tests: a UA on a ScriptedServer, and the checks that a
// request ended in its documented way with nothing left behind. Tests run on fake timers.

export { flush };
/** Longer than Timer B/F (64*T1 = 32 s) and Timer M: whatever a request started has ended. */
export const QUIESCE_MS = 70_000;

/** A UA (with digest credentials and fake media) talking to a scripted server. */
export async function startAgent(server: ScriptedServer, config: Partial<UAConfiguration> = {}) {
  const network = new SipNetwork({ endpoint: server, host: 'sip.test' });
  const media = fakeMediaHandlers();
  const ua = new UA(
    {
      uri: 'sip:alice@sip.test',
      sockets: network.createSocket('alice'),
      password: 'secret',
      register: false,
      ...config,
    },
    { mediaHandlerFactory: media.factory, random: () => 0.5 },
  );
  const events: string[] = [];
  for (const name of ['registered', 'unregistered', 'registrationFailed'] as const) {
    ua.on(name, (payload) => {
      const cause = 'cause' in payload ? payload.cause : undefined;
      events.push(cause === undefined ? name : `${name}:${cause}`);
    });
  }
  ua.start();
  await flush();
  expect(ua.isConnected()).toBe(true);
  return { ua, network, events };
}

/** Answers requests of `method` (in or out of a dialog as `inDialog` says) with `hostile`. */
export function hostileFor(
  server: ScriptedServer,
  hostile: HostileResponse,
  method: string,
  inDialog?: boolean,
): void {
  server.answer = (request: IncomingRequest) =>
    request.method === method &&
    (inDialog === undefined || (request.to.tag !== undefined) === inDialog)
      ? hostile.answer(request)
      : saneAnswer(request);
}

/** The session's events, in order, with causes. */
export function record(session: Session): string[] {
  const seen: string[] = [];
  for (const name of ['progress', 'accepted', 'confirmed'] as const) {
    session.on(name, () => seen.push(name));
  }
  session.on('failed', ({ cause }) => seen.push(`failed:${cause}`));
  session.on('ended', ({ cause }) => seen.push(`ended:${cause}`));
  return seen;
}

/** How a promise settled, once it has: `{ value }` or `{ error }`. */
export function watch<T>(promise: Promise<T>): { settled?: { value: T } | { error: unknown } } {
  const state: { settled?: { value: T } | { error: unknown } } = {};
  promise.then(
    (value) => (state.settled = { value }),
    (error: unknown) => (state.settled = { error }),
  );
  return state;
}

/** Nothing of the UA is pending: no session, no timer; then it stops and lets go of everything. */
export async function expectNothingLeft(ua: UA, network: SipNetwork): Promise<void> {
  await vi.advanceTimersByTimeAsync(QUIESCE_MS);
  expect(ua.sessions).toEqual([]);
  expect(vi.getTimerCount()).toBe(0);
  await expectStopsClean(ua, network);
}

/** `ua.stop()` settles and leaves no timer and no connection behind. */
export async function expectStopsClean(ua: UA, network: SipNetwork): Promise<void> {
  const stopping = ua.stop();
  await vi.advanceTimersByTimeAsync(5_000);
  await stopping;
  expect(vi.getTimerCount()).toBe(0);
  expect(network.openConnections).toBe(0);
}

/** A confirmed call with the far end of `server`. */
export async function confirmedCall(ua: UA): Promise<{ session: Session; seen: string[] }> {
  const session = ua.call('sip:bob@sip.test');
  const seen = record(session);
  await flush();
  expect(session.status).toBe('confirmed');
  return { session, seen };
}

/** A call ends in its documented way: confirmed (then ended by us) or failed, with a cause. */
export async function endCall(session: Session, seen: string[]): Promise<void> {
  if (!session.isEnded()) session.terminate();
  await flush();
  expect(session.isEnded()).toBe(true);
  const last = seen.at(-1) ?? '';
  expect(last).toMatch(/^(failed|ended):\w/);
  expect(seen.filter((e) => /^(failed|ended):/.test(e))).toHaveLength(1);
}
