import { UA, WebSocketInterface } from '@sipkit/core';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DevServerUsageError, parseDevServerArgs, parseUsers } from './dev-server-options.js';
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
