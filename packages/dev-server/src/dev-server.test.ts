import {
  buildPresence,
  parseMessageSummary,
  parsePresence,
  publisher,
  subscriptions,
  UA,
  WebSocketInterface,
  type Subscriber,
} from '@sipkit/core';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  DEFAULT_DEV_SERVER_LIMITS,
  DevServerUsageError,
  parseDevServerArgs,
  parseMessageWaiting,
  parseUsers,
} from './dev-server-options.js';
import { startDevServer } from './dev-server.js';

describe('parseDevServerArgs', () => {
  it('has loopback defaults and reads every option', () => {
    expect(parseDevServerArgs([])).toEqual({
      host: '127.0.0.1',
      port: 5062,
      users: {},
      verbose: true,
    });
    expect(parseDevServerArgs(['--port', '6000', '--users=alice:a,bob:b:c', '--quiet'])).toEqual({
      host: '127.0.0.1',
      port: 6000,
      users: { alice: 'a', bob: 'b:c' },
      verbose: false,
    });
    expect(parseDevServerArgs(['--help'])).toBe('help');
  });

  it('refuses bad input with a usage error', () => {
    expect(() => parseDevServerArgs(['--port', 'x'])).toThrow(DevServerUsageError);
    expect(() => parseDevServerArgs(['--port'])).toThrow(/needs a value/);
    expect(() => parseDevServerArgs(['--bogus', '1'])).toThrow(/unknown option --bogus/);
    expect(() => parseUsers('alice')).toThrow(/user:password/);
    expect(() => parseUsers(':pw')).toThrow(DevServerUsageError);
  });

  it('reads the allowed origins and every limit, and refuses bad values', () => {
    const options = parseDevServerArgs([
      '--allow-origin',
      'http://192.168.1.5:5173,https://dev.example',
      '--allow-origin=*',
      '--max-connections=100',
      '--max-connections-per-ip',
      '8',
      '--idle-timeout',
      '5',
      '--max-message-bytes',
      '65536',
      '--max-contacts-per-aor',
      '3',
      '--max-registrations',
      '50',
      '--max-pending-per-connection',
      '4',
    ]);
    expect(options).toMatchObject({
      allowOrigins: ['http://192.168.1.5:5173', 'https://dev.example', '*'],
      limits: {
        maxConnections: 100,
        maxConnectionsPerIp: 8,
        idleTimeoutMs: 5000,
        maxMessageBytes: 65536,
        maxContactsPerAor: 3,
        maxRegistrations: 50,
        maxPendingPerConnection: 4,
      },
    });
    expect(() => parseDevServerArgs(['--allow-origin', 'http://a.example/path'])).toThrow(
      /--allow-origin expects origins/,
    );
    expect(() => parseDevServerArgs(['--allow-origin', 'evil'])).toThrow(DevServerUsageError);
    expect(() => parseDevServerArgs(['--idle-timeout', '0'])).toThrow(/at least 1/);
    expect(() => parseDevServerArgs(['--max-connections', '1.5'])).toThrow(/whole number/);
    expect(() => parseDevServerArgs(['--max-message-bytes', '300000'])).toThrow(/262144/);
    expect(DEFAULT_DEV_SERVER_LIMITS.maxMessageBytes).toBe(262_144);
  });

  it('reads voicemail counts (--mwi) and the presence agent limits', () => {
    const options = parseDevServerArgs([
      '--mwi',
      'alice=2/5,bob=0/1',
      '--mwi=carol=3/0',
      '--max-subscriptions',
      '100',
      '--max-subscriptions-per-connection=4',
      '--max-publications',
      '9',
    ]);
    expect(options).toMatchObject({
      messageWaiting: {
        alice: { new: 2, old: 5 },
        bob: { new: 0, old: 1 },
        carol: { new: 3, old: 0 },
      },
      limits: { maxSubscriptions: 100, maxSubscriptionsPerConnection: 4, maxPublications: 9 },
    });
    expect(() => parseMessageWaiting('alice=2')).toThrow(/user=new\/old/);
    expect(() => parseMessageWaiting('alice=-1/0')).toThrow(DevServerUsageError);
    expect(DEFAULT_DEV_SERVER_LIMITS).toMatchObject({
      maxSubscriptions: 1024,
      maxSubscriptionsPerConnection: 32,
      maxPublications: 1024,
    });
  });
});

describe('startDevServer', () => {
  it('registers a UA over a real WebSocket and logs one line per message', async () => {
    const lines: string[] = [];
    const server = await startDevServer(
      { host: '127.0.0.1', port: 0, users: { alice: 'secret' }, verbose: true },
      (line) => lines.push(line),
    );
    const ua = new UA({
      uri: 'sip:alice@127.0.0.1',
      password: 'secret',
      sockets: new WebSocketInterface(server.url, { WebSocket }),
    });
    const registered = new Promise<void>((resolve) => ua.once('registered', () => resolve()));
    ua.start();
    await registered;
    await ua.stop();
    await server.close();
    // Register and unregister, each challenged once (401) and then authorized.
    const received = lines.filter((l) => l.startsWith('> ')).map((l) => l.split(' ')[2]);
    expect(received).toEqual(['REGISTER', 'REGISTER', 'REGISTER', 'REGISTER']);
    expect(lines.filter((l) => / 401 /.test(l))).toHaveLength(2);
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
  });
});

