import { UA, WebSocketInterface } from '@sipkit/core';
import { get } from 'node:http';
import { connect as tcpConnect, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { SipProxyServer } from './sip-proxy-server.js';
import {
  hostOnWebSocket,
  type WebSocketHost,
  type WebSocketHostOptions,
} from './websocket-host.js';

// Issue 19 (findings 2 and 6) over real WebSockets on 127.0.0.1: whatever one client sends, the
// server keeps serving the others.

let host: WebSocketHost | undefined;
const sockets: WebSocket[] = [];
const raw: Socket[] = [];
const uas: UA[] = [];

afterEach(async () => {
  vi.useRealTimers();
  for (const socket of sockets.splice(0)) socket.terminate();
  for (const socket of raw.splice(0)) socket.destroy();
  await Promise.all(uas.splice(0).map((ua) => ua.stop()));
  await host?.close();
  host = undefined;
});

async function start(options: WebSocketHostOptions = {}, users?: Record<string, string>) {
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  const proxy = new SipProxyServer({ host: '127.0.0.1', log, ...(users ? { users } : {}) });
  host = await hostOnWebSocket(proxy, { log, ...options });
  return { url: host.url, lines, proxy };
}

/** Opens a raw client; resolves with the socket, or with the HTTP status the upgrade got. */
function connect(url: string, origin?: string): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'sip', origin === undefined ? {} : { origin });
    sockets.push(socket);
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', reject);
  });
}

/** The next frame that contains `text`. */
function frameWith(socket: WebSocket, text: string): Promise<string> {
  return new Promise((resolve) => {
    const onFrame = (data: unknown) => {
      if (!String(data).includes(text)) return;
      socket.off('message', onFrame);
      resolve(String(data));
    };
    socket.on('message', onFrame);
  });
}

function closed(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => socket.once('close', (code) => resolve(code)));
}

