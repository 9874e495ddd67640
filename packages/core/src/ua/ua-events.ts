import type { IncomingResponse } from '../message/index.js';
import type { RegistrationEvents } from '../registration/registrator.js';
import type { Socket } from '../transport/index.js';

/**
 * Everything a UA reports, by event name, with JsSIP's names and payload shapes so existing
 * listeners keep working. Call and message events join this map as those features land.
 *
 * @example
 * ua.on('registered', ({ response }) => console.log('registered', response.status));
 */
export interface UAEvents extends RegistrationEvents {
  connecting: { readonly socket: Socket; readonly attempts: number };
  connected: { readonly socket: Socket };
  disconnected: {
    readonly socket: Socket;
    readonly error: boolean;
    readonly code: number | undefined;
    readonly reason: string | undefined;
  };
  /** A response arrived that matched no transaction; it is dropped (RFC 3261 §8.1.3.1). */
  strayResponse: { readonly response: IncomingResponse };
}