describe('startDevServer: presence agent', () => {
  /** The next NOTIFY body a subscriber gets. */
  const nextNotify = (subscriber: Subscriber) =>
    new Promise<string>((resolve) => subscriber.once('notify', ({ body }) => resolve(body ?? '')));

  it('serves one publish, subscribe and notify round, and message waiting set at run time', async () => {
    const server = await startDevServer({
      host: '127.0.0.1',
      port: 0,
      users: {},
      verbose: false,
      messageWaiting: { bob: { new: 2, old: 5 } },
    });
    const ua = (user: string) =>
      new UA({
        uri: `sip:${user}@127.0.0.1`,
        sockets: new WebSocketInterface(server.url, { WebSocket }),
      });
    const alice = ua('alice');
    const bob = ua('bob');
    try {
      for (const phone of [alice, bob]) {
        const registered = new Promise<void>((resolve) =>
          phone.once('registered', () => resolve()),
        );
        phone.start();
        await registered;
      }
      const watcher = subscriptions(bob).subscribe(
        'sip:alice@127.0.0.1',
        'presence',
        'application/pidf+xml',
      );
      const first = nextNotify(watcher);
      watcher.subscribe();
      expect(parsePresence(await first).basic).toBe('open'); // registered, nothing published

      const published = nextNotify(watcher);
      await publisher(alice, 'sip:alice@127.0.0.1', 'presence').publish(
        buildPresence({ entity: 'sip:alice@127.0.0.1', open: true, activities: ['away'] }),
      );
      expect(parsePresence(await published).activities).toEqual(['away']);

      const mailbox = subscriptions(bob).subscribe(
        'sip:bob@127.0.0.1',
        'message-summary',
        'application/simple-message-summary',
      );
      const counts = nextNotify(mailbox);
      mailbox.subscribe();
      expect(parseMessageSummary(await counts)).toMatchObject({
        waiting: true,
        voice: { new: 2, old: 5 },
      });
      const changed = nextNotify(mailbox);
      server.setMessageWaiting('bob', { new: 0, old: 7 });
      expect(parseMessageSummary(await changed)).toMatchObject({
        waiting: false,
        voice: { new: 0, old: 7 },
      });
    } finally {
      await Promise.all([alice.stop(), bob.stop()]);
      await server.close();
    }
  });
});

describe('startDevServer: hostile clients (issue 19)', () => {
  /** Opens a raw client; resolves with the socket, or with the HTTP status the upgrade got. */
  const connect = (url: string, origin?: string) =>
    new Promise<WebSocket | number>((resolve, reject) => {
      const socket = new WebSocket(url, 'sip', origin === undefined ? {} : { origin });
      socket.once('open', () => resolve(socket));
      socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.once('error', reject);
    });

  it('refuses a foreign page, applies --allow-origin and limits, and logs refusals even when quiet', async () => {
    const lines: string[] = [];
    const server = await startDevServer(
      {
        host: '127.0.0.1',
        port: 0,
        users: {},
        verbose: false,
        allowOrigins: ['https://phone.example'],
        limits: { maxConnectionsPerIp: 2 },
      },
      (line) => lines.push(line),
    );
    try {
      expect(await connect(server.url, 'https://evil.example')).toBe(403);
      const page = (await connect(server.url, 'https://phone.example')) as WebSocket;
      const tool = (await connect(server.url)) as WebSocket;
      // A frame the parser refuses (NUL in a quoted From), from each allowed client: answered
      // with a 400 naming the header, and the server lives on.
      for (const [i, socket] of [page, tool].entries()) {
        const answer = new Promise<string>((resolve) =>
          socket.once('message', (data) => resolve(String(data))),
        );
        socket.send(
          `OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/WS t.invalid;branch=z9hG4bKt${i}\r\n` +
            'Max-Forwards: 70\r\nFrom: "a\0b" <sip:t@127.0.0.1>;tag=t\r\nTo: <sip:127.0.0.1>\r\n' +
            `Call-ID: t${i}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n`,
        );
        expect(await answer).toMatch(/^SIP\/2\.0 400 /);
        // A refused frame is not SIP spoken: a valid request makes the connection a real client.
        const ok = new Promise<string>((resolve) =>
          socket.once('message', (data) => resolve(String(data))),
        );
        socket.send(
          `OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/WS t.invalid;branch=z9hG4bKok${i}\r\n` +
            'Max-Forwards: 70\r\nFrom: <sip:t@127.0.0.1>;tag=t\r\nTo: <sip:127.0.0.1>\r\n' +
            `Call-ID: ok${i}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n`,
        );
        expect(await ok).toMatch(/^SIP\/2\.0 200 /);
      }
      // Both speak SIP: a third connection from this address is over the limit.
      expect(await connect(server.url, 'http://127.0.0.1:5173')).toBe(503);
      for (const socket of [page, tool]) socket.close();
      expect(lines.some((l) => l.includes('Origin https://evil.example not allowed'))).toBe(true);
      expect(lines.some((l) => l.includes('maxConnectionsPerIp'))).toBe(true);
      expect(lines.some((l) => l.startsWith('> '))).toBe(false); // quiet: no per-message lines
    } finally {
      await server.close();
    }
  });
});
