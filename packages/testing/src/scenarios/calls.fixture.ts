import type { Session, UA, UAConfiguration, UAEvents, UAOptions } from '@sipkit/core';
import { expect, vi } from 'vitest';
import { fakeMediaHandlers } from '../media/fake-media-handler.js';
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

/** Lets queued deliveries, promises and zero-delay timers settle. */
export const flush = (): Promise<unknown> => vi.advanceTimersByTimeAsync(0);

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
