import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createResponse,
  parseMessage,
  serializeMessage,
  type IncomingRequest,
} from '../message/index.js';
import { TransactionLayer } from '../transaction/index.js';
import { FakeSocket } from '../transport/testing/fake-socket.js';
import { LocalIdentity } from './local-identity.js';
import { normalizeConfiguration } from './normalize-configuration.js';
import { optionsKeepAlive } from './options-keep-alive.js';
import { RequestFactory } from './request-factory.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(canSend = true) {
  const { configuration } = normalizeConfiguration({
    uri: 'sip:alice@example.com',
    sockets: new FakeSocket('wss://sip.example.com'),
  });
  const factory = new RequestFactory(
    new LocalIdentity(configuration),
    configuration,
    undefined,
    () => ({
      viaTransport: 'WSS',
      serverSipUri: 'sip:sip.example.com;transport=ws',
    }),
  );
  const sent: IncomingRequest[] = [];
  const layer = new TransactionLayer({
    send: (message) => {
      if (canSend) sent.push(parseMessage(message) as IncomingRequest);
      return canSend;
    },
  });
  const ping = optionsKeepAlive(
    configuration.registrar_server,
    () => factory,
    () => layer,
  );
  /** The server's answer to the `index`-th ping. */
  const answer = (index: number, status: number): void => {
    const request = sent[index];
    if (request === undefined) throw new Error(`no ping ${index}`);
    const response = parseMessage(serializeMessage(createResponse(request, status)));
    if (response.kind !== 'response') throw new Error('not a response');
    layer.receiveResponse(response);
  };
  return { ping, sent, answer, layer };
}

describe('optionsKeepAlive', () => {
  it('sends an OPTIONS to the registrar with Max-Forwards 0, a new Call-ID each time', () => {
    const { ping, sent, layer } = setup();
    expect(ping(() => undefined)).toBe(true);
    expect(ping(() => undefined)).toBe(true);
    expect(sent.map((r) => r.method)).toEqual(['OPTIONS', 'OPTIONS']);
    expect(sent[0]?.header('max-forwards')).toBe('0');
    expect(sent[0]?.ruri).toMatchObject({ user: undefined, host: 'example.com' });
    expect(sent[0]?.callId).not.toBe(sent[1]?.callId);
    expect(sent[0]?.header('authorization')).toBeUndefined();
    layer.stop();
  });

  it.each([200, 407, 483, 503])('any response (%i) is an answer', (status) => {
    const { ping, answer, layer } = setup();
    const answered = vi.fn();
    ping(answered);
    expect(answered).not.toHaveBeenCalled();
    answer(0, status);
    expect(answered).toHaveBeenCalled();
    layer.stop();
  });

  it('no answer is not an answer, even when the transaction times out', () => {
    const { ping, layer } = setup();
    const answered = vi.fn();
    ping(answered);
    vi.advanceTimersByTime(64 * 500);
    expect(answered).not.toHaveBeenCalled();
    layer.stop();
  });

  it('reports a ping that could not be sent, or a stopped layer', () => {
    expect(setup(false).ping(() => undefined)).toBe(false);
    const { ping, layer } = setup();
    layer.stop();
    expect(ping(() => undefined)).toBe(false);
  });
});
