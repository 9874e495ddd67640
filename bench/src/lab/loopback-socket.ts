/**
 * A socket with the shape both SipKit and JsSIP accept (`via_transport`, `url`, `sip_uri`,
 * `connect`/`disconnect`/`send`, `onconnect`/`ondisconnect`/`ondata`; SipKit's `Socket` was made
 * to match JsSIP's), wired straight to a peer in the same process. Every delivery is one
 * microtask later, as on the in-memory network, but nothing is logged: the network's traffic log
 * keeps the last 10,000 messages, and the memory benchmark would count them as the library's heap.
 */
export interface LoopbackPeer {
  opened(socket: LoopbackSocket): void;
  received(socket: LoopbackSocket, message: string): void;
  closed(socket: LoopbackSocket): void;
}

export class LoopbackSocket {
  readonly via_transport = 'WS';
  readonly url: string;
  readonly sip_uri = 'sip:peer.test;transport=ws';
  onconnect: () => void = () => undefined;
  ondisconnect: (error: boolean, code?: number, reason?: string) => void = () => undefined;
  ondata: (data: string) => void = () => undefined;
  readonly #peer: LoopbackPeer;
  #state: 'closed' | 'connecting' | 'open' = 'closed';

  constructor(peer: LoopbackPeer, name: string) {
    this.#peer = peer;
    this.url = `ws://peer.test/${name}`;
  }

  connect(): void {
    if (this.#state !== 'closed') return;
    this.#state = 'connecting';
    queueMicrotask(() => {
      if (this.#state !== 'connecting') return;
      this.#state = 'open';
      this.#peer.opened(this);
      this.onconnect();
    });
  }

  disconnect(): void {
    const wasOpen = this.#state === 'open';
    this.#state = 'closed';
    if (wasOpen) this.#peer.closed(this);
  }

  send(message: string): boolean {
    if (this.#state !== 'open') return false;
    queueMicrotask(() => this.#peer.received(this, message));
    return true;
  }

  /** The peer's side: deliver a message to the UA. */
  deliver(message: string): void {
    queueMicrotask(() => {
      if (this.#state === 'open') this.ondata(message);
    });
  }

  isConnected(): boolean {
    return this.#state === 'open';
  }

  isConnecting(): boolean {
    return this.#state === 'connecting';
  }
}
