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
import { Registrator, type RegistrationEvents, type RegistratorContext } from './registrator.js';

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

function setup(
  overrides: Record<string, unknown> = {},
  retry: Pick<RegistratorContext, 'retryDelay' | 'isConnected'> = {},
) {
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
    ...retry,
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

  // Issue 19, finding 4: these headers were read inside a promise nothing awaited, so a
  // malformed one was an unhandled rejection and no event ever came.
  it.each([
    ['a malformed Contact', 200, 'Contact: <<<', 'registrationFailed:SIP Failure Code'],
    ['a malformed Expires', 200, 'Expires: soon', 'registrationFailed:SIP Failure Code'],
    [
      'a Contact with expires=abc',
      200,
      'Contact: <sip:a@b.invalid>;expires=abc',
      'registrationFailed:SIP Failure Code',
    ],
    [
      'a 423 with a malformed Min-Expires',
      423,
      'Min-Expires: -1',
      'registrationFailed:SIP Failure Code',
    ],
    [
      'a 423 with an out-of-range Min-Expires',
      423,
      'Min-Expires: 99999999999999999999',
      'registrationFailed:SIP Failure Code',
    ],
  ])('ends in registrationFailed with a cause on %s', async (_, status, header, event) => {
    const { registrator, channel, seen } = setup();
    channel.answer((r) => reply(r, status, header));
    registrator.register();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([event]);
    expect(registrator.registered).toBe(false);
    expect(channel.sent).toHaveLength(1);
  });

  it('a channel that rejects still ends in registrationFailed, and the next register() works', async () => {
    const { registrator, channel, seen, contact } = setup();
    const send = channel.send.bind(channel);
    channel.send = () => Promise.reject(new Error('a bug below'));
    registrator.register();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(['registrationFailed:Internal Error']);
    channel.send = send;
    channel.answer((r) => reply(r, 200, `Contact: ${contact(0)}`));
    registrator.register();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(['registrationFailed:Internal Error', 'registered']);
  });
});

describe('Registrator.setExtraHeaders', () => {
  it('rejects a line that cannot go out, naming it, and keeps the previous set', async () => {
    const { registrator, channel } = setup();
    registrator.setExtraHeaders(['X-Push: token-1']);
    const bad = ['X-Ok: 1', 'X-A: 1\r\nVia: evil'];
    expect(() => registrator.setExtraHeaders(bad)).toThrow(
      expect.objectContaining({ name: 'InvalidOptionError', parameter: 'extraHeaders[1]' }),
    );
    expect(() => registrator.setExtraHeaders(['Call-ID: mine'])).toThrow(
      expect.objectContaining({ parameter: 'extraHeaders[0]' }),
    );
    registrator.register();
    await vi.advanceTimersByTimeAsync(0);
    expect(channel.header(0, 'x-push')).toBe('token-1');
    expect(channel.header(0, 'x-ok')).toBeUndefined();
  });

  it('keeps its own copy of the lines', async () => {
    const { registrator, channel } = setup();
    const headers = ['X-Push: token-1'];
    registrator.setExtraHeaders(headers);
    headers[0] = 'X-Push: changed';
    registrator.register();
    await vi.advanceTimersByTimeAsync(0);
    expect(channel.header(0, 'x-push')).toBe('token-1');
  });
});

