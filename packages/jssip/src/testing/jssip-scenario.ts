import type { IncomingMessage, UAConfiguration } from '@sipkit/core';
import { parseMessage } from '@sipkit/core';
import { fakeMediaHandlers, SipNetwork, SipProxyServer } from '@sipkit/testing';
import { expect, vi } from 'vitest';
import type { RTCSession } from '../rtc-session.js';
import { UA } from '../ua.js';

/** How long `vi.waitFor` may take in real time. */
export const WAIT = { timeout: 5000, interval: 20 } as const;

/** Lets queued deliveries, promises and zero-delay timers settle (under fake timers). */
export const flush = (): Promise<unknown> => vi.advanceTimersByTimeAsync(0);

/** An adapter UA on the in-memory network with fake media, and every RTCSession it saw. */
export interface JsSipPhone {
  readonly ua: UA;
  readonly media: ReturnType<typeof fakeMediaHandlers>;
  readonly sessions: RTCSession[];
  last(): RTCSession;
}

/**
 * A registrar/proxy, an in-memory network and JsSIP-adapter UAs on it, started and registered.
 * Run under `vi.useFakeTimers()`.
 */
export async function jssipScenario(
  users: readonly string[],
  config: Partial<UAConfiguration> = {},
  configureMedia?: Parameters<typeof fakeMediaHandlers>[0],
) {
  const proxy = new SipProxyServer({ host: 'sip.test' });
  const network = new SipNetwork({ endpoint: proxy, host: 'sip.test' });
  const phones: Record<string, JsSipPhone> = {};
  for (const user of users) {
    const media = fakeMediaHandlers(configureMedia);
    const ua = new UA(
      { uri: `sip:${user}@sip.test`, sockets: network.createSocket(user), ...config },
      { mediaHandlerFactory: media.factory, random: () => 0.5 },
    );
    const sessions: RTCSession[] = [];
    ua.on('newRTCSession', ({ session }) => sessions.push(session));
    const last = (): RTCSession => {
      const session = sessions.at(-1);
      if (session === undefined) throw new Error(`${user} has no session`);
      return session;
    };
    phones[user] = { ua, media, sessions, last };
    ua.start();
  }
  await vi.waitFor(
    () => expect(Object.values(phones).every((p) => p.ua.isRegistered())).toBe(true),
    WAIT,
  );

  /** Requests of this method that reached the proxy, parsed. */
  const sent = (method: string): IncomingMessage[] =>
    network.traffic.requestsSent(method).map((entry) => parseMessage(entry.message));

  const stopAll = async (): Promise<void> => {
    const stopping = Promise.all(Object.values(phones).map(({ ua }) => ua.stop()));
    await vi.advanceTimersByTimeAsync(5000);
    await stopping;
  };

  /** `caller` calls `callee`, the callee answers; resolves with both sessions once confirmed. */
  const establish = async (
    caller: JsSipPhone,
    callee: JsSipPhone,
    target: string,
    options: Parameters<UA['call']>[1] = {},
  ): Promise<[RTCSession, RTCSession]> => {
    const outgoing = caller.ua.call(target, options);
    await vi.waitFor(() => expect(callee.sessions.at(-1)?.sipkit.status).toBe('ringing'), WAIT);
    const incoming = callee.last();
    incoming.answer();
    await vi.waitFor(() => {
      expect(outgoing.isEstablished() && outgoing.sipkit.status === 'confirmed').toBe(true);
      expect(incoming.sipkit.status).toBe('confirmed');
    }, WAIT);
    return [outgoing, incoming];
  };

  return { proxy, network, phones, sent, stopAll, establish };
}
