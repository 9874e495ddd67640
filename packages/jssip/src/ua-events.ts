import type { Cause, Socket } from '@sipkit/core';
import type { Message } from './message.js';
import type { RTCSession } from './rtc-session.js';
import type { IncomingRequestView, IncomingResponseView } from './sip-messages.js';

/**
 * Every UA event, by JsSIP's names, with JsSIP's payloads (requests and responses as
 * JsSIP-shaped views, sessions as `RTCSession`, messages as `Message`).
 *
 * @example ua.on('registrationFailed', ({ cause }) => console.log(cause));
 */
export interface UAEventMap {
  connecting: { readonly socket: Socket; readonly attempts: number };
  connected: { readonly socket: Socket };
  disconnected: {
    readonly socket: Socket;
    readonly error: boolean;
    readonly code: number | undefined;
    readonly reason: string | undefined;
  };
  registered: { readonly response: IncomingResponseView };
  unregistered: {
    readonly response: IncomingResponseView | IncomingRequestView | undefined;
    readonly cause: Cause | undefined;
  };
  registrationFailed: {
    readonly response: IncomingResponseView | IncomingRequestView | undefined;
    readonly cause: Cause;
  };
  /** With a listener, the app must call `ua.register()` itself to refresh (JsSIP's rule). */
  registrationExpiring: Record<string, never>;
  newRTCSession: {
    readonly originator: 'local' | 'remote';
    readonly session: RTCSession;
    readonly request: IncomingRequestView | undefined;
  };
  newMessage: {
    readonly originator: 'local' | 'remote';
    readonly message: Message;
    readonly request: IncomingRequestView | undefined;
  };
  newOptions: { readonly originator: 'remote'; readonly request: IncomingRequestView };
  /** An out-of-dialog SUBSCRIBE: make its notifier with `ua.notify(request, ...)` here, or it gets 489. */
  newSubscribe: { readonly event: JsSipEventHeader; readonly request: IncomingRequestView };
  /** A NOTIFY outside any subscription (answered 200). */
  sipEvent: { readonly event: JsSipEventHeader; readonly request: IncomingRequestView };
}

/** An Event header as JsSIP parses it: the package name and its parameters (`id`...). */
export interface JsSipEventHeader {
  readonly event: string;
  readonly params: Readonly<Record<string, string>>;
}
