import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  parseMessage,
  serializeRequest,
  type IncomingResponse,
  type OutgoingRequest,
} from '../message/index.js';
import { systemClock, TypedEmitter } from '../transport/index.js';
import { normalizeConfiguration } from '../ua/normalize-configuration.js';
import { LocalIdentity } from '../ua/local-identity.js';
import { RequestFactory } from '../ua/request-factory.js';
import type { RequestChannel, RequestOutcome } from '../ua/request-outcome.js';
import { Registrator, type RegistrationEvents } from './registrator.js';

const socket = {
  via_transport: 'WSS',
  url: 'wss://sip.example.com',
  sip_uri: 'sip:sip.example.com;transport=ws',
  connect: () => undefined,
  disconnect: () => undefined,
  send: () => true,
  isConnected: () => true,
  isConnecting: () => false,
  onconnect: () => undefined,
  ondisconnect: () => undefined,
  ondata: () => undefined,
};

/** A channel that records requests and answers each with what the test scripted. */
class ScriptedChannel implements RequestChannel {
  readonly sent: OutgoingRequest[] = [];
  readonly #answers: Array<(request: OutgoingRequest) => RequestOutcome> = [];

  answer(next: (request: OutgoingRequest) => RequestOutcome): this {
    this.#answers.push(next);
    return this;
  }

  send(request: OutgoingRequest): Promise<RequestOutcome> {
    this.sent.push(request);
    const next = this.#answers.shift();
    if (next === undefined) return new Promise(() => undefined);
    return Promise.resolve(next(request));
  }

  header(index: number, name: string): string | undefined {
    return this.sent[index]?.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
  }
}

/** A response to `request` with extra header lines. */
function reply(request: OutgoingRequest, status: number, ...extra: string[]): RequestOutcome {
  const parsed = parseMessage(
    serializeRequest({ ...request, headers: [...request.headers] }).replace(
      /^Via: (.*)$/m,
      'Via: $1;branch=z9hG4bKtest',
    ),
  );
  if (parsed.kind !== 'request') throw new Error('not a request');
  const lines = [
    `SIP/2.0 ${status} Whatever`,
    `Via: ${parsed.header('via')}`,
    `From: ${parsed.header('from')}`,
    `To: ${parsed.header('to')};tag=registrar`,
    `Call-ID: ${parsed.callId}`,
    `CSeq: ${parsed.cseq.seq} REGISTER`,
    ...extra,
    'Content-Length: 0',
    '',
    '',
  ];
  return {
    kind: 'response',
    response: parseMessage(lines.join('\r\n')) as IncomingResponse,
    cseq: parsed.cseq.seq,
  };
}

