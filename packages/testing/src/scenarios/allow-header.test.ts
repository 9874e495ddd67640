import { parseMessage, subscriptions, UserAgent, type IncomingMessage } from '@sipkit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RawPhone } from '../server/raw-phone.fixture.js';
import { callScenario, flush } from './calls.fixture.js';
import { createScenario } from './harness.fixture.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const CALL_METHODS =
  'INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE, INFO, UPDATE, PRACK, REFER, NOTIFY';

/**
 * Every Allow one call and two probes bring out of alice and bob: alice's INVITE, bob's 2xx,
 * bob's answer to OPTIONS and to a method nobody handles (405), and bob's re-INVITE (hold).
 */
async function allowHeaders(install: boolean) {
  const scenario = await callScenario(['alice', 'bob']);
  const { alice, bob } = scenario.uas as Required<typeof scenario.uas>;
  if (install) {
    subscriptions(alice!.ua);
    subscriptions(bob!.ua);
  }
  const outgoing = alice!.ua.call('bob');
  await vi.waitFor(() => expect(outgoing.status).toBe('ringing'));
  bob!.last().answer();
  await vi.waitFor(() => expect(outgoing.status).toBe('confirmed'));
  await bob!.last().hold();
  const probe = new RawPhone(scenario.network, 'probe');
  probe.socket.connect();
  await flush();
  probe.send('OPTIONS', 'sip:bob@sip.test');
  probe.send('PUBLISH', 'sip:bob@sip.test', [['Event', 'presence']]);
  await flush();
  const fromBob = scenario.network.traffic
    .entries((e) => e.direction === 'to-server')
    .map((e) => parseMessage(e.message))
    .filter((m: IncomingMessage) => m.kind === 'response' && m.status === 200);
  const answer = fromBob.find((m) => m.cseq.method === 'INVITE');
  const allow = {
    invite: scenario.sent('INVITE')[0]?.header('allow'),
    answer: answer?.header('allow'),
    reInvite: scenario.sent('INVITE')[1]?.header('allow'),
    options: probe.responses(200)[0]?.header('allow'),
    refused: probe.responses(405)[0]?.header('allow'),
  };
  outgoing.terminate();
  await scenario.stopAll();
  return allow;
}

describe('Allow lists exactly the methods this UA handles, from one place', () => {
  it('a UA with calls and no subscriptions: the same list everywhere, no SUBSCRIBE', async () => {
    const allow = await allowHeaders(false);
    expect(allow).toEqual({
      invite: CALL_METHODS,
      answer: CALL_METHODS,
      reInvite: CALL_METHODS,
      options: CALL_METHODS,
      refused: CALL_METHODS,
    });
  });

  it('with subscriptions(ua) installed: SUBSCRIBE joins every Allow, sessions included', async () => {
    const allow = await allowHeaders(true);
    const all = `${CALL_METHODS}, SUBSCRIBE`;
    // Before, the session's INVITE, 2xx and re-INVITE kept the fixed list without SUBSCRIBE.
    expect(allow).toEqual({
      invite: all,
      answer: all,
      reInvite: all,
      options: all,
      refused: all,
    });
  });

  it('a UA without calls lists its own methods, and the subscription ones once installed', async () => {
    const scenario = createScenario();
    const socket = scenario.network.createSocket('carol');
    const carol = new UserAgent({ uri: 'sip:carol@sip.test', sockets: socket });
    carol.start();
    await vi.waitFor(() => expect(carol.isRegistered()).toBe(true));
    const probe = new RawPhone(scenario.network, 'probe');
    probe.socket.connect();
    await flush();
    probe.send('OPTIONS', 'sip:carol@sip.test');
    probe.send('INVITE', 'sip:carol@sip.test');
    await flush();
    expect(probe.responses(200)[0]?.header('allow')).toBe('ACK, CANCEL, OPTIONS, MESSAGE');
    expect(probe.responses(405)[0]?.header('allow')).toBe('ACK, CANCEL, OPTIONS, MESSAGE');
    subscriptions(carol);
    probe.send('OPTIONS', 'sip:carol@sip.test');
    probe.send('INVITE', 'sip:carol@sip.test');
    await flush();
    const all = 'ACK, CANCEL, OPTIONS, MESSAGE, SUBSCRIBE, NOTIFY';
    expect(probe.responses(200)[1]?.header('allow')).toBe(all);
    expect(probe.responses(405)[1]?.header('allow')).toBe(all);
    await carol.stop();
    await scenario.stopAll();
  });
});