const options = (n: number, from = '<sip:probe@127.0.0.1>;tag=p') =>
  [
    'OPTIONS sip:127.0.0.1 SIP/2.0',
    `Via: SIP/2.0/WS probe.invalid;branch=z9hG4bKprobe${n}`,
    'Max-Forwards: 70',
    `From: ${from}`,
    'To: <sip:127.0.0.1>',
    `Call-ID: probe-${n}`,
    `CSeq: ${n} OPTIONS`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');

async function registers(url: string, user = 'alice', password?: string): Promise<boolean> {
  return (await registered(url, user, password)) !== undefined;
}

async function registered(url: string, user: string, password?: string): Promise<UA | undefined> {
  const ua = new UA({
    uri: `sip:${user}@127.0.0.1`,
    ...(password === undefined ? {} : { password }),
    sockets: new WebSocketInterface(url, { WebSocket }),
  });
  uas.push(ua);
  const outcome = new Promise<UA | undefined>((resolve) => {
    ua.once('registered', () => resolve(ua));
    ua.once('registrationFailed', () => resolve(undefined));
  });
  ua.start();
  return outcome;
}

describe('hostOnWebSocket: who may connect', () => {
  it('refuses a page from another origin at the upgrade and lets loopback pages and non-browser clients in', async () => {
    const { url, lines } = await start();
    expect(await connect(url, 'https://evil.example')).toBe(403);
    expect(await connect(url, 'null')).toBe(403);
    expect(await connect(url, 'http://127.0.0.1:5173')).toBeInstanceOf(WebSocket);
    expect(await connect(url, 'http://localhost:5173')).toBeInstanceOf(WebSocket);
    expect(await connect(url)).toBeInstanceOf(WebSocket);
    expect(lines.some((l) => l.includes('Origin https://evil.example not allowed'))).toBe(true);
  });

  it('lets in the origins it is told to allow', async () => {
    const { url } = await start({ allowOrigins: ['http://192.168.1.5:5173'] });
    expect(await connect(url, 'http://192.168.1.5:5173')).toBeInstanceOf(WebSocket);
    expect(await connect(url, 'http://192.168.1.6:5173')).toBe(403);
  });

  it('at maxConnectionsPerIp, closes the oldest silent connection for a new one; refuses only when all speak', async () => {
    const { url, lines } = await start({ limits: { maxConnectionsPerIp: 3 } });
    const silent = (await Promise.all([connect(url), connect(url), connect(url)])) as WebSocket[];
    const oldestGone = closed(silent[0]!);
    // Idle sockets from this address do not lock a real client out: the oldest makes room.
    expect(await registers(url)).toBe(true);
    await oldestGone;
    expect(silent[1]!.readyState).toBe(WebSocket.OPEN);
    expect(lines.some((l) => l.includes('never spoke SIP and maxConnectionsPerIp is 3'))).toBe(
      true,
    );
    // Once every connection speaks SIP, one more is refused.
    for (const [i, socket] of silent.slice(1).entries()) {
      const answered = frameWith(socket, `Call-ID: probe-${i + 1}\r\n`);
      socket.send(options(i + 1));
      await answered;
    }
    expect(await connect(url)).toBe(503);
    expect(
      lines.some((l) => l.includes('refused a connection') && l.includes('maxConnectionsPerIp')),
    ).toBe(true);
    expect(host?.connections).toBe(3);
  });

  it('caps raw TCP sockets that never upgrade, and answers plain HTTP with 426', async () => {
    const { url, lines } = await start({ limits: { maxConnections: 2, maxConnectionsPerIp: 1 } });
    const port = Number(new URL(url).port);
    const open = (): Promise<Socket> =>
      new Promise((resolve) => {
        const socket = tcpConnect(port, '127.0.0.1', () => resolve(socket));
        raw.push(socket);
      });
    const held = await Promise.all([open(), open(), open()]); // the cap: 2 + 1
    const extra = await open();
    await new Promise((resolve) => extra.once('close', resolve));
    expect(lines.some((l) => l.includes('refused a TCP connection'))).toBe(true);
    for (const socket of held) socket.destroy();
    // Once the server has seen them go (no clock involved: retried until it has), HTTP gets in.
    const status = () =>
      new Promise<number | undefined>((resolve) =>
        get(url.replace('ws:', 'http:'), (response) => {
          response.resume();
          resolve(response.statusCode);
        }).once('error', () => resolve(undefined)),
      );
    await vi.waitUntil(async () => (await status()) === 426, { timeout: 5000 });
  });

  it('closes a connection that sends no SIP message within idleTimeoutMs, not one that did', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { url, lines } = await start({ limits: { idleTimeoutMs: 10_000 } });
    const silent = (await connect(url)) as WebSocket;
    const pinging = (await connect(url)) as WebSocket;
    const talking = (await connect(url)) as WebSocket;
    const answered = frameWith(talking, 'probe-1');
    talking.send(options(1));
    expect(await answered).toMatch(/^SIP\/2\.0 200 /);
    const pong = frameWith(pinging, '\r\n');
    pinging.send('\r\n\r\n'); // a keep-alive is not a SIP message
    await pong;
    const silentClosed = closed(silent);
    const pingingClosed = closed(pinging);
    vi.advanceTimersByTime(10_000);
    await Promise.all([silentClosed, pingingClosed]);
    expect(talking.readyState).toBe(WebSocket.OPEN);
    expect(lines.filter((l) => l.includes('idle timeout'))).toHaveLength(2);
    await vi.waitUntil(() => host?.connections === 1);
  });
});

describe('hostOnWebSocket: hostile frames cost one frame, never the server', () => {
  it('survives the hostile corpus and keeps serving a real UA', async () => {
    const { url, lines } = await start();
    const attacker = (await connect(url)) as WebSocket;
    const corpus = [
      options(1, '"ev\0il" <sip:mallory@127.0.0.1>;tag=m'), // parser accepts, serializer refuses
      'this is not SIP',
      'INVITE sip:bob@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/WS x.invalid\r\n\r\n',
      options(2).replace('Max-Forwards: 70', 'Max-Forwards: 70\r\nRecord-Route: <sip:broken'),
      options(3).replace('CSeq: 3 OPTIONS', 'CSeq: 3 INVITE'),
      'SIP/2.0 200 OK\r\nVia: SIP/2.0/WS 127.0.0.1;branch=z9hG4bKnothing\r\n\r\n',
      '\0\0\0\0',
    ];
    const replies: string[] = [];
    attacker.on('message', (data) => replies.push(String(data)));
    for (const frame of corpus) attacker.send(frame);
    attacker.send(Buffer.from([0xff, 0xfe, 0x00, 0x53, 0x49, 0x50]), { binary: true });
    const answered = frameWith(attacker, 'Call-ID: probe-9');
    attacker.send(options(9));
    expect(await answered).toMatch(/^SIP\/2\.0 200 /);
    // The NUL request got a 400 it can match (From cleaned); the malformed Record-Route a 400.
    expect(replies.filter((r) => r.startsWith('SIP/2.0 400 '))).toHaveLength(2);
    expect(await registers(url)).toBe(true);
    expect(lines.some((l) => l.includes('refused an unparsable message'))).toBe(true);
  });

  it('closes a connection whose frame exceeds maxMessageBytes with 1009 and keeps serving', async () => {
    const { url, lines } = await start();
    const attacker = (await connect(url)) as WebSocket;
    const gone = closed(attacker);
    attacker.send('x'.repeat(256 * 1024 + 1));
    expect(await gone).toBe(1009);
    expect(lines.some((l) => /Max payload size exceeded/i.test(l))).toBe(true);
    expect(await registers(url)).toBe(true);
  });
});

