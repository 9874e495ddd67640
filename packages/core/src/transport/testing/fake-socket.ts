import type { Socket } from '../socket.js';

/**
 * A scripted {@link Socket} for unit tests: `connect()` only records the call (unless
 * `refuseOnConnect`), and the test decides what happens with `accept()`, `refuse()`, `drop()` and
 * `receive()`.
 */
export class FakeSocket implements Socket {
  readonly via_transport = 'WS';
  readonly sip_uri: string;
  onconnect: () => void = () => undefined;
  ondisconnect: (error: boolean, code?: number, reason?: string) => void = () => undefined;
  ondata: (data: string) => void = () => undefined;

  connectCalls = 0;
  disconnectCalls = 0;
  readonly sent: string[] = [];
  /** When set, `connect()` fails synchronously by calling `ondisconnect(true, 1006)`. */
  refuseOnConnect = false;
  private connected = false;
  private connecting = false;

  constructor(readonly url: string) {
    this.sip_uri = `sip:${new URL(url).host};transport=ws`;
  }

  connect(): void {
    this.connectCalls += 1;
    this.connecting = true;
    if (this.refuseOnConnect) this.refuse();
  }

  disconnect(): void {
    this.disconnectCalls += 1;
    this.connected = false;
    this.connecting = false;
  }

  send(message: string): boolean {
    if (!this.connected) return false;
    this.sent.push(message);
    return true;
  }

  isConnected(): boolean {
    return this.connected;
  }

  isConnecting(): boolean {
    return this.connecting;
  }

  /** The server accepted the connection. */
  accept(): void {
    this.connecting = false;
    this.connected = true;
    this.onconnect();
  }

  /** The connection attempt failed. */
  refuse(): void {
    this.connecting = false;
    this.ondisconnect(true, 1006, 'refused');
  }

  /** An open connection was lost. */
  drop(code = 1006): void {
    this.connected = false;
    this.ondisconnect(code !== 1000, code, 'dropped');
  }

  /** A frame arrived. */
  receive(data: string): void {
    this.ondata(data);
  }
}

/** A random source that replays `values` in a loop. */
export function sequence(...values: number[]): () => number {
  let index = 0;
  return () => {
    const value = values[index % values.length] ?? 0;
    index += 1;
    return value;
  };
}
