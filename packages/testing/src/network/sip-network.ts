import { systemClock, type Clock } from '@sipkit/core';
import { FaultPlan } from './fault-plan.js';
import type { ServerConnection, SipServerEndpoint } from './server-connection.js';
import { TrafficLog } from './traffic-log.js';
import { VirtualLink } from './virtual-link.js';
import { VirtualSocket, type VirtualSocketHost } from './virtual-socket.js';

export interface SipNetworkOptions {
  /** The server every virtual socket connects to (e.g. a `SipProxyServer`). */
  readonly endpoint: SipServerEndpoint;
  /** Host name the sockets claim to reach (default `sip.test`). */
  readonly host?: string;
  /** Timers for delayed messages; default the global ones (so Vitest fake timers apply). */
  readonly clock?: Clock;
}

interface Connection {
  readonly socket: VirtualSocket;
  readonly link: VirtualLink;
  readonly server: ServerConnection;
}

/**
 * An in-memory SIP network: virtual WebSocket connections from UAs to one server, with a traffic
 * log and fault injection. No sockets, no ports, fully deterministic.
 *
 * @example
 * const network = new SipNetwork({ endpoint: new SipProxyServer({ domain: 'sip.test' }) });
 * const alice = new UA({ uri: 'sip:alice@sip.test', sockets: network.createSocket('alice') });
 * network.faults.drop(matches.response(200), { times: 1 });
 */
export class SipNetwork implements VirtualSocketHost {
  readonly host: string;
  readonly faults = new FaultPlan();
  readonly traffic = new TrafficLog();
  readonly #endpoint: SipServerEndpoint;
  readonly #clock: Clock;
  readonly #connections = new Map<VirtualSocket, Connection>();
  #online = true;
  #silent = false;
  /** Clients whose own network is down (`unplug`): their attempts are refused. */
  readonly #unplugged = new Set<VirtualSocket>();
  #socketCount = 0;
  #nextPort = 40_000;

  constructor(options: SipNetworkOptions) {
    this.#endpoint = options.endpoint;
    this.host = options.host ?? 'sip.test';
    this.#clock = options.clock ?? systemClock;
  }

  /** A new socket for a UA; `name` makes traffic logs readable (default `s1`, `s2`, ...). */
  createSocket(name?: string): VirtualSocket {
    this.#socketCount++;
    return new VirtualSocket(name ?? `s${this.#socketCount}`, this);
  }

  /** Connections open now (for assertions that a UA let go of its socket). */
  get openConnections(): number {
    return this.#connections.size;
  }

  /** Cuts a socket's connection as a network failure would: the client sees an abnormal close. */
  cut(socket: VirtualSocket): void {
    const connection = this.#connections.get(socket);
    if (connection === undefined) return;
    this.#drop(connection);
    socket.lost(true, 1006, 'connection lost');
  }

  /** Takes the server down (every connection cut, new ones refused) until `restart()`. */
  crash(): void {
    this.#online = false;
    for (const socket of [...this.#connections.keys()]) this.cut(socket);
  }

  /**
   * Makes the server vanish silently, as a host whose packets are dropped does: open connections
   * stay open but carry nothing either way, and new connection attempts get no answer at all
   * (neither open nor refused). Only a client-side timeout (keep-alive, connect timeout) notices.
   * `restart()` ends the silence for new connections.
   */
  silence(): void {
    this.#silent = true;
    for (const connection of this.#connections.values()) connection.link.mute();
  }

  /**
   * Takes one client's own network away (an interface that went down, a laptop lid closed): its
   * connection is cut (the client sees an abnormal close) or, with `silently`, left open but
   * carrying nothing either way (the interface vanished without the socket noticing); its new
   * attempts are refused until `plugIn()`. Other clients are not affected.
   */
  unplug(socket: VirtualSocket, options: { readonly silently?: boolean } = {}): void {
    this.#unplugged.add(socket);
    if (options.silently === true) this.#connections.get(socket)?.link.mute();
    else this.cut(socket);
  }

  /** Gives an unplugged client its network back: its next attempt connects. */
  plugIn(socket: VirtualSocket): void {
    this.#unplugged.delete(socket);
  }

  restart(): void {
    this.#online = true;
    this.#silent = false;
  }

  open(socket: VirtualSocket): VirtualLink | 'refused' | 'no-answer' {
    if (this.#silent) return 'no-answer';
    if (!this.#online || this.#unplugged.has(socket)) return 'refused';
    const server = this.#serverSide(socket);
    const link = new VirtualLink(
      socket.id,
      {
        'to-server': (message) => {
          // RFC 5626 §4.4.1, as the WebSocket host does: a CRLF CRLF ping gets a CRLF pong.
          if (message === '\r\n\r\n') return void link.transmit('to-client', '\r\n');
          this.#endpoint.messageReceived(server, message);
        },
        'to-client': (message) => socket.ondata(message),
      },
      this.faults,
      this.traffic,
      this.#clock,
    );
    this.#connections.set(socket, { socket, link, server });
    this.#endpoint.connectionOpened(server);
    return link;
  }

  closed(socket: VirtualSocket, link?: VirtualLink): void {
    const connection = this.#connections.get(socket);
    // A socket that already connected again has a new link: the old one's close leaves it be.
    if (connection !== undefined && (link === undefined || connection.link === link)) {
      this.#drop(connection);
    }
  }

  #drop(connection: Connection): void {
    this.#connections.delete(connection.socket);
    connection.link.close();
    this.#endpoint.connectionClosed(connection.server);
  }

  #serverSide(socket: VirtualSocket): ServerConnection {
    const port = this.#nextPort++;
    return {
      id: socket.id,
      remoteAddress: '127.0.0.1',
      remotePort: port,
      send: (message) => {
        const connection = this.#connections.get(socket);
        if (connection === undefined || !connection.link.isOpen) return false;
        connection.link.transmit('to-client', message);
        return true;
      },
      close: () => {
        const connection = this.#connections.get(socket);
        if (connection === undefined) return;
        this.#drop(connection);
        socket.lost(false, 1000, 'closed by server');
      },
    };
  }
}