// Issue 19, finding 9: a REGISTER that timed out was never sent again; registration stayed
// failed until the app acted.
describe('Registrator: retrying a REGISTER nobody answered', () => {
  const timeout = () => ({ kind: 'timeout', cseq: 1 }) as const;
  /** 1 s, 2 s, 3 s...: easy to tell apart (the UA passes the recovery backoff). */
  const retryDelay = (attempt: number) => (attempt + 1) * 1000;

  it('retries after a timeout with the backoff, and reports registered when one succeeds', async () => {
    const { registrator, channel, seen, contact } = setup({}, { retryDelay });
    channel
      .answer(timeout)
      .answer(timeout)
      .answer((r) => reply(r, 200, `Contact: ${contact(2)}`));
    registrator.register();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(['registrationFailed:Request Timeout']);
    await vi.advanceTimersByTimeAsync(999);
    expect(channel.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(channel.sent).toHaveLength(2);
    expect(seen).toEqual([
      'registrationFailed:Request Timeout',
      'registrationFailed:Request Timeout',
    ]);
    await vi.advanceTimersByTimeAsync(1999);
    expect(channel.sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(channel.sent).toHaveLength(3);
    expect(seen.at(-1)).toBe('registered');
    expect(registrator.registered).toBe(true);
    // Same Call-ID, rising CSeq (RFC 3261 §10.2.4).
    expect(new Set(channel.sent.map((_, i) => channel.header(i, 'call-id'))).size).toBe(1);
    expect(channel.sent.map((_, i) => channel.header(i, 'cseq'))).toEqual([
      '1 REGISTER',
      '2 REGISTER',
      '3 REGISTER',
    ]);
  });

  it('retries a 408 and a transport error, not a refusal', async () => {
    for (const [outcome, retried] of [
      [(r: OutgoingRequest) => reply(r, 408), true],
      [() => ({ kind: 'transport-error', cseq: 1 }) as const, true],
      [(r: OutgoingRequest) => reply(r, 403), false],
      [(r: OutgoingRequest) => reply(r, 401), false],
    ] as const) {
      const { registrator, channel } = setup({}, { retryDelay });
      channel.answer(outcome).answer((r) => reply(r, 403));
      registrator.register();
      await vi.advanceTimersByTimeAsync(1000);
      expect(channel.sent).toHaveLength(retried ? 2 : 1);
      await registrator.close();
      expect(vi.getTimerCount()).toBe(0);
    }
  });

  it('unregister() and close() stop the retries and leave no timer', async () => {
    const first = setup({}, { retryDelay });
    first.channel.answer(timeout).answer((r) => reply(r, 200));
    first.registrator.register();
    await vi.advanceTimersByTimeAsync(0);
    await first.registrator.unregister();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(first.channel.sent.map((_, i) => first.channel.header(i, 'expires'))).toEqual([
      '600',
      '0',
    ]);

    const second = setup({}, { retryDelay });
    second.channel.answer(timeout);
    second.registrator.register();
    await vi.advanceTimersByTimeAsync(0);
    await second.registrator.close();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(second.channel.sent).toHaveLength(1);
  });

  it('waits for the connection to come back instead of failing against a dead one', async () => {
    let connected = false;
    const { registrator, channel, seen, contact } = setup(
      {},
      { retryDelay, isConnected: () => connected },
    );
    channel
      .answer(() => ({ kind: 'transport-error', cseq: 1 }) as const)
      .answer((r) => reply(r, 200, `Contact: ${contact(1)}`));
    registrator.register();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(channel.sent).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
    connected = true;
    registrator.reconnected();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(['registrationFailed:Connection Error', 'registered']);
  });

  it('a retry sent on reconnection keeps the extraHeaders given to register()', async () => {
    let connected = false;
    const { registrator, channel, contact } = setup(
      {},
      { retryDelay, isConnected: () => connected },
    );
    channel
      .answer(() => ({ kind: 'transport-error', cseq: 1 }) as const)
      .answer((r) => reply(r, 200, `Contact: ${contact(1)}`));
    registrator.register(['X-Push: token-1']);
    await vi.advanceTimersByTimeAsync(0);
    connected = true;
    registrator.reconnected();
    await vi.advanceTimersByTimeAsync(0);
    expect(channel.sent).toHaveLength(2);
    expect(channel.header(0, 'x-push')).toBe('token-1');
    expect(channel.header(1, 'x-push')).toBe('token-1');
  });

  it('a reconnection with nothing to retry sends nothing', async () => {
    const { registrator, channel } = setup({}, { retryDelay });
    registrator.reconnected();
    await vi.advanceTimersByTimeAsync(0);
    expect(channel.sent).toHaveLength(0);
  });
});
