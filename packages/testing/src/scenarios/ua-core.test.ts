import {
  createResponse,
  parseMessage,
  serializeMessage,
  UA,
  type IncomingRequest,
} from '@sipkit/core';
import { describe, expect, it, vi } from 'vitest';
import { SipNetwork } from '../network/sip-network.js';
import type { ServerConnection, SipServerEndpoint } from '../network/server-connection.js';
import { RawPhone } from '../server/raw-phone.fixture.js';
import { createScenario } from './harness.fixture.js';
import { flush, fakeTimersForEachTest } from './fake-timers.fixture.js';

fakeTimersForEachTest();

async function aliceAndRawBob() {
  const scenario = createScenario();
  const alice = scenario.addUA('alice');
  alice.ua.start();
  const bob = new RawPhone(scenario.network, 'bob');
  bob.socket.connect();
  await flush();
  return { ...scenario, alice, bob };
}

describe('UA core answers (RFC 3261 §8.2)', () => {
  it('answers OPTIONS with 200 and its Allow, Accept and Supported', async () => {
    const { bob, stopAll } = await aliceAndRawBob();
    bob.send('OPTIONS', 'sip:alice@sip.test');
    await flush();
    const ok = bob.responses(200).find((r) => r.cseq.method === 'OPTIONS');
    expect(ok?.parsed('allow')).toEqual(
      expect.arrayContaining(['INVITE', 'BYE', 'OPTIONS', 'MESSAGE', 'REFER']),
    );
    expect(ok?.parsed('supported')).toEqual(expect.arrayContaining(['timer', 'replaces']));
    expect(ok?.header('accept')).toContain('application/sdp');
    expect(ok?.to.tag).toBeDefined();
    await stopAll();
  });

  it('answers 405 with Allow, 420 with Unsupported and 481 for an unknown dialog', async () => {
    const { bob, stopAll } = await aliceAndRawBob();
    bob.send('PUBLISH', 'sip:alice@sip.test');
    bob.send('OPTIONS', 'sip:alice@sip.test', [['Require', 'foo']]);
    bob.send('BYE', 'sip:alice@sip.test', [], { to: '<sip:alice@sip.test>;tag=nosuchdialog' });
    await flush();
    const finals = bob.responses().filter((r) => r.status >= 300);
    expect(finals.map((r) => [r.cseq.method, r.status])).toEqual([
      ['PUBLISH', 405],
      ['OPTIONS', 420],
      ['BYE', 481],
    ]);
    expect(finals[0]?.header('allow')).toContain('INVITE');
    expect(finals[1]?.header('unsupported')).toBe('foo');
    await stopAll();
  });

  it('answers a CANCEL that matches no INVITE with 481 (RFC 3261 §9.2)', async () => {
    const { alice, network, stopAll } = await aliceAndRawBob();
    alice.socket.ondata(
      [
        'CANCEL sip:alice@sip.test SIP/2.0',
        'Via: SIP/2.0/WS sip.test;branch=z9hG4bKnothing',
        'From: <sip:bob@sip.test>;tag=b',
        'To: <sip:alice@sip.test>',
        'Call-ID: nothing',
        'CSeq: 1 CANCEL',
        'Max-Forwards: 70',
        '',
        '',
      ].join('\r\n'),
    );
    await flush();
    const answers = network.traffic.entries(
      (e) => e.socketId === 'alice' && e.direction === 'to-server',
    );
    expect(answers.at(-1)?.message).toMatch(/^SIP\/2\.0 481 /);
    await stopAll();
  });

  it('drops malformed messages and keeps working', async () => {
    const scenario = createScenario();
    const alice = scenario.addUA('alice');
    alice.ua.start();
    await flush();
    alice.socket.ondata('INVITE sip:alice@sip.test SIP/2.0\r\nVia: nonsense\r\n\r\n');
    alice.socket.ondata('\u0000\u0001 garbage');
    alice.socket.ondata('SIP/2.0 200 OK\r\n\r\n');
    const bob = new RawPhone(scenario.network, 'bob');
    bob.socket.connect();
    await flush();
    bob.send('OPTIONS', 'sip:alice@sip.test');
    await flush();
    expect(bob.responses(200).some((r) => r.cseq.method === 'OPTIONS')).toBe(true);
    await scenario.stopAll();
  });
});

/** A registrar that challenges with the scripted stale flags, then accepts. */
function staleRegistrar(
  staleFlags: boolean[],
): SipServerEndpoint & { registers: IncomingRequest[] } {
  const registers: IncomingRequest[] = [];
  let nonce = 0;
  return {
    registers,
    connectionOpened: () => undefined,
    connectionClosed: () => undefined,
    messageReceived(connection: ServerConnection, text: string) {
      const request = parseMessage(text);
      if (request.kind !== 'request') return;
      registers.push(request);
      const stale = staleFlags[registers.length - 2];
      const challenge = (flag: boolean) =>
        `Digest realm="sip.test", nonce="n${++nonce}", qop="auth", algorithm=MD5${flag ? ', stale=true' : ''}`;
      const reply =
        registers.length === 1
          ? createResponse(request, 401, undefined, {
              toTag: 't',
              headers: [['WWW-Authenticate', challenge(false)]],
            })
          : stale === true
            ? createResponse(request, 401, undefined, {
                toTag: 't',
                headers: [['WWW-Authenticate', challenge(true)]],
              })
            : createResponse(request, 200, undefined, {
                toTag: 't',
                headers: [['Contact', `${request.header('contact')}`]],
              });
      connection.send(serializeMessage(reply));
    },
  };
}

describe('digest stale nonce (RFC 7616 §3.3)', () => {
  it('answers stale=true once more without counting it as a failure', async () => {
    const registrar = staleRegistrar([true]);
    const network = new SipNetwork({ endpoint: registrar });
    const ua = new UA({
      uri: 'sip:alice@sip.test',
      sockets: network.createSocket(),
      password: 'secret',
    });
    const registered = vi.fn();
    ua.on('registered', registered);
    ua.start();
    await flush();
    expect(registrar.registers).toHaveLength(3);
    expect(registered).toHaveBeenCalledOnce();
    await ua.stop();
  });

  it('gives up on a second stale in a row', async () => {
    const registrar = staleRegistrar([true, true, true]);
    const network = new SipNetwork({ endpoint: registrar });
    const ua = new UA({
      uri: 'sip:alice@sip.test',
      sockets: network.createSocket(),
      password: 'secret',
    });
    const failed = vi.fn();
    ua.on('registrationFailed', failed);
    ua.start();
    await flush();
    expect(registrar.registers).toHaveLength(3);
    expect(failed).toHaveBeenCalledWith(expect.objectContaining({ cause: 'Authentication Error' }));
    await ua.stop();
  });
});
