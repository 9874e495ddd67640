import {
  ConfigurationError as SipKitConfigurationError,
  SECRET_PARAMETERS,
  subscriptions,
  UA as SipKitUA,
  type IncomingRequest,
  type NotifierOptions,
  type Session,
  type SubscriberOptions,
  type UAConfiguration,
  type UALogger,
  type UAOptions,
} from '@sipkit/core';
import { debugLogger } from './debug.js';
import { EventEmitter } from './event-emitter.js';
import { ConfigurationError, NotReadyError } from './exceptions.js';
import { Message, type MessageEventHandlers } from './message.js';
import { RTCSession, type JsSipTerminateOptions, type SessionDirectory } from './rtc-session.js';
import type { RTCSessionEventMap } from './rtc-session-events.js';
import { URI } from './uri.js';
import { normalizeTarget } from './utils.js';
import { jssipCallOptions, type JsSipCallOptions } from './call-options.js';
import type { UAEventMap } from './ua-events.js';
import { Notifier } from './notifier.js';
import { Subscriber } from './subscriber.js';
import { viewOf, type IncomingRequestView } from './sip-messages.js';

/** JsSIP's numeric UA states (`UA.C`). */
const UA_STATUS = Object.freeze({
  STATUS_INIT: 0,
  STATUS_READY: 1,
  STATUS_USER_CLOSED: 2,
  STATUS_NOT_READY: 3,
  CONFIGURATION_ERROR: 1,
  NETWORK_ERROR: 2,
});

/**
 * JsSIP's `UA` over SipKit's: the same configuration object (SipKit implements JsSIP's
 * configuration contract), JsSIP's methods, return values and events. The optional second
 * argument takes SipKit's runtime options (logger, media handler factory, timers).
 *
 * @example
 * const ua = new JsSIP.UA({ uri: 'sip:alice@example.com', password: 'secret',
 *   sockets: [new JsSIP.WebSocketInterface('wss://sip.example.com')] });
 * ua.on('newRTCSession', ({ session }) => session.answer());
 * ua.start();
 */
export class UA extends EventEmitter<UAEventMap> {
  static readonly C = UA_STATUS;
  readonly C = UA_STATUS;
  readonly #ua: SipKitUA;
  readonly #logger: UALogger;
  readonly #sessions = new Map<Session, RTCSession>();
  readonly #waitingForOutgoing: Array<(session: RTCSession) => void> = [];
  #pendingCall: JsSipCallOptions | undefined;
  #pendingMessage: Message | undefined;
  #userClosed = false;

  constructor(configuration: UAConfiguration, options: UAOptions = {}) {
    super();
    this.#logger = options.logger ?? debugLogger();
    try {
      this.#ua = new SipKitUA(configuration, { ...options, logger: this.#logger });
    } catch (error) {
      if (error instanceof SipKitConfigurationError) {
        const secret = (SECRET_PARAMETERS as readonly string[]).includes(error.parameter);
        const value = secret
          ? undefined
          : (configuration as unknown as Record<string, unknown>)[error.parameter];
        throw new ConfigurationError(error.parameter, value, error.message);
      }
      throw error;
    }
    this.#bridge();
  }

  /** The SipKit UA behind this one (for code that moves on to SipKit's API). */
  get sipkit(): SipKitUA {
    return this.#ua;
  }

  /** The validated configuration (secrets show as `[redacted]`). */
  get configuration(): SipKitUA['configuration'] {
    return this.#ua.configuration;
  }