describe('hostOnWebSocket: with users, a stranger can neither pose as a user nor take over its routing', () => {
  const request = (method: string, ruri: string, n: number, extra: string[], toTag = '') =>
    [
      `${method} ${ruri} SIP/2.0`,
      `Via: SIP/2.0/WS mallory.invalid;branch=z9hG4bKm${n}`,
      'Max-Forwards: 70',
      ...extra,
      `To: <${ruri}>${toTag}`,
      `Call-ID: m-${n}`,
      `CSeq: 1 ${method}`,
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');

  it('challenges a spoofed From, refuses a forged dialog, learns nothing from a stranger', async () => {
    const { url, proxy } = await start({}, { alice: 'a', bob: 'b' });
    const alice = (await registered(url, 'alice', 'a'))!;
    const bob = (await registered(url, 'bob', 'b'))!;
    const bobHost = proxy.location.lookup('bob@127.0.0.1')[0]!.contact.uri.host;
    const messages: string[] = [];
    alice.on('newMessage', ({ originator, message }) => {
      if (originator === 'remote') messages.push(message.body);
    });
    const mallory = (await connect(url)) as WebSocket;
    const frames: string[] = [];
    mallory.on('message', (data) => frames.push(String(data)));
    const answer = (n: number) => frameWith(mallory, `Call-ID: m-${n}\r\n`);
    const spoofFrom = 'From: "bob" <sip:bob@127.0.0.1>;tag=m';
    let reply = answer(1);
    mallory.send(request('MESSAGE', 'sip:alice@127.0.0.1', 1, [spoofFrom]));
    expect(await reply).toMatch(/^SIP\/2\.0 407 /);
    reply = answer(2);
    mallory.send(request('MESSAGE', 'sip:alice@127.0.0.1', 2, [spoofFrom], ';tag=forged'));
    expect(await reply).toMatch(/^SIP\/2\.0 403 /);
    reply = answer(3);
    mallory.send(
      request('OPTIONS', 'sip:127.0.0.1', 3, [
        'From: <sip:Bob@127.0.0.1>;tag=m',
        `Contact: <sip:x@${bobHost};transport=ws>`,
      ]),
    );
    expect(await reply).toMatch(/^SIP\/2\.0 407 /);
    // A request for bob's contact host still reaches bob (whose UA answers 481: no such dialog).
    const probe = (await connect(url)) as WebSocket;
    const fromBob = frameWith(probe, 'Call-ID: m-4\r\n');
    probe.send(
      request(
        'BYE',
        `sip:bob@${bobHost};transport=ws`,
        4,
        ['From: <sip:x@127.0.0.1>;tag=x'],
        ';tag=y',
      ),
    );
    expect(await fromBob).toMatch(/^SIP\/2\.0 481 /);
    expect(frames.some((f) => f.startsWith('BYE '))).toBe(false);
    expect(messages).toEqual([]);
    // The real users still talk.
    const delivered = new Promise<string>((resolve) =>
      alice.once('newMessage', ({ message }) => resolve(message.body)),
    );
    expect((await bob.sendMessage('alice', 'hi')).ok).toBe(true);
    expect(await delivered).toBe('hi');
  });
});
