import { afterEach, describe, expect, it, vi } from 'vitest';
import { matches } from './fault-plan.js';
import type { ServerConnection, SipServerEndpoint } from './server-connection.js';
import { SipNetwork } from './sip-network.js';

/** A server that records what it sees and echoes every message back as `echo:<message>`. */
function echoServer() {
  const events: string[] = [];
  const endpoint: SipServerEndpoint = {
    connectionOpened: (c: ServerConnection) => events.push(`open ${c.id}`),
    messageReceived: (c: ServerConnection, m: string) => {
      events.push(`recv ${c.id} ${m}`);
      c.send(`echo:${m}`);
    },
    connectionClosed: (c: ServerConnection) => events.push(`close ${c.id}`),
  };
  return { endpoint, events };
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function connectedSocket(network: SipNetwork, name: string) {
  const socket = network.createSocket(name);
  const received: string[] = [];
  const closes: Array<[boolean, number | undefined, string | undefined]> = [];
  socket.ondata = (m) => received.push(m);
  socket.ondisconnect = (error, code, reason) => closes.push([error, code, reason]);
  return { socket, received, closes };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('SipNetwork', () => {
  it('connects asynchronously and carries messages both ways in order', async () => {
    const { endpoint, events } = echoServer();
    const network = new SipNetwork({ endpoint });
    const { socket, received } = connectedSocket(network, 'alice');
    const connected = vi.fn();
    socket.onconnect = connected;
    socket.connect();
    expect(socket.isConnecting()).toBe(true);
    expect(socket.send('too early')).toBe(false);
    await flush();
    expect(connected).toHaveBeenCalledOnce();
    expect(socket.isConnected()).toBe(true);
    socket.send('one');
    socket.send('two');
    await flush();
    expect(received).toEqual(['echo:one', 'echo:two']);
    expect(events).toEqual(['open alice', 'recv alice one', 'recv alice two']);
    expect(network.traffic.entries().map((e) => `${e.direction} ${e.message}`)).toEqual([
      'to-server one',
      'to-server two',
      'to-client echo:one',
      'to-client echo:two',
    ]);
  });

  it('refuses connections while the server is down and accepts them after restart', async () => {
    const network = new SipNetwork({ endpoint: echoServer().endpoint });
    const { socket, closes } = connectedSocket(network, 'a');
    network.crash();
    socket.connect();
    await flush();
    expect(closes).toEqual([[true, 1006, 'connection refused']]);
    network.restart();
    socket.connect();
    await flush();
    expect(socket.isConnected()).toBe(true);
  });

  it('cut() closes abnormally, tells the server, and loses messages in flight', async () => {
    const { endpoint, events } = echoServer();
    const network = new SipNetwork({ endpoint });
    const { socket, received, closes } = connectedSocket(network, 'a');
    socket.connect();
    await flush();
    socket.send('in flight');
    network.cut(socket);
    await flush();
    expect(received).toEqual([]);
    expect(closes).toEqual([[true, 1006, 'connection lost']]);
    expect(events).toEqual(['open a', 'close a']);
    expect(network.openConnections).toBe(0);
  });

  it('disconnect() by the client does not report a disconnect back to it', async () => {
    const { endpoint, events } = echoServer();
    const network = new SipNetwork({ endpoint });
    const { socket, closes } = connectedSocket(network, 'a');
    socket.connect();
    await flush();
    socket.disconnect();
    expect(closes).toEqual([]);
    await flush();
    expect(events).toEqual(['open a', 'close a']);
    expect(socket.send('x')).toBe(false);
  });

  it('a clean disconnect() delivers what was sent before it, as a WebSocket close() does', async () => {
    const { endpoint, events } = echoServer();
    const network = new SipNetwork({ endpoint });
    const { socket } = connectedSocket(network, 'a');
    socket.connect();
    await flush();
    socket.send('BYE');
    socket.send('REGISTER');
    socket.disconnect();
    expect(socket.send('late')).toBe(false);
    await flush();
    expect(events).toEqual(['open a', 'recv a BYE', 'recv a REGISTER', 'close a']);
    expect(network.openConnections).toBe(0);
  });

  it('a server-side close reports a clean close to the client', async () => {
    let server: ServerConnection | undefined;
    const network = new SipNetwork({
      endpoint: {
        connectionOpened: (c) => (server = c),
        messageReceived: () => undefined,
        connectionClosed: () => undefined,
      },
    });
    const { socket, closes } = connectedSocket(network, 'a');
    socket.connect();
    await flush();
    server?.close();
    expect(closes).toEqual([[false, 1000, 'closed by server']]);
  });

  it('drops, duplicates and reorders matched messages', async () => {
    const { endpoint, events } = echoServer();
    const network = new SipNetwork({ endpoint });
    const { socket } = connectedSocket(network, 'a');
    socket.connect();
    await flush();
    network.faults.drop(matches.request('BYE'), { times: 1, direction: 'to-server' });
    network.faults.duplicate(matches.request('INFO'), { direction: 'to-server' });
    network.faults.reorder(matches.request('ACK'), { direction: 'to-server', times: 1 });
    socket.send('BYE sip:x SIP/2.0');
    socket.send('BYE sip:y SIP/2.0');
    socket.send('INFO sip:x SIP/2.0');
    socket.send('ACK sip:x SIP/2.0');
    socket.send('OPTIONS sip:x SIP/2.0');
    await flush();
    expect(events.filter((e) => e.startsWith('recv')).map((e) => e.slice(7))).toEqual([
      'BYE sip:y SIP/2.0',
      'INFO sip:x SIP/2.0',
      'INFO sip:x SIP/2.0',
      'OPTIONS sip:x SIP/2.0',
      'ACK sip:x SIP/2.0',
    ]);
    expect(network.traffic.requestsSent('BYE').map((e) => e.fate)).toEqual([
      'dropped',
      'delivered',
    ]);
  });

  it('delays matched messages on the injected clock', async () => {
    vi.useFakeTimers();
    const { endpoint, events } = echoServer();
    const network = new SipNetwork({ endpoint });
    const { socket } = connectedSocket(network, 'a');
    socket.connect();
    await vi.advanceTimersByTimeAsync(0);
    network.faults.delay(2000, matches.response(200, 299), { direction: 'to-server' });
    socket.send('SIP/2.0 200 OK');
    await vi.advanceTimersByTimeAsync(1999);
    expect(events).toEqual(['open a']);
    await vi.advanceTimersByTimeAsync(1);
    expect(events).toEqual(['open a', 'recv a SIP/2.0 200 OK']);
  });
});

describe('SipNetwork.silence()', () => {
  it('open connections carry nothing and stay open; new attempts neither open nor fail', async () => {
    vi.useFakeTimers();
    const { endpoint, events } = echoServer();
    const network = new SipNetwork({ endpoint });
    const { socket, received, closes } = connectedSocket(network, 'a');
    socket.connect();
    await vi.advanceTimersByTimeAsync(0);
    network.silence();
    expect(socket.send('lost')).toBe(true);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(received).toEqual([]);
    expect(closes).toEqual([]);
    expect(socket.isConnected()).toBe(true);
    expect(network.traffic.entries().map((e) => e.fate)).toEqual(['dropped']);

    const late = connectedSocket(network, 'b');
    const opened = vi.fn();
    late.socket.onconnect = opened;
    late.socket.connect();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(late.socket.isConnecting()).toBe(true);
    expect(opened).not.toHaveBeenCalled();
    expect(late.closes).toEqual([]);
    expect(events).toEqual(['open a']);

    // The client gives up; after restart() a new attempt opens.
    late.socket.disconnect();
    network.restart();
    late.socket.connect();
    await vi.advanceTimersByTimeAsync(0);
    expect(late.socket.isConnected()).toBe(true);
  });
});
