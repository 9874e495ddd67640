import type { CallOptions, Session, UA, UAConfiguration, UAEvents, UAOptions } from '@sipkit/core';
import { expect, vi } from 'vitest';
import { fakeMediaHandlers, type FakeMediaHandler } from '../media/fake-media-handler.js';
import { createScenario, type TestUA } from './harness.fixture.js';

/** A UA with fake media and every session it saw, incoming or outgoing. */
export interface CallUA extends TestUA {
  readonly sessions: Session[];
  readonly media: CallMedia;
  /** The newest session. */
  last(): Session;
}

/** The fake media of one UA, plus a way to make the next call's answer SDP garbage. */
export interface CallMedia extends ReturnType<typeof fakeMediaHandlers> {
  corruptNextSdp(): void;
}

function callMedia(): CallMedia {
  let corrupt = false;
  const media = fakeMediaHandlers((handler) => {
    if (!corrupt) return;
    corrupt = false;
    const answer = handler.createAnswer.bind(handler);
    handler.createAnswer = async (options) => {
      await answer(options);
      return 'this is not SDP';
    };
  });
  return { ...media, corruptNextSdp: () => void (corrupt = true) };
}

/** How long `vi.waitFor` may take in real time: the first test of a file also pays for warm-up. */
export const WAIT = { timeout: 5000, interval: 20 } as const;

export { flush } from './fake-timers.fixture.js';

/**
 * Registered UAs with fake media on one in-memory proxy: the start of every call scenario.
 * Random numbers are fixed, so glare delays are deterministic.
 */
export async function callScenario(
  users: readonly string[],
  config: Partial<UAConfiguration> = {},
  server: Parameters<typeof createScenario>[0] = {},
  options: (user: string) => UAOptions = () => ({}),
) {
  const scenario = createScenario(server);
  const uas: Record<string, CallUA> = {};
  for (const user of users) {
    const media = callMedia();
    const test = scenario.addUA(user, config, {
      mediaHandlerFactory: media.factory,
      random: () => 0.5,
      ...options(user),
    });
    const sessions: Session[] = [];
    test.ua.on('newRTCSession', ({ session }: UAEvents['newRTCSession']) => sessions.push(session));
    const last = (): Session => {
      const session = sessions.at(-1);
      if (session === undefined) throw new Error(`${user} has no session`);
      return session;
    };
    uas[user] = { ...test, sessions, media, last };
    test.ua.start();
  }
  await vi.waitFor(
    () => expect(Object.values(uas).every((u) => u.ua.isRegistered())).toBe(true),
    WAIT,
  );
  const stopAll = async (): Promise<void> => {
    const stopping = scenario.stopAll();
    await vi.advanceTimersByTimeAsync(5000);
    await stopping;
  };
  return { ...scenario, uas, stopAll };
}

/** What `callScenario` resolves to. */
export type CallScenario = Awaited<ReturnType<typeof callScenario>>;

/** The fake media of the UA's newest call. */
export function lastMedia(ua: CallUA): FakeMediaHandler {
  const handler = ua.media.handlers.at(-1);
  if (handler === undefined) throw new Error('no media');
  return handler;
}

/** What `aliceCallsBob` may set or watch on the way to a confirmed call. */
export interface AliceCallsBobOptions {
  readonly caller?: CallOptions;
  readonly callee?: CallOptions;
  /** Runs as soon as alice places the call, before anything is sent back. */
  readonly placed?: (outgoing: Session) => void;
  /** Runs when bob's phone rings, before he answers. */
  readonly ringing?: (incoming: Session) => void;
}

/**
 * A call from alice to bob of a `callScenario(['alice', 'bob'])`, answered and confirmed on both
 * sides, with each side's fake media.
 *
 * @example
 * const { outgoing, incoming, aliceMedia } = await aliceCallsBob(scenario);
 */
export async function aliceCallsBob(scenario: CallScenario, options: AliceCallsBobOptions = {}) {
  const alice = scenario.uas['alice'] as CallUA;
  const bob = scenario.uas['bob'] as CallUA;
  const outgoing = alice.ua.call('bob', options.caller ?? {});
  options.placed?.(outgoing);
  await vi.waitFor(() => expect(bob.sessions.at(-1)?.status).toBe('ringing'), WAIT);
  const incoming = bob.last();
  options.ringing?.(incoming);
  incoming.answer(options.callee ?? {});
  await vi.waitFor(() => {
    expect(outgoing.status).toBe('confirmed');
    expect(incoming.status).toBe('confirmed');
  }, WAIT);
  return { outgoing, incoming, aliceMedia: lastMedia(alice), bobMedia: lastMedia(bob) };
}

/** The events a session emitted, by name, in order (payload-free, for readable assertions). */
export function recordEvents(session: Session): string[] {
  const names = [
    'progress',
    'accepted',
    'confirmed',
    'ended',
    'failed',
    'hold',
    'unhold',
    'muted',
    'unmuted',
    'newDTMF',
    'newInfo',
    'refer',
    'referProgress',
    'reinvite',
    'update',
  ] as const;
  const seen: string[] = [];
  for (const name of names) session.on(name, () => seen.push(name));
  return seen;
}

/** Places a call from `caller` to `target` and waits until `callee` rings; resolves to the caller's session. */
export async function ring(caller: CallUA, callee: CallUA, target: string): Promise<Session> {
  const outgoing = caller.ua.call(target);
  await vi.waitFor(() => expect(callee.sessions.at(-1)?.status).toBe('ringing'), WAIT);
  return outgoing;
}

/** Places a call from `caller` to `callee` and has the callee answer; resolves when confirmed on both sides. */
export async function establish(
  caller: CallUA,
  callee: CallUA,
  target: string,
): Promise<[Session, Session]> {
  const outgoing = caller.ua.call(target);
  await vi.waitFor(() => expect(callee.sessions.at(-1)?.status).toBe('ringing'));
  const incoming = callee.last();
  incoming.answer();
  await vi.waitFor(() => {
    expect(outgoing.status).toBe('confirmed');
    expect(incoming.status).toBe('confirmed');
  });
  return [outgoing, incoming];
}

export type { UA };
