import type { Cause, Identity, RequestResult } from '@sipkit/core';
import { EventEmitter } from './event-emitter.js';
import { NotSupportedError } from './exceptions.js';
import { NameAddrHeader } from './name-addr-header.js';
import { viewOf, type IncomingRequestView, type IncomingResponseView } from './sip-messages.js';

/** Events of a MESSAGE or OPTIONS we sent. */
export interface MessageEventMap {
  succeeded: { readonly originator: 'remote'; readonly response: IncomingResponseView };
  failed: {
    readonly originator: 'remote' | 'system';
    readonly response: IncomingResponseView | undefined;
    readonly cause: Cause;
  };
}

/** JsSIP-style `eventHandlers` of `sendMessage` / `sendOptions`. */
export type MessageEventHandlers = {
  readonly [K in keyof MessageEventMap]?: (event: MessageEventMap[K]) => void;
};

/**
 * A SIP MESSAGE (RFC 3428), sent (`ua.sendMessage` returns it, `newMessage` shows it) or
 * received (`newMessage` with `originator: 'remote'`), with JsSIP's shape. Also used for
 * `ua.sendOptions` (JsSIP's `Options` has the same face).
 *
 * @example
 * const message = ua.sendMessage('bob', 'hi');
 * message.on('failed', ({ cause }) => console.log(cause));
 */
export class Message extends EventEmitter<MessageEventMap> {
  readonly direction: 'outgoing' | 'incoming';
  readonly local_identity: NameAddrHeader;
  readonly remote_identity: NameAddrHeader;
  /** The body sent or received. */
  readonly body: string;
  readonly content_type: string;
  /** The received request (incoming messages). */
  readonly request: IncomingRequestView | undefined;
  data: Record<string, unknown> = {};
  #inProgress: boolean;

  /** @internal */
  constructor(init: {
    readonly direction: 'outgoing' | 'incoming';
    readonly local: Identity;
    readonly remote: Identity;
    readonly body: string;
    readonly contentType: string;
    readonly request?: IncomingRequestView;
    readonly eventHandlers?: MessageEventHandlers;
  }) {
    super();
    this.direction = init.direction;
    this.local_identity = NameAddrHeader.fromIdentity(init.local);
    this.remote_identity = NameAddrHeader.fromIdentity(init.remote);
    this.body = init.body;
    this.content_type = init.contentType;
    this.request = init.request;
    this.#inProgress = init.direction === 'outgoing';
    for (const [event, handler] of Object.entries(init.eventHandlers ?? {})) {
      this.on(event as keyof MessageEventMap, handler as (payload: unknown) => void);
    }
  }

  /** True while a MESSAGE we sent has no final answer yet. */
  isInProgress(): boolean {
    return this.#inProgress;
  }

  /**
   * For an incoming MESSAGE: SipKit has already answered it 200 OK when `newMessage` fires, so
   * this only confirms (kept so JsSIP code that calls it runs unchanged).
   */
  accept(): void {
    if (this.direction !== 'incoming')
      throw new NotSupportedError('accept() is for received messages');
  }

  /** SipKit answers incoming MESSAGEs 200 before the app sees them, so they cannot be rejected. */
  reject(): never {
    throw new NotSupportedError(
      'SipKit answers a received MESSAGE with 200 OK before newMessage fires; it cannot be rejected afterwards',
    );
  }

  /** @internal Reports the outcome of the request this object stands for. */
  settle(result: RequestResult): void {
    this.#inProgress = false;
    if (result.ok)
      this.emit('succeeded', { originator: 'remote', response: viewOf(result.response) });
    else
      this.emit('failed', {
        originator: result.response === undefined ? 'system' : 'remote',
        response: result.response === undefined ? undefined : viewOf(result.response),
        cause: result.cause,
      });
  }
}