  /** Completes a target in this UA's domain, as `call()` does; undefined when it is not a SIP address. */
  normalizeTarget(target: string): URI | undefined {
    return normalizeTarget(target, URI.parse(this.#ua.configuration.uri)?.host);
  }

  /** One of `UA.C` (JsSIP's numeric states). */
  get status(): number {
    const status = this.#ua.status;
    if (status === 'ready') return UA_STATUS.STATUS_INIT;
    if (status === 'started')
      return this.#ua.isConnected() ? UA_STATUS.STATUS_READY : UA_STATUS.STATUS_NOT_READY;
    return this.#userClosed ? UA_STATUS.STATUS_USER_CLOSED : UA_STATUS.STATUS_NOT_READY;
  }

  start(): void {
    this.#userClosed = false;
    this.#ua.start();
  }

  /** Ends calls, unregisters and disconnects; resolves when done (JsSIP returns nothing). */
  stop(): Promise<void> {
    this.#userClosed = true;
    return this.#ua.stop();
  }

  register(): void {
    this.#ua.register();
  }

  unregister(
    options: { readonly all?: boolean; readonly extraHeaders?: readonly string[] } = {},
  ): void {
    this.#ua.unregister(options);
  }

  /** The registrator: `setExtraHeaders()` / `setExtraContactParams()` shape the next REGISTERs. */
  registrator(): ReturnType<SipKitUA['registrator']> {
    return this.#ua.registrator();
  }

  isRegistered(): boolean {
    return this.#ua.isRegistered();
  }

  isConnected(): boolean {
    return this.#ua.isConnected();
  }

  /**
   * A configuration parameter's value (JsSIP's `get`): `ha1` and `authorization_jwt` come back
   * as given, `password` never does (undefined).
   */
  get(parameter: string): unknown {
    return this.#ua.get(parameter as Parameters<SipKitUA['get']>[0]);
  }

  /** Changes a parameter JsSIP allows changing at run time; false when it cannot be changed. */
  set(parameter: string, value: unknown): boolean {
    return this.#ua.set(parameter as Parameters<SipKitUA['set']>[0], value as never);
  }

  /**
   * Calls `target` and returns the RTCSession (`newRTCSession` has fired with it already).
   * Throws `NotReadyError` when the UA is not started.
   */
  call(target: string, options: JsSipCallOptions = {}): RTCSession {
    if (this.#ua.status !== 'started')
      throw new NotReadyError(`cannot call: the UA is ${this.#ua.status}`);
    this.#pendingCall = options;
    try {
      return this.#wrap(this.#ua.call(target, jssipCallOptions(options)));
    } finally {
      this.#pendingCall = undefined;
    }
  }

  /** Sends a MESSAGE (RFC 3428) and returns it; its `succeeded`/`failed` events tell the outcome. */
  sendMessage(
    target: string,
    body: string,
    options: {
      readonly contentType?: string;
      readonly extraHeaders?: readonly string[];
      readonly eventHandlers?: MessageEventHandlers;
    } = {},
  ): Message {
    const contentType = options.contentType ?? 'text/plain';
    const message = new Message({
      direction: 'outgoing',
      local: { displayName: undefined, uri: this.#ua.configuration.uri },
      remote: { displayName: undefined, uri: target },
      body,
      contentType,
      ...(options.eventHandlers === undefined ? {} : { eventHandlers: options.eventHandlers }),
    });
    this.#pendingMessage = message;
    try {
      const sent = this.#ua.sendMessage(target, body, {
        contentType,
        ...(options.extraHeaders === undefined ? {} : { extraHeaders: options.extraHeaders }),
      });
      void sent
        .then((result) => message.settle(result))
        .catch((error: unknown) => this.#reportError('ua: a message listener threw', error));
    } finally {
      this.#pendingMessage = undefined;
    }
    return message;
  }

  /** Sends an OPTIONS (RFC 3261 §11); the returned object reports `succeeded` / `failed`. */
  sendOptions(
    target: string,
    body?: string,
    options: {
      readonly extraHeaders?: readonly string[];
      readonly eventHandlers?: MessageEventHandlers;
    } = {},
  ): Message {
    const request = new Message({
      direction: 'outgoing',
      local: { displayName: undefined, uri: this.#ua.configuration.uri },
      remote: { displayName: undefined, uri: target },
      body: body ?? '',
      contentType: 'application/sdp',
      ...(options.eventHandlers === undefined ? {} : { eventHandlers: options.eventHandlers }),
    });
    const sent = this.#ua.sendOptions(
      target,
      options.extraHeaders === undefined ? {} : { extraHeaders: options.extraHeaders },
    );
    void sent
      .then((result) => request.settle(result))
      .catch((error: unknown) => this.#reportError('ua: an options listener threw', error));
    return request;
  }

  /** Ends every call (JsSIP's `terminateSessions`). */
  /**
   * A subscriber (RFC 6665) to `eventName` at `target` (JsSIP's `ua.subscribe`); call
   * `subscribe()` on it. `params` (From/To overrides) is not supported and ignored; an `expires`
   * that is not a positive whole number falls back to 900, as in JsSIP.
   *
   * @example ua.subscribe('bob', 'presence', 'application/pidf+xml').subscribe();
   */
  subscribe(
    target: string,
    eventName: string,
    accept: string,
    options: JsSipSubscriberOptions = {},
  ): Subscriber {
    const { expires, contentType, allowEvents, extraHeaders } = options;
    const core: SubscriberOptions = {
      ...(typeof expires === 'number' && Number.isInteger(expires) && expires > 0
        ? { expires }
        : {}),
      ...(contentType === undefined ? {} : { contentType }),
      ...(allowEvents === undefined ? {} : { allowEvents }),
      ...(extraHeaders === undefined ? {} : { extraHeaders }),
    };
    return new Subscriber(subscriptions(this.#ua).subscribe(target, eventName, accept, core));
  }

  /**
   * The notifier for the SUBSCRIBE of a `newSubscribe` event (JsSIP's `ua.notify`): create it in
   * the listener, then `start()` and `notify(body)`. A SUBSCRIBE no listener takes gets 489.
   *
   * @example ua.on('newSubscribe', ({ request }) => { const n = ua.notify(request, 'text/plain'); n.start(); n.notify('hi'); });
   */
  notify(
    subscribe: IncomingRequestView,
    contentType: string,
    options: NotifierOptions = {},
  ): Notifier {
    const request = subscribe.sipkit as IncomingRequest;
    return new Notifier(subscriptions(this.#ua).notify(request, contentType, options));
  }

  terminateSessions(options: JsSipTerminateOptions = {}): void {
    this.#ua.terminateSessions(options);
  }

  #wrap(session: Session): RTCSession {
    let wrapped = this.#sessions.get(session);
    if (wrapped === undefined) {
      wrapped = new RTCSession(session, this.#directory);
      this.#sessions.set(session, wrapped);
      const forget = (): void => void this.#sessions.delete(session);
      session.once('ended', forget);
      session.once('failed', forget);
    }
    return wrapped;
  }

  readonly #directory: SessionDirectory = {
    wrap: (session) => this.#wrap(session),
    find: (id) => [...this.#sessions.values()].find((session) => session.id === id),
    nextOutgoing: (callback) => void this.#waitingForOutgoing.push(callback),
    reportError: (message, error) => this.#reportError(message, error),
  };

  #reportError(message: string, error: unknown): void {
    this.#logger.error(message, error);
  }

  #bridge(): void {
    const ua = this.#ua;
    ua.on('connecting', (payload) => this.emit('connecting', payload));
    ua.on('connected', (payload) => this.emit('connected', payload));
    ua.on('disconnected', (payload) => this.emit('disconnected', payload));
    ua.on('registered', ({ response }) => this.emit('registered', { response: viewOf(response) }));
    ua.on('unregistered', ({ response, cause }) =>
      this.emit('unregistered', { response: viewOf(response), cause }),
    );
    ua.on('registrationFailed', ({ response, cause }) =>
      this.emit('registrationFailed', { response: viewOf(response), cause }),
    );
    ua.on('newRTCSession', ({ originator, session, request }) => {
      const wrapped = this.#wrap(session);
      if (originator === 'local') this.#attachCallOptions(wrapped);
      this.emit('newRTCSession', { originator, session: wrapped, request: viewOf(request) });
    });
    ua.on('newMessage', ({ originator, message, request }) => {
      const jssip =
        originator === 'local' && this.#pendingMessage !== undefined
          ? this.#pendingMessage
          : new Message({
              direction: 'incoming',
              local: message.to,
              remote: message.from,
              body: message.body,
              contentType: message.contentType,
              ...(request === undefined ? {} : { request: viewOf(request) }),
            });
      this.emit('newMessage', { originator, message: jssip, request: viewOf(request) });
    });
    ua.on('newOptions', ({ originator, request }) =>
      this.emit('newOptions', { originator, request: viewOf(request) }),
    );
    const expiring = this.#bridgeExpiring();
    const subscriptionEvents = this.#bridgeSubscriptionEvents();
    this.onListenersChanged(() => {
      expiring();
      subscriptionEvents();
    });
  }

  /**
   * `newSubscribe` and `sipEvent` turn SipKit's subscriptions on for this UA when first listened
   * to (from then on SUBSCRIBE and NOTIFY are in Allow), so an app that never uses them pays
   * nothing. JsSIP's payload: `{ event: { event, params }, request }`.
   */
  #bridgeSubscriptionEvents(): () => void {
    let bridged = false;
    return () => {
      if (bridged) return;
      if (this.listenerCount('newSubscribe') === 0 && this.listenerCount('sipEvent') === 0) return;
      bridged = true;
      subscriptions(this.#ua);
      const jssipEvent = ({ type, params }: { type: string; params: Record<string, string> }) => ({
        event: type,
        params,
      });
      this.#ua.on('newSubscribe', ({ event, request }) =>
        this.emit('newSubscribe', { event: jssipEvent(event), request: viewOf(request) }),
      );
      this.#ua.on('sipEvent', ({ event, request }) =>
        this.emit('sipEvent', { event: jssipEvent(event), request: viewOf(request) }),
      );
    };
  }

  /** `eventHandlers` and `data` of `call()` go on before `newRTCSession` listeners run (as in JsSIP). */
  #attachCallOptions(session: RTCSession): void {
    const options = this.#pendingCall;
    if (options !== undefined) {
      for (const [event, handler] of Object.entries(options.eventHandlers ?? {})) {
        session.on(event as keyof RTCSessionEventMap, handler as (payload: unknown) => void);
      }
      if (options.data !== undefined) session.data = { ...options.data };
    }
    // A transfer we accepted (refer `accept(initCallback)`) hands its new call to the callback.
    this.#waitingForOutgoing.shift()?.(session);
  }

  /**
   * `registrationExpiring` is bridged only while the app listens: with a listener, the app
   * refreshes the registration itself (JsSIP's rule, which SipKit's registrator follows).
   */
  #bridgeExpiring(): () => void {
    let unsubscribe: (() => void) | undefined;
    return () => {
      const listening = this.listenerCount('registrationExpiring') > 0;
      if (listening && unsubscribe === undefined) {
        unsubscribe = this.#ua.on('registrationExpiring', () =>
          this.emit('registrationExpiring', {}),
        );
      } else if (!listening && unsubscribe !== undefined) {
        unsubscribe();
        unsubscribe = undefined;
      }
    };
  }
}

/** `ua.subscribe` options, as JsSIP takes them. */
export interface JsSipSubscriberOptions {
  readonly expires?: number;
  readonly contentType?: string;
  readonly allowEvents?: string;
  /** JsSIP's From/To overrides: not supported, ignored. */
  readonly params?: Record<string, unknown>;
  readonly extraHeaders?: string[];
}
