import type { Socket } from '@sipkit/core';
import type { VirtualLink } from './virtual-link.js';

type SocketState = 'disconnected' | 'connecting' | 'connected';

/** What a virtual socket needs from the network it belongs to. */
export interface VirtualSocketHost {
  readonly host: string;
  /**
   * Opens a link for this socket; `refused` when the server refuses connections, `no-answer`
   * when nothing answers at all (the attempt then hangs until the client gives up).
   */
  open(socket: VirtualSocket): VirtualLink | 'refused' | 'no-answer';
  /** The client closed `link` on purpose (after what it sent before was delivered). */
  closed(socket: VirtualSocket, link?: VirtualLink): void;
}

/**
 * A `Socket` whose wire is the in-memory network: a real UA runs over it unchanged. Connecting is
 * asynchronous, like a WebSocket handshake. `cut()` simulates a network failure.
 *
 * @example
 * const socket = network.createSocket();
 * const ua = new UA({ uri: 'sip:alice@sip.test', sockets: socket });
 */
export class VirtualSocket implements Socket {
  readonly via_transport = 'WS';
  readonly url: string;
  readonly sip_uri: string;
  onconnect: () => void = () => undefined;
  ondisconnect: (error: boolean, code?: number, reason?: string) => void = () => undefined;
  ondata: (data: string) => void = () => undefined;

  #state: SocketState = 'disconnected';
  #link: VirtualLink | undefined;
  #attempt = 0;

  constructor(
    readonly id: string,
    private readonly network: VirtualSocketHost,
  ) {
    this.url = `ws://${network.host}/${id}`;
    this.sip_uri = `sip:${network.host};transport=ws`;
  }

  connect(): void {
    if (this.#state !== 'disconnected') return;
    this.#state = 'connecting';
    const attempt = ++this.#attempt;
    queueMicrotask(() => {
      // A disconnect() while connecting abandons this attempt.
      if (attempt !== this.#attempt || this.#state !== 'connecting') return;
      const link = this.network.open(this);
      // A silent server: like a SYN into the void, the attempt neither opens nor fails.
      if (link === 'no-answer') return;
      if (link === 'refused') {
        this.#state = 'disconnected';
        this.ondisconnect(true, 1006, 'connection refused');
        return;
      }
      this.#link = link;
      this.#state = 'connected';
      this.onconnect();
    });
  }

  /** Closes cleanly, as a WebSocket's `close()`: what was sent before still reaches the server. */
  disconnect(): void {
    this.#attempt++;
    const wasConnected = this.#state === 'connected';
    this.#state = 'disconnected';
    const link = this.#link;
    this.#link = undefined;
    if (link === undefined) return;
    if (wasConnected) link.closeAfterSent(() => this.network.closed(this, link));
    else link.close();
  }

  send(message: string): boolean {
    if (this.#state !== 'connected' || this.#link === undefined) return false;
    this.#link.transmit('to-server', message);
    return true;
  }

  isConnected(): boolean {
    return this.#state === 'connected';
  }

  isConnecting(): boolean {
    return this.#state === 'connecting';
  }

  /** Called by the network when the link ends without the client asking for it. */
  lost(error: boolean, code: number, reason: string): void {
    if (this.#state !== 'connected') return;
    this.#state = 'disconnected';
    this.#link?.close();
    this.#link = undefined;
    this.ondisconnect(error, code, reason);
  }
}