function setup(overrides: Record<string, unknown> = {}) {
  const { configuration } = normalizeConfiguration({
    uri: 'sip:alice@example.com',
    sockets: socket,
    display_name: 'Alice "A" Smith',
    ...overrides,
  });
  const identity = new LocalIdentity(configuration);
  const factory = new RequestFactory(identity, configuration, undefined, () => ({
    viaTransport: 'WSS',
    serverSipUri: 'sip:sip.example.com;transport=ws',
  }));
  const channel = new ScriptedChannel();
  const events = new TypedEmitter<RegistrationEvents>();
  const seen: string[] = [];
  for (const name of ['registered', 'unregistered', 'registrationFailed'] as const) {
    events.on(name, (payload) =>
      seen.push(`${name}${'cause' in payload && payload.cause ? `:${payload.cause}` : ''}`),
    );
  }
  const registrator = new Registrator({
    channel,
    factory,
    identity,
    registrar: configuration.registrar_server,
    expires: configuration.register_expires,
    clock: systemClock,
    events,
  });
  const contact = (i: number) => `<${identity.contactUri}>;expires=${channel.header(i, 'expires')}`;
  return { registrator, channel, events, seen, identity, contact };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Registrator', () => {
  it('sends a REGISTER per RFC 3261 §10.2 and emits registered', async () => {
    const { registrator, channel, seen, identity } = setup();
    channel.answer((r) => reply(r, 200, `Contact: <${identity.contactUri}>;expires=600`));
    registrator.register();
    await vi.advanceTimersByTimeAsync(0);
    const request = channel.sent[0]!;
    expect(request.method).toBe('REGISTER');
    expect(request.ruri).toBe('sip:example.com');
    expect(channel.header(0, 'to')).toBe('"Alice \\"A\\" Smith" <sip:alice@example.com>');
    expect(channel.header(0, 'from')).toMatch(
      /^"Alice \\"A\\" Smith" <sip:alice@example\.com>;tag=\w+$/,
    );
    // RFC 5626 §4.2: a generated instance id when none is configured, kept for the UA's life.
    expect(channel.header(0, 'contact')).toBe(
      `<${identity.contactUri}>;+sip.instance="<urn:uuid:${identity.instanceId}>";reg-id=1;expires=600`,
    );
    expect(identity.instanceId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(channel.header(0, 'expires')).toBe('600');
    expect(channel.header(0, 'cseq')).toBe('1 REGISTER');
    expect(identity.contactUri).toMatch(/^sip:\w+@\w+\.invalid;transport=ws;ob$/);
    expect(seen).toEqual(['registered']);
    expect(registrator.registered).toBe(true);
    channel.answer((r) => reply(r, 200));
    await registrator.close();
    expect(channel.header(1, 'expires')).toBe('0');
    expect(seen).toEqual(['registered', 'unregistered']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refreshes 32 s before a long registration ends, with the same Call-ID and a higher CSeq', async () => {
    const { registrator, channel, identity } = setup();
    for (let i = 0; i < 3; i++)
      channel.answer((r) => reply(r, 200, `Contact: <${identity.contactUri}>;expires=300`));
    registrator.register();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(268_000 - 1);
    expect(channel.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(channel.sent).toHaveLength(2);
    expect(channel.header(1, 'call-id')).toBe(channel.header(0, 'call-id'));
    expect(channel.header(1, 'cseq')).toBe('2 REGISTER');
    registrator.connectionLost();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('uses the Expires header when our Contact carries no expires, and refreshes short ones halfway', async () => {
    const { registrator, channel } = setup();
    channel.answer((r) => reply(r, 200, 'Expires: 60'));
    registrator.register();
    await vi.advanceTimersByTimeAsync(29_999);
    expect(channel.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(channel.sent).toHaveLength(2);
    registrator.connectionLost();
  });

  it('emits registrationExpiring instead of refreshing when the app listens for it', async () => {
    const { registrator, channel, events, identity } = setup();
    channel.answer((r) => reply(r, 200, `Contact: <${identity.contactUri}>;expires=100`));
    const expiring = vi.fn();
    events.on('registrationExpiring', expiring);
    registrator.register();
    await vi.advanceTimersByTimeAsync(68_000);
    expect(expiring).toHaveBeenCalledOnce();
    expect(channel.sent).toHaveLength(1);
    registrator.connectionLost();
  });

  it('answers 423 once with Min-Expires, then fails on a second 423', async () => {
    const { registrator, channel, seen, identity } = setup({ register_expires: 30 });
    channel
      .answer((r) => reply(r, 423, 'Min-Expires: 120'))
      .answer((r) => reply(r, 200, `Contact: <${identity.contactUri}>;expires=120`));
    registrator.register();
    await vi.advanceTimersByTimeAsync(0);
    expect(channel.header(1, 'expires')).toBe('120');
    expect(seen).toEqual(['registered']);
    registrator.connectionLost();

    const second = setup({ register_expires: 30 });
    second.channel
      .answer((r) => reply(r, 423, 'Min-Expires: 60'))
      .answer((r) => reply(r, 423, 'Min-Expires: 60'));
    second.registrator.register();
    await vi.advanceTimersByTimeAsync(0);
    expect(second.channel.sent).toHaveLength(2);
    expect(second.seen).toEqual(['registrationFailed:SIP Failure Code']);
  });

  it('reports failures with causes: rejection, timeout, connection error', async () => {
    for (const [outcome, cause] of [
      [(r: OutgoingRequest) => reply(r, 403), 'Rejected'],
      [() => ({ kind: 'timeout', cseq: 1 }) as const, 'Request Timeout'],
      [() => ({ kind: 'transport-error', cseq: 1 }) as const, 'Connection Error'],
      [(r: OutgoingRequest) => reply(r, 401), 'Authentication Error'],
    ] as const) {
      const { registrator, channel, seen } = setup();
      channel.answer(outcome);
      registrator.register();
      await vi.advanceTimersByTimeAsync(0);
      expect(seen).toEqual([`registrationFailed:${cause}`]);
      expect(registrator.registered).toBe(false);
      expect(vi.getTimerCount()).toBe(0);
    }
  });

  it('emits unregistered after a failed refresh of a live registration', async () => {
    const { registrator, channel, seen, identity } = setup();
    channel
      .answer((r) => reply(r, 200, `Contact: <${identity.contactUri}>;expires=600`))
      .answer((r) => reply(r, 503));
    registrator.register();
    await vi.advanceTimersByTimeAsync(568_000);
    expect(seen).toEqual([
      'registered',
      'registrationFailed:Unavailable',
      'unregistered:Unavailable',
    ]);
  });

  it('unregisters our contact, or all with Contact: *', async () => {
    const { registrator, channel, seen, identity } = setup();
    channel
      .answer((r) => reply(r, 200, `Contact: <${identity.contactUri}>;expires=600`))
      .answer((r) => reply(r, 200))
      .answer((r) => reply(r, 200));
    registrator.register();
    await vi.advanceTimersByTimeAsync(0);
    await registrator.unregister();
    expect(channel.header(1, 'contact')).toBe(
      `<${identity.contactUri}>;+sip.instance="<urn:uuid:${identity.instanceId}>";reg-id=1;expires=0`,
    );
    expect(channel.header(1, 'expires')).toBe('0');
    await registrator.unregister({ all: true });
    expect(channel.header(2, 'contact')).toBe('*');
    expect(seen).toEqual(['registered', 'unregistered', 'unregistered']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('carries +sip.instance and reg-id with instance_id, and keeps the GRUUs granted', async () => {
    const id = '8f1fa16a-1165-4a96-8341-785b1ef24f12';
    const { registrator, channel, identity } = setup({ instance_id: id });
    channel.answer((r) =>
      reply(
        r,
        200,
        `Contact: <sip:other@x.invalid>;expires=100, <${identity.contactUri}>;+sip.instance="<urn:uuid:${id}>";reg-id=1;expires=600;pub-gruu="sip:alice@example.com;gr=urn:uuid:${id}";temp-gruu="sip:tgruu.1@example.com;gr"`,
      ),
    );
    registrator.register();
    await vi.advanceTimersByTimeAsync(0);
    expect(channel.header(0, 'contact')).toBe(
      `<${identity.contactUri}>;+sip.instance="<urn:uuid:${id}>";reg-id=1;expires=600`,
    );
    expect(channel.header(0, 'supported')).toBe('path, gruu, outbound');
    expect(identity.dialogContact()).toBe(`<sip:alice@example.com;gr=urn:uuid:${id}>`);
    expect(identity.dialogContact(true)).toBe('<sip:tgruu.1@example.com;gr>');
    registrator.connectionLost();
  });

  it('queues a register() made while one is under way instead of sending two at once', async () => {
    const { registrator, channel, identity } = setup();
    let release: ((o: RequestOutcome) => void) | undefined;
    const first = new Promise<RequestOutcome>((resolve) => (release = resolve));
    const send = channel.send.bind(channel);
    channel.send = (request) =>
      channel.sent.length === 0 ? (channel.sent.push(request), first) : send(request);
    channel.answer((r) => reply(r, 200, `Contact: <${identity.contactUri}>;expires=600`));
    registrator.register();
    registrator.register();
    expect(channel.sent).toHaveLength(1);
    release?.(reply(channel.sent[0]!, 200, `Contact: <${identity.contactUri}>;expires=600`));
    await vi.advanceTimersByTimeAsync(0);
    expect(channel.sent).toHaveLength(2);
    registrator.connectionLost();
  });

  it('a lost connection ends the registration without a timer left', async () => {
    const { registrator, channel, seen, identity } = setup();
    channel.answer((r) => reply(r, 200, `Contact: <${identity.contactUri}>;expires=600`));
    registrator.register();
    await vi.advanceTimersByTimeAsync(0);
    registrator.connectionLost();
    expect(seen).toEqual(['registered', 'unregistered:Connection Error']);
    expect(vi.getTimerCount()).toBe(0);
  });
});
