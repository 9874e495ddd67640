import type { UA } from '@sipkit/core';
import type { SipStore } from '../store/create-sip-store.js';
import { registrationState, type SipState } from '../store/sip-state.js';
import { storedDisplayName } from '../store/call-state.js';
import { addMessage } from '../store/sip-updates.js';
import { bindSessionToStore } from './bind-session-to-store.js';

/**
 * What the binder needs besides the UA and the store.
 *
 * @example bindUaToStore(ua, store, { maxMessages: () => 50, nextMessageId: () => crypto.randomUUID() })
 */
export interface BindOptions {
  /** How many messages the store keeps (read for each message, so it may change). */
  readonly maxMessages: () => number;
  /** A fresh message id (unique within the provider). */
  readonly nextMessageId: () => string;
}

/**
 * The one place where UA events become store updates: connection, registration, calls (through
 * `bindSessionToStore`) and incoming messages. Returns a function that removes every listener.
 *
 * Outgoing messages are recorded by the `sendMessage` action instead, because only the promise
 * that `ua.sendMessage` returns knows how each one ended.
 *
 * @example
 * const unbind = bindUaToStore(ua, store, { maxMessages: () => 100, nextMessageId: () => crypto.randomUUID() });
 * ua.start();
 */
export function bindUaToStore(ua: UA, store: SipStore, options: BindOptions): () => void {
  const set = (partial: Partial<SipState>): void => store.setState(partial);
  const sessions = new Set<() => void>();
  const offs = [
    ua.on('connecting', () => set({ connection: 'connecting' })),
    ua.on('connected', () => {
      set({ connection: 'connected', connectionFailure: undefined });
      // The UA registers by itself on every connection when `register` is on (the default).
      if (ua.configuration.register) markRegistering(store);
    }),
    ua.on('disconnected', ({ socket, error, code, reason }) =>
      set({
        connection: 'disconnected',
        connectionFailure: error ? { url: socket.url, code, reason } : undefined,
      }),
    ),
    ua.on('registered', () => set({ registration: registrationState('registered') })),
    ua.on('unregistered', ({ cause, response }) =>
      set({ registration: registrationState('unregistered', cause, response) }),
    ),
    ua.on('registrationFailed', ({ cause, response }) =>
      set({ registration: registrationState('failed', cause, response) }),
    ),
    ua.on('newRTCSession', ({ session }) => {
      const unbind = bindSessionToStore(session, store);
      sessions.add(unbind);
      const forget = (): void => void sessions.delete(unbind);
      session.once('ended', forget);
      session.once('failed', forget);
    }),
    ua.on('newMessage', ({ originator, message }) => {
      if (originator !== 'remote') return;
      store.setState((state) =>
        addMessage(
          state,
          {
            id: options.nextMessageId(),
            direction: 'incoming',
            from: {
              displayName: storedDisplayName(message.from.displayName),
              uri: message.from.uri,
            },
            to: { displayName: storedDisplayName(message.to.displayName), uri: message.to.uri },
            body: message.body,
            contentType: message.contentType,
            time: Date.now(),
            status: 'received',
            cause: undefined,
          },
          options.maxMessages(),
        ),
      );
    }),
  ];
  return () => {
    for (const off of offs) off();
    for (const unbind of sessions) unbind();
    sessions.clear();
  };
}

/**
 * A REGISTER is on its way (no core event says so): shown as `registering` with no cause.
 *
 * @example markRegistering(store); ua.register();
 */
export function markRegistering(store: SipStore): void {
  store.setState({ registration: registrationState('registering') });
}
