import { Causes, parseMessage, type IncomingRequest, type UAOptions } from '@sipkit/core';
import { describe, expect, it, vi } from 'vitest';
import type { SipNetwork } from '../network/sip-network.js';
import { fakePageLifecycle, type FakePageLifecycle } from '../page/fake-page-lifecycle.js';
import { callScenario, establish, flush, ring, WAIT, type CallUA } from './calls.fixture.js';
import { fakeTimersForEachTest } from './fake-timers.fixture.js';

// Issue 24, page unload: on `pagehide` the UA ends its calls and unregisters, every message
// sent within the event (nothing scheduled runs again once the page is gone). The page
// lifecycle is injected, so a test is the browser firing `pagehide` / `pageshow`.

fakeTimersForEachTest();

type Page = FakePageLifecycle;

/** alice and bob registered, each on a page of their own; alice's options can be changed. */
async function twoPages(aliceOptions: UAOptions = {}, digest = false) {
  const pages: Record<string, Page> = { alice: fakePageLifecycle(), bob: fakePageLifecycle() };
  const config = digest ? { password: 'pw' } : {};
  const server = digest ? { users: { alice: 'pw', bob: 'pw' } } : {};
  const scenario = await callScenario(['alice', 'bob'], config, server, (user) => ({
    pageLifecycle: pages[user]?.lifecycle ?? null,
    ...(user === 'alice' ? aliceOptions : {}),
  }));
  return {
    ...scenario,
    alice: scenario.uas['alice'] as CallUA,
    bob: scenario.uas['bob'] as CallUA,
    alicePage: pages['alice'] as Page,
  };
}

/** Requests of `method` that `user`'s socket put on the wire, parsed. */
function sentBy(network: SipNetwork, user: string, method: string): IncomingRequest[] {
  return network.traffic
    .entries(
      (e) =>
        e.socketId === user && e.direction === 'to-server' && e.message.startsWith(`${method} `),
    )
    .map((e) => parseMessage(e.message) as IncomingRequest);
}

/** Final statuses the server sent `user`, in order. */
function statusesTo(network: SipNetwork, user: string, method: string): number[] {
  return network.traffic
    .entries((e) => e.socketId === user && e.direction === 'to-client')
    .map((e) => parseMessage(e.message))
    .filter((m) => m.kind === 'response' && m.cseq.method === method && m.status >= 200)
    .map((m) => (m.kind === 'response' ? m.status : 0));
}

