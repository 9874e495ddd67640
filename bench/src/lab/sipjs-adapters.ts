import {
  EmitterImpl,
  TransportState,
  type BodyAndContentType,
  type SessionDescriptionHandler,
  type Transport,
} from 'sip.js';
import type { Socket } from '@sipkit/core';
import { audioSdp } from './sip-text.js';

/** What the SIP.js UserAgent hands our transport: `transportOptions`. */
export interface LoopbackTransportOptions {
  readonly socket: Socket;
}

/**
 * SIP.js's `Transport` over a JsSIP-shaped socket (loopback or the in-memory network's): SIP.js takes a transport class
 * (`transportConstructor`) where JsSIP and SipKit take a socket object.
 */
export class LoopbackTransport implements Transport {
  readonly protocol = 'WS';
  state: TransportState = TransportState.Disconnected;
  readonly stateChange = new EmitterImpl<TransportState>();
  onConnect: (() => void) | undefined;
  onDisconnect: ((error?: Error) => void) | undefined;
  onMessage: ((message: string) => void) | undefined;
  readonly #socket: Socket;

  constructor(_logger: unknown, options: LoopbackTransportOptions) {
    this.#socket = options.socket;
    this.#socket.ondata = (data) => this.onMessage?.(data);
  }

  connect(): Promise<void> {
    return new Promise((resolve) => {
      this.#socket.onconnect = () => {
        this.#transition(TransportState.Connected);
        this.onConnect?.();
        resolve();
      };
      this.#transition(TransportState.Connecting);
      this.#socket.connect();
    });
  }

  disconnect(): Promise<void> {
    this.#socket.disconnect();
    this.#transition(TransportState.Disconnected);
    this.onDisconnect?.();
    return Promise.resolve();
  }

  dispose(): Promise<void> {
    return this.disconnect();
  }

  isConnected(): boolean {
    return this.state === TransportState.Connected;
  }

  send(message: string): Promise<void> {
    return this.#socket.send(message)
      ? Promise.resolve()
      : Promise.reject(new Error('loopback socket is not open'));
  }

  #transition(state: TransportState): void {
    this.state = state;
    this.stateChange.emit(state);
  }
}

let sessions = 0;

/** SIP.js's media hook, faked: the same fixed audio SDP the other libraries' fakes produce. */
export class FakeSessionDescriptionHandler implements SessionDescriptionHandler {
  readonly #sdp = audioSdp(++sessions);
  remote: string | undefined;

  close(): void {}

  getDescription(): Promise<BodyAndContentType> {
    return Promise.resolve({ body: this.#sdp, contentType: 'application/sdp' });
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  setDescription(sdp: string): Promise<void> {
    this.remote = sdp;
    return Promise.resolve();
  }

  sendDtmf(): boolean {
    return false;
  }
}