describe('pagehide ends the calls and unregisters before the page goes', () => {
  it('a confirmed call: BYE and the un-REGISTER are on the wire within the event', async () => {
    const { alice, bob, network, proxy, alicePage, stopAll } = await twoPages();
    const [, incoming] = await establish(alice, bob, 'sip:bob@sip.test');
    expect(proxy.location.lookup('alice@sip.test')).toHaveLength(1);

    alicePage.hide();
    // Synchronously, in the event itself: what a page that is going can still send.
    expect(sentBy(network, 'alice', 'BYE')).toHaveLength(1);
    const unregister = sentBy(network, 'alice', 'REGISTER').at(-1);
    expect(unregister?.header('expires')).toBe('0');
    expect(alice.ua.status).toBe('stopped');
    expect(alice.ua.isConnected()).toBe(false);
    expect(alice.events.slice(-2)).toEqual(['unregistered', 'disconnected']);

    await vi.waitFor(() => expect(incoming.status).toBe('terminated'), WAIT);
    expect(incoming.isEnded()).toBe(true);
    expect(statusesTo(network, 'alice', 'REGISTER').at(-1)).toBe(200);
    expect(proxy.location.lookup('alice@sip.test')).toHaveLength(0);
    await stopAll();
  });

  it('an outgoing call ringing: CANCEL, and the callee stops ringing (487)', async () => {
    const { alice, bob, network, alicePage, stopAll } = await twoPages();
    const outgoing = await ring(alice, bob, 'sip:bob@sip.test');
    await flush(); // the 180 reached alice: a CANCEL may go (RFC 3261 §9.1)
    const failed: string[] = [];
    bob.last().on('failed', ({ cause, originator }) => failed.push(`${originator}:${cause}`));

    alicePage.hide();
    expect(sentBy(network, 'alice', 'CANCEL')).toHaveLength(1);
    expect(outgoing.isEnded()).toBe(true);
    await vi.waitFor(() => expect(failed).toEqual([`remote:${Causes.CANCELED}`]), WAIT);
    await stopAll();
  });

  it('an incoming call ringing: rejected with 480, the caller sees Unavailable', async () => {
    const { alice, bob, network, alicePage, stopAll } = await twoPages();
    const outgoing = await ring(bob, alice, 'sip:alice@sip.test');
    const failed: string[] = [];
    outgoing.on('failed', ({ cause }) => failed.push(cause));

    alicePage.hide();
    const final = network.traffic
      .entries((e) => e.socketId === 'alice' && e.direction === 'to-server')
      .map((e) => e.message)
      .find((m) => m.startsWith('SIP/2.0 480 '));
    expect(final).toBeDefined();
    await vi.waitFor(() => expect(failed).toEqual([Causes.UNAVAILABLE]), WAIT);
    await stopAll();
  });

  it('a registrar that challenges every REGISTER: the un-REGISTER carries credentials prepared in advance', async () => {
    const { alice, network, alicePage, stopAll } = await twoPages({}, true);
    await flush(); // the prepared credentials (hashed after the 200)
    const before = sentBy(network, 'alice', 'REGISTER');

    alicePage.hide();
    const unregister = sentBy(network, 'alice', 'REGISTER').slice(before.length);
    expect(unregister).toHaveLength(1);
    expect(unregister[0]?.header('expires')).toBe('0');
    const authorization = unregister[0]?.header('authorization') ?? '';
    // The nonce of the last challenge again, with the next nc (RFC 7616 §3.4).
    expect(authorization).toMatch(/nc=00000002/);
    const lastAuthorized = before.at(-1)?.header('authorization') ?? '';
    const nonce = /nonce="([^"]+)"/.exec(lastAuthorized)?.[1];
    expect(nonce).toBeDefined();
    expect(authorization).toContain(`nonce="${nonce}"`);
    expect(unregister[0]?.cseq.seq).toBe((before.at(-1)?.cseq.seq ?? 0) + 1);
    // One round trip: 200, no 401 (the page could no longer answer one).
    await flush();
    expect(statusesTo(network, 'alice', 'REGISTER').at(-1)).toBe(200);
    expect(alice.ua.status).toBe('stopped');
    await stopAll();
  });

  it('a refresh drops the prepared un-REGISTER and prepares the next one', async () => {
    const { alice, network, alicePage, stopAll } = await twoPages({}, true);
    alice.ua.register(); // a refresh: new CSeq, new challenge, new nonce
    await vi.waitFor(() => expect(statusesTo(network, 'alice', 'REGISTER')).toHaveLength(4), WAIT);
    await flush();
    const before = sentBy(network, 'alice', 'REGISTER');
    alicePage.hide();
    const unregister = sentBy(network, 'alice', 'REGISTER').at(-1);
    expect(unregister?.cseq.seq).toBe((before.at(-1)?.cseq.seq ?? 0) + 1);
    await flush();
    expect(statusesTo(network, 'alice', 'REGISTER').at(-1)).toBe(200);
    await stopAll();
  });

  it('endCallsOnUnload: false sends nothing and keeps the call', async () => {
    const { alice, bob, network, alicePage, stopAll } = await twoPages({ endCallsOnUnload: false });
    const [outgoing] = await establish(alice, bob, 'sip:bob@sip.test');
    expect(alicePage.watching).toBe(0);
    const count = network.traffic.entries((e) => e.socketId === 'alice').length;
    alicePage.hide();
    await flush();
    expect(network.traffic.entries((e) => e.socketId === 'alice')).toHaveLength(count);
    expect(outgoing.status).toBe('confirmed');
    expect(alice.ua.status).toBe('started');
    await stopAll();
  });
});

describe('the back/forward cache', () => {
  it('a persisted pagehide stops the UA the same way; the pageshow back starts it again', async () => {
    const { alice, bob, network, alicePage, stopAll } = await twoPages();
    const [, incoming] = await establish(alice, bob, 'sip:bob@sip.test');

    alicePage.hide(true);
    expect(sentBy(network, 'alice', 'BYE')).toHaveLength(1);
    expect(alice.ua.status).toBe('stopped');
    await vi.waitFor(() => expect(incoming.isEnded()).toBe(true), WAIT);

    alicePage.show(true);
    expect(alice.ua.status).toBe('started');
    await vi.waitFor(() => expect(alice.ua.isRegistered()).toBe(true), WAIT);
    // And it is a working phone again: bob reaches it.
    await ring(bob, alice, 'sip:alice@sip.test');
    // A later pagehide is still watched.
    alicePage.hide(false);
    expect(alice.ua.status).toBe('stopped');
    await stopAll();
  });

  it('a pageshow that did not come from the cache, or after the app stopped the UA, starts nothing', async () => {
    const { alice, alicePage, stopAll } = await twoPages();
    alicePage.hide(false);
    alicePage.show(false);
    expect(alice.ua.status).toBe('stopped');

    alice.ua.start();
    await vi.waitFor(() => expect(alice.ua.isRegistered()).toBe(true), WAIT);
    alicePage.hide(true);
    const stopping = alice.ua.stop(); // the app stops it while the page is cached
    await vi.advanceTimersByTimeAsync(100);
    await stopping;
    expect(alicePage.watching).toBe(0);
    alicePage.show(true);
    expect(alice.ua.status).toBe('stopped');
    await stopAll();
  });

  it('leaves no timer behind once the page is gone', async () => {
    const { alice, bob, alicePage, stopAll } = await twoPages();
    await establish(alice, bob, 'sip:bob@sip.test');
    await bob.ua.stop();
    await vi.advanceTimersByTimeAsync(40_000); // bob's side settles
    alicePage.hide(false);
    await vi.advanceTimersByTimeAsync(40_000);
    expect(alice.ua.transactionCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    await stopAll();
  });
});
