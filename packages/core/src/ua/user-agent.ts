import { BearerCredentials, DigestCredentials, redactSipMessage } from '../auth/index.js';
import {
  formatUri,
  parseMessage,
  SipParseError,
  type IncomingRequest,
  type IncomingResponse,
  type OutgoingResponse,
} from '../message/index.js';
import {
  Registrator,
  type RegistrationSettings,
  type UnregisterOptions,
} from '../registration/registrator.js';
import { TransactionLayer, type ServerTransaction } from '../transaction/index.js';
import { transactionTimers } from '../transaction/timers.js';
import {
  silentLogger,
  systemClock,
  Transport,
  TransportError,
  TypedEmitter,
  type Listener,
  type TransportOptions,
} from '../transport/index.js';
import { recoveryDelay } from '../transport/recovery-delay.js';
import { resolveTransportOptions } from '../transport/transport-options.js';
import { AuthenticatingChannel } from './authenticating-channel.js';
import { InvalidOptionError } from './invalid-option-error.js';
import type { CallFeature, CallFeatureFactory } from './call-feature.js';
import type {
  ConfigurationSecrets,
  NormalizedConfiguration,
  UAConfiguration,
} from './configuration.js';
import { LocalIdentity } from './local-identity.js';
import {
  browserNetwork,
  NETWORK_PROBE_TIMEOUT_MS,
  reactToNetwork,
  type NetworkChange,
} from './network-watch.js';
import { NetworkChangeBurst } from './network-burst.js';
import { Causes } from './causes.js';
import { optionsKeepAlive } from './options-keep-alive.js';
import { browserPageLifecycle, type PageTransition } from './page-lifecycle.js';
import { malformedRequestAnswer } from './malformed-request.js';
import { missingCredentialsNamed } from './missing-credentials.js';
import { checkContentType, checkExtraHeaders } from './option-checks.js';
import { normalizeConfiguration } from './normalize-configuration.js';
import type {
  ExtensionParts,
  UserAgentExtension,
  UserAgentExtensionFactory,
} from './user-agent-extension.js';
import {
  identityOf,
  sendOutOfDialog,
  type OutOfDialogRequestOptions,
  type RequestResult,
  type SendMessageOptions,
} from './out-of-dialog-request.js';
import { registerTagTrail } from './register-tag-trail.js';
import { RequestFactory } from './request-factory.js';
import {
  isSettableParameter,
  nextBearer,
  readParameter,
  withParameter,
  type ReadableParameter,
  type ReadableValues,
  type SettableParameter,
  type SettableValues,
} from './runtime-parameters.js';
import { normalizeTarget } from './target.js';
import {
  badRequestReason,
  checkRequest,
  NON_CALL_METHODS,
  SUPPORTED_EXTENSIONS,
} from './request-policy.js';
import type { UAEvents } from './ua-events.js';
import type { UALogger, UAOptions } from './ua-options.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** Where the UA is in its life. */
export type UAStatus = 'ready' | 'started' | 'stopping' | 'stopped';

/**
 * A SIP user agent over WebSocket without calls: connection, registration, MESSAGE and OPTIONS,
 * configured exactly like JsSIP's `UA`. Apps that never call use it so that their bundle leaves
 * out sessions, media and SDP handling; `UA` is this plus calls. INVITEs get 405.
 *
 * Construction only validates and prepares: nothing connects until `start()`, so creating one
 * during a server render or a React render is harmless.
 *
 * @example
 * const agent = new UserAgent({ uri: 'sip:alice@example.com', sockets: new WebSocketInterface('wss://sip.example.com'), password: 'secret' });
 * agent.on('newMessage', ({ message }) => console.log(message.body));
 * agent.start();
 */
export class UserAgent {
  #configuration: NormalizedConfiguration;
  /** What the app passed (with `set()` changes): `set()` validates the whole of it again. */
  #input: UAConfiguration;
  #secrets: ConfigurationSecrets;
  readonly #events: TypedEmitter<UAEvents>;
  readonly #options: UAOptions;
  readonly #logger: UALogger;
  #credentials: DigestCredentials | undefined;
  #bearer: BearerCredentials | undefined;
  readonly #callFeature: CallFeatureFactory | undefined;
  #layers: UserAgentLayers | undefined;
  #status: UAStatus = 'ready';
  /** Stops watching the network (set while started). */
  #unwatchNetwork: (() => void) | undefined;
  /** Stops watching `pagehide` / `pageshow` (set from `start()` to `stop()`). */
  #unwatchPage: (() => void) | undefined;
  /** Stopped by a `pagehide` into the back/forward cache: the `pageshow` back starts again. */
  #resumeOnShow = false;
  /** Subscriptions and other capabilities the app installed (`extend`); empty for most apps. */
  readonly #extensions: UserAgentExtension[] = [];
  #everConnected = false;

  /** @internal `calls` is how `UA` adds calls; a user agent without them leaves it out. */
  constructor(configuration: UAConfiguration, options: UAOptions = {}, calls?: CallFeatureFactory) {
    const { configuration: normalized, secrets } = normalizeConfiguration(configuration);
    this.#configuration = normalized;
    this.#input = configuration;
    this.#secrets = secrets;
    this.#options = options;
    this.#logger = options.logger ?? silentLogger;
    this.#events = new TypedEmitter<UAEvents>((error, event) =>
      this.#logger.error(
        DEV ? `ua: a "${event}" listener threw` : `ua.listener-threw ua ${event}`,
        error,
      ),
    );
    this.#bearer =
      secrets.authorization_jwt === null
        ? undefined
        : new BearerCredentials(secrets.authorization_jwt);
    this.#credentials = digestCredentials(normalized, secrets);
    this.#callFeature = calls;
    // The layers are built on first use, but bad options must fail here, as a JsSIP UA's do.
    try {
      resolveTransportOptions(this.#transportOptions());
    } catch (error) {
      // Named as the caller wrote it: UAOptions.connectTimeout, not the transport's connect_timeout.
      const option =
        error instanceof TransportError ? TRANSPORT_OPTION_NAMES[error.parameter ?? ''] : undefined;
      if (option !== undefined) throw new InvalidOptionError(option[0], option[1]);
      throw error;
    }
    if (![undefined, 'crlf', 'options'].includes(options.keepAliveMethod)) {
      throw new InvalidOptionError(
        'keepAliveMethod',
        DEV ? "must be 'crlf' or 'options'" : 'option.keep-alive-method',
      );
    }
    if (![undefined, true, false].includes(options.endCallsOnUnload)) {
      throw new InvalidOptionError(
        'endCallsOnUnload',
        DEV ? 'must be true or false' : 'option.not-boolean',
      );
    }
    transactionTimers(options.timers);
    const recovery = options.callRecoveryTimeout;
    if (recovery !== undefined && !(Number.isFinite(recovery) && recovery >= 0)) {
      throw new InvalidOptionError(
        'callRecoveryTimeout',
        DEV ? 'must be a number of seconds, 0 or more' : `option.seconds ${recovery}`,
      );
    }
  }

  /**
   * Transport, transactions, registration, calls: built when first needed (`start()`, a
   * request), so a UA that is only configured holds its configuration and little more.
   */
  #built(): UserAgentLayers {
    if (this.#layers !== undefined) return this.#layers;
    const normalized = this.configuration;
    // RFC 5768 §4.2: only a UA that takes calls (and so does ICE) says `+sip.ice`.
    const identity = new LocalIdentity(normalized, { ice: this.#callFeature !== undefined });
    const transport = this.#createTransport();
    const factory = new RequestFactory(identity, normalized, this.#bearer, () => ({
      viaTransport: transport.via_transport,
      serverSipUri: transport.sip_uri,
    }));
    const channel = new AuthenticatingChannel(
      () => layers.transactions,
      this.#credentials,
      (m) => this.#logger.warn(`auth: ${m}`),
    );
    const registrator = new Registrator({
      channel,
      factory,
      identity,
      registrar: normalized.registrar_server,
      expires: normalized.register_expires,
      clock: this.#options.clock ?? systemClock,
      events: missingCredentialsNamed(
        this.#events,
        () => this.#credentials !== undefined || this.#bearer !== undefined,
      ),
      // A REGISTER nobody answered is retried with the reconnection backoff (issue 19).
      retryDelay: (attempt) =>
        recoveryDelay(
          attempt,
          {
            min: normalized.connection_recovery_min_interval,
            max: normalized.connection_recovery_max_interval,
          },
          this.#options.random ?? Math.random,
        ),
      isConnected: () => transport.isConnected(),
      fromTagTrail: () =>
        registerTagTrail(this.#configuration.register_from_tag_trail, (m) =>
          this.#logger.warn(`registrator: ${m}`),
        ),
    });
    const layers: UserAgentLayers = {
      identity,
      transport,
      transactions: this.#createTransactionLayer(transport),
      factory,
      channel,
      registrator,
      calls: undefined,
    };
    this.#layers = layers;
    // The calls get the parts an extension gets (one object, built in one place).
    layers.calls = this.#callFeature?.(this.#extensionParts(layers));
    return layers;
  }

  /** The validated configuration with defaults; secrets show as `[redacted]`. */
  get configuration(): NormalizedConfiguration {
    return this.#configuration;
  }

  get status(): UAStatus {
    return this.#status;
  }

  /**
   * @internal Live SIP transactions (client and server). For leak tests and diagnostics: after
   * every request has been answered and its timers have run, this is back to 0.
   */
  get transactionCount(): number {
    return this.#layers?.transactions.size ?? 0;
  }

  /**
   * Changes a credential or the display name while the UA lives (JsSIP's `ua.set`): the next
   * request, REGISTER refresh or challenge answer uses it. Returns false, with a warning in the
   * log, for a parameter that cannot change at run time or a value it does not accept (the
   * warning names the parameter, never a secret's value).
   *
   * @example ua.set('password', newPassword); ua.register();
   */
  set<K extends SettableParameter>(parameter: K, value: SettableValues[K]): boolean {
    if (!isSettableParameter(parameter)) {
      this.#logger.warn(
        DEV
          ? `ua: set(): "${String(parameter)}" cannot be changed at run time`
          : `ua.set-not-settable ${String(parameter)}`,
      );
      return false;
    }
    try {
      const { input, validated } = withParameter(this.#input, parameter, value);
      const { configuration, secrets } = validated;
      const credentials = digestCredentials(configuration, secrets);
      const bearer = nextBearer(
        this.#bearer,
        secrets.authorization_jwt,
        this.#layers !== undefined,
      );
      this.#layers?.channel.setCredentials(credentials);
      if (this.#layers !== undefined)
        this.#layers.identity.displayName = configuration.display_name;
      this.#input = input;
      this.#configuration = configuration;
      this.#secrets = secrets;
      this.#credentials = credentials;
      this.#bearer = bearer;
      return true;
    } catch (error) {
      const why = (error as Error).message;
      this.#logger.warn(
        DEV
          ? `ua: set(): "${parameter}" not changed: ${why}`
          : `ua.set-refused ${parameter}: ${why}`,
      );
      return false;
    }
  }

  /**
   * A configuration parameter's current value (JsSIP's `ua.get`); `password` is never returned.
   *
   * @example const ha1 = ua.get('ha1'); // keep it instead of the password
   */
  get<K extends ReadableParameter>(parameter: K): ReadableValues[K] {
    return readParameter(this.#configuration, this.#secrets, parameter);
  }

  /** Connects, and registers once connected when `register` is true. */
  start(): void {
    if (this.#status === 'started') return;
    if (this.#status !== 'ready' && this.#status !== 'stopped') {
      throw new Error(
        DEV ? `cannot start a UA that is ${this.#status}` : `ua.start-when ${this.#status}`,
      );
    }
    const layers = this.#built();
    if (this.#status === 'stopped') {
      layers.transactions = this.#createTransactionLayer(layers.transport);
      layers.registrator.reopen();
    }
    this.#status = 'started';
    this.#resumeOnShow = false;
    const network = this.#options.network === undefined ? browserNetwork() : this.#options.network;
    if (network) {
      // A burst of changes (Wi-Fi to mobile data fires several) is one reconnection.
      const burst = new NetworkChangeBurst(this.#options.clock ?? systemClock, (change) =>
        this.#networkChanged(change),
      );
      const unwatch = network.watch((change) => burst.receive(change));
      this.#unwatchNetwork = () => {
        unwatch();
        burst.stop();
      };
    }
    const page =
      this.#options.pageLifecycle === undefined
        ? browserPageLifecycle()
        : this.#options.pageLifecycle;
    if (this.#options.endCallsOnUnload !== false) {
      this.#unwatchPage ??= page?.watch((transition) => this.#pageTransition(transition));
    }
    layers.transport.connect();
  }

  /**
   * Unregisters (waiting at most `stopTimeout` for the answer), ends every transaction, closes the
   * connection and clears every timer. When the promise settles nothing of this UA is pending.
   */
  async stop(): Promise<void> {
    this.#unwatchPage?.();
    this.#unwatchPage = undefined;
    this.#resumeOnShow = false;
    if (this.#status !== 'started') return;
    const { registrator, transport } = this.#stopping();
    if (transport.isConnected()) {
      // RFC 6665 §4.1.2.3: subscriptions end (Expires: 0) before the un-REGISTER, so the
      // notifiers' final NOTIFYs still find our contact at the registrar.
      const extensions = this.#extensions;
      await this.#withinStopTimeout(
        extensions.length === 0
          ? registrator.close()
          : Promise.all(extensions.map((e) => e.close())).then(() => registrator.close()),
      );
    }
    this.#stopped();
  }

  /** The first half of a stop: no more network reactions, every call ended (RFC 3261 §15, §9). */
  #stopping(): UserAgentLayers {
    const layers = this.#built();
    this.#status = 'stopping';
    this.#unwatchNetwork?.();
    this.#unwatchNetwork = undefined;
    layers.calls?.terminateAll();
    return layers;
  }

  /** The second half: nothing of this UA left pending, the connection closed. */
  #stopped(): void {
    const { registrator, transactions, transport } = this.#built();
    for (const extension of this.#extensions) extension.discard();
    registrator.connectionLost();
    transactions.stop();
    transport.disconnect();
    this.#status = 'stopped';
  }

  /**
   * `pagehide`: the page is going (closed, reloaded, navigated away) and nothing scheduled will
   * run again, so `stop()`'s waits are pointless. Every goodbye goes on the wire within this
   * event: BYE, CANCEL or 480 for each call, un-SUBSCRIBEs, and the un-REGISTER with the
   * credentials prepared for it (a 401 could not be answered any more). `WebSocket.send` queues
   * synchronously and the browser sends what was queued before closing the socket. A page that
   * goes into the back/forward cache (`persisted`) is stopped the same way: its media and
   * signalling freeze, so a call kept would be a dead call for the far end, and an incoming call
   * would ring a page that cannot answer. It starts again when the page is shown again.
   */
  #pageTransition({ type, persisted }: PageTransition): void {
    if (type === 'show') {
      if (persisted && this.#resumeOnShow && this.#status === 'stopped') this.start();
      return;
    }
    if (this.#status !== 'started') return;
    const { registrator } = this.#stopping();
    for (const extension of this.#extensions) extension.close().catch(() => undefined);
    registrator.leave();
    this.#stopped();
    this.#resumeOnShow = persisted;
  }

  register(): void {
    this.#built().registrator.register();
  }

  /**
   * What an app may change about this UA's REGISTERs (JsSIP's `ua.registrator()`): extra headers
   * and extra Contact parameters, used from the next REGISTER on (e.g. push notification
   * parameters, RFC 8599, set before `start()` or followed by `register()`).
   *
   * @example
   * ua.registrator().setExtraContactParams({ 'pn-provider': 'fcm', 'pn-prid': token });
   * ua.start();
   */
  registrator(): RegistrationSettings {
    const registrator = this.#built().registrator;
    return {
      setExtraHeaders: (headers) => registrator.setExtraHeaders(headers),
      setExtraContactParams: (params) => registrator.setExtraContactParams(params),
    };
  }

  /** Unregisters this UA's contact, or every binding of the AOR with `{ all: true }`. */
  unregister(options: UnregisterOptions = {}): void {
    checkExtraHeaders(options.extraHeaders);
    void this.#built().registrator.unregister(options);
  }

  isConnected(): boolean {
    return this.#layers?.transport.isConnected() ?? false;
  }

  isRegistered(): boolean {
    return this.#layers?.registrator.registered ?? false;
  }

  /**
   * Sends an instant message (RFC 3428) and resolves with how it went; JsSIP's `eventHandlers`
   * are called too. Throws `InvalidTargetError` for a target that is not a SIP address and
   * `InvalidOptionError` for a `contentType` or `extraHeaders` that cannot go out.
   *
   * @example const result = await ua.sendMessage('bob', 'hello'); if (!result.ok) console.log(result.cause);
   */
  sendMessage(
    target: string,
    body: string,
    options: SendMessageOptions = {},
  ): Promise<RequestResult> {
    const contentType = checkContentType(options.contentType ?? 'text/plain', 'contentType');
    checkExtraHeaders(options.extraHeaders);
    const { identity, channel, factory } = this.#built();
    const ruri = normalizeTarget(target, identity.aor.host);
    this.#events.emit('newMessage', {
      originator: 'local',
      message: {
        from: { displayName: identity.displayName ?? undefined, uri: this.configuration.uri },
        to: { displayName: undefined, uri: ruri },
        body,
        contentType,
      },
      request: undefined,
    });
    return sendOutOfDialog(channel, factory, 'MESSAGE', ruri, {
      ...options,
      body,
      contentType,
    });
  }

  /** Asks a peer what it supports (RFC 3261 §11): resolves with its 200 or the failure. */
  sendOptions(target: string, options: OutOfDialogRequestOptions = {}): Promise<RequestResult> {
    checkExtraHeaders(options.extraHeaders);
    const { identity, channel, factory } = this.#built();
    const ruri = normalizeTarget(target, identity.aor.host);
    return sendOutOfDialog(channel, factory, 'OPTIONS', ruri, options);
  }

  /** Replaces the bearer token sent with every request (RFC 8898), e.g. after a refresh. */
  setAuthorizationJwt(token: string): void {
    if (this.#bearer === undefined)
      throw new Error(
        DEV ? 'the UA was configured without authorization_jwt' : 'ua.no-authorization-jwt',
      );
    this.#bearer.update(token);
  }

  /**
   * Installs a capability that is not part of every UA (subscriptions, `subscription/`) and
   * returns it. Apps do not call this: the capability's own entry does (e.g. `subscriptions(ua)`),
   * so a UA whose app never asks carries none of its code.
   *
   * @example const feature = ua.extend((parts) => new SubscriptionFeature(parts));
   */
  extend<E extends UserAgentExtension>(factory: UserAgentExtensionFactory<E>): E {
    const extension = factory(this.#extensionParts(this.#built()));
    this.#extensions.push(extension);
    return extension;
  }

  on<K extends keyof UAEvents>(event: K, listener: Listener<UAEvents[K]>): () => void {
    return this.#events.on(event, listener);
  }

  once<K extends keyof UAEvents>(event: K, listener: Listener<UAEvents[K]>): () => void {
    return this.#events.once(event, listener);
  }

  off<K extends keyof UAEvents>(event: K, listener: Listener<UAEvents[K]>): void {
    this.#events.off(event, listener);
  }

  #transportOptions(): TransportOptions {
    return {
      connection_recovery_min_interval: this.configuration.connection_recovery_min_interval,
      connection_recovery_max_interval: this.configuration.connection_recovery_max_interval,
      keep_alive_interval: this.#options.keepAliveInterval ?? 0,
      keep_alive_timeout: this.#options.keepAliveTimeout,
      keep_alive_ping:
        this.#options.keepAliveMethod === 'options'
          ? optionsKeepAlive(
              this.configuration.registrar_server,
              () => this.#built().factory,
              () => this.#built().transactions,
            )
          : undefined,
      connect_timeout: this.#options.connectTimeout,
      clock: this.#options.clock ?? systemClock,
      logger: this.#logger,
      random: this.#options.random,
    };
  }

  /** What the calls and every extension are lent: the same parts, built once here. */
  #extensionParts(layers: UserAgentLayers): ExtensionParts {
    const { identity, transport, factory, channel } = layers;
    return {
      configuration: this.configuration,
      options: this.#options,
      logger: this.#logger,
      identity,
      factory,
      channel,
      events: this.#events,
      transactions: () => layers.transactions,
      via: () => `SIP/2.0/${transport.via_transport} ${identity.viaHost}`,
      send: (message) => transport.send(message),
      started: () => this.#status === 'started',
      probe: (reason, timeout = NETWORK_PROBE_TIMEOUT_MS) => transport.probe(timeout, reason),
      isConnected: () => transport.isConnected(),
      allowedMethods: () => this.#allowedMethods(),
    };
  }

  #createTransport(): Transport {
    const transport = new Transport(this.configuration.sockets, this.#transportOptions());
    transport.on('connecting', ({ socket, attempt }) =>
      this.#events.emit('connecting', { socket, attempts: attempt }),
    );
    transport.on('attempt', (payload) => this.#events.emit('connectionAttempt', payload));
    transport.on('connected', ({ socket }) => this.#connected(socket));
    transport.on('disconnected', (payload) => this.#disconnected(payload));
    transport.on('data', ({ data }) => this.#received(data));
    // A REGISTER nobody answered on an open connection: the server vanished silently after we
    // connected (packets dropped). With another server to go to, waiting on that flow helps no
    // one: the next server, now. (With one, the REGISTER is retried with the backoff.)
    this.#events.on('registrationFailed', ({ response, cause }) => {
      const silent = response === undefined && cause === Causes.REQUEST_TIMEOUT;
      if (silent && transport.isConnected() && transport.sockets.length > 1)
        transport.reconnect('REGISTER got no answer', true);
    });
    return transport;
  }

  #networkChanged(change: NetworkChange): void {
    if (this.#status !== 'started') return;
    const { transport, calls } = this.#built();
    this.#logger.debug(`ua: network ${change}`);
    this.#events.emit('networkChange', { change });
    reactToNetwork(change, transport);
    calls?.networkChanged(change);
  }

  #createTransactionLayer(transport: Transport): TransactionLayer {
    return new TransactionLayer({
      send: (message) => {
        this.#logger.debug(`sip: sending\n${redactSipMessage(message)}`);
        return transport.send(message);
      },
      clock: this.#options.clock ?? systemClock,
      timers: this.#options.timers,
    });
  }

  #connected(socket: UAEvents['connected']['socket']): void {
    this.#events.emit('connected', { socket });
    if (this.#status !== 'started') return;
    if (this.configuration.register) this.register();
    else this.#layers?.registrator.reconnected();
    if (this.#everConnected) for (const extension of this.#extensions) extension.reconnected();
    this.#everConnected = true;
  }

  #disconnected(payload: UAEvents['disconnected']): void {
    const { transactions, registrator } = this.#built();
    transactions.connectionLost();
    registrator.connectionLost();
    this.#events.emit('disconnected', payload);
  }

  #received(data: string): void {
    let message: IncomingRequest | IncomingResponse;
    try {
      message = parseMessage(data);
    } catch (error) {
      if (!(error instanceof SipParseError)) throw error;
      this.#logger.warn(
        DEV ? `sip: malformed message: ${error.message}` : `ua.malformed ${error.message}`,
      );
      return this.#rejectMalformed(data, error);
    }
    this.#logger.debug(`sip: received\n${redactSipMessage(data)}`);
    const { transactions } = this.#built();
    if (message.kind === 'response') {
      if (transactions.receiveResponse(message) === undefined) {
        this.#events.emit('strayResponse', { response: message });
      }
      return;
    }
    // While stopping, only the final NOTIFYs of the subscriptions we are ending get in (RFC 6665
    // §4.1.2.3): answered, they spare the notifier a 32 s wait.
    const finalNotify = message.method === 'NOTIFY' && message.to.tag !== undefined;
    if (this.#status !== 'started' && !(this.#status === 'stopping' && finalNotify)) return;
    if (transactions.receiveRequest(message) !== undefined) return;
    this.#newRequest(message);
  }

  // A request we cannot parse still gets its 400 when it can be routed back (malformed-request.ts).
  #rejectMalformed(data: string, error: SipParseError): void {
    if (this.#status !== 'started') return;
    const { factory, transport } = this.#built();
    const reply = malformedRequestAnswer(data, error, factory);
    if (reply === undefined) return;
    this.#logger.debug(`sip: sending\n${redactSipMessage(reply)}`);
    transport.send(reply);
  }

  #newRequest(request: IncomingRequest): void {
    const { calls, transactions } = this.#built();
    if (request.method === 'ACK') return calls?.receiveAck(request);
    if (request.method === 'CANCEL') return this.#cancel(request);
    const transaction = transactions.createServerTransaction(request);
    try {
      this.#dispatch(request, transaction);
    } catch (error) {
      if (!(error instanceof SipParseError)) throw error;
      // A header read on demand (Contact, Record-Route, Refer-To...) was malformed: answer 400
      // naming it. Left unanswered, the transaction and the caller would wait forever.
      this.#logger.warn(
        DEV
          ? `sip: ${request.method} refused: ${error.message}`
          : `ua.request-refused ${request.method} ${error.message}`,
      );
      this.#respond(transaction, request, 400, badRequestReason(error));
    }
  }

  #dispatch(request: IncomingRequest, transaction: ServerTransaction): void {
    const { calls } = this.#built();
    const rejection = checkRequest(request, this.#allowedMethods());
    if (rejection !== undefined) {
      return this.#respond(
        transaction,
        request,
        rejection.status,
        rejection.reason,
        rejection.headers,
      );
    }
    if (request.to.tag !== undefined) {
      // RFC 3261 §12.2.2: a request inside a dialog we do not know.
      if (calls?.receiveInDialog(request, transaction) === true) return;
      if (!this.#offerToExtensions(request, transaction)) this.#respond(transaction, request, 481);
      return;
    }
    if (request.method === 'INVITE' && transaction.kind === 'invite-server' && calls) {
      return calls.receiveInvite(request, transaction);
    }
    if (request.method === 'OPTIONS') return this.#answerOptions(transaction, request);
    if (request.method === 'MESSAGE') return this.#receiveMessage(transaction, request);
    if (this.#offerToExtensions(request, transaction)) return;
    // A method we allow only inside a dialog (BYE, NOTIFY of a subscription we do not have,
    // RFC 6665 §4.1.3): 481, not a 405 whose own Allow would list the method it refuses.
    this.#respond(transaction, request, 481);
  }

  #offerToExtensions(request: IncomingRequest, transaction: ServerTransaction): boolean {
    return this.#extensions.some((extension) => extension.receive(request, transaction));
  }

  // Every Allow the UA sends (405, OPTIONS, and the calls' INVITEs and answers) reads this.
  #allowedMethods(): readonly string[] {
    const base = this.#layers?.calls?.allowedMethods ?? NON_CALL_METHODS;
    if (this.#extensions.length === 0) return base;
    const all = new Set<string>(base);
    for (const extension of this.#extensions) extension.allowedMethods.forEach((m) => all.add(m));
    return [...all];
  }

  // RFC 3261 §11.2: OPTIONS is answered as an INVITE would be, listing what we support.
  #answerOptions(transaction: ServerTransaction, request: IncomingRequest): void {
    this.#events.emit('newOptions', { originator: 'remote', request });
    this.#respond(transaction, request, 200, undefined, [
      ['Allow', this.#allowedMethods().join(', ')],
      ['Accept', 'application/sdp, text/plain, application/dtmf-relay'],
      ['Supported', SUPPORTED_EXTENSIONS.join(', ')],
    ]);
  }

  // RFC 3428 §7: a MESSAGE outside a dialog is accepted with 200 and handed to the app.
  #receiveMessage(transaction: ServerTransaction, request: IncomingRequest): void {
    this.#respond(transaction, request, 200);
    this.#events.emit('newMessage', {
      originator: 'remote',
      message: {
        from: identityOf(
          request.from,
          request.from.uri.user === undefined ? '' : formatUri(request.from.uri),
        ),
        to: identityOf(request.to, formatUri(request.to.uri)),
        body: request.body,
        contentType: request.header('content-type') ?? 'text/plain',
      },
      request,
    });
  }

  #cancel(cancel: IncomingRequest): void {
    const { transactions, calls } = this.#built();
    const invite = transactions.matchCancel(cancel);
    const transaction = transactions.createServerTransaction(cancel);
    this.#respond(transaction, cancel, invite === undefined ? 481 : 200);
    calls?.receiveCancel(cancel, invite);
  }

  #respond(
    transaction: ServerTransaction,
    request: IncomingRequest,
    status: number,
    reason?: string,
    headers: OutgoingResponse['headers'] = [],
  ): void {
    transaction.respond(this.#built().factory.response(request, status, { reason, headers }));
  }

  async #withinStopTimeout(work: Promise<void>): Promise<void> {
    const clock = this.#options.clock ?? systemClock;
    let handle: unknown;
    const timeout = new Promise<void>((resolve) => {
      handle = clock.setTimeout(resolve, this.#options.stopTimeout ?? 2000);
    });
    try {
      await Promise.race([work, timeout]);
    } finally {
      clock.clearTimeout(handle);
    }
  }
}

/** Transport options the UA fills from its own: the name the app wrote, and what to change. */
const TRANSPORT_OPTION_NAMES: Readonly<Record<string, readonly [string, string]>> = {
  connect_timeout: [
    'connectTimeout',
    DEV ? 'must be a number of seconds, 0 or more' : 'option.seconds',
  ],
  keep_alive_interval: [
    'keepAliveInterval',
    DEV ? 'must be a number of seconds, 0 (off) or more' : 'option.seconds',
  ],
  keep_alive_timeout: [
    'keepAliveTimeout',
    DEV ? 'must be a number of seconds above 0' : 'option.seconds-above-zero',
  ],
};

/** What a started UA runs on (see `UserAgent.#built`). */
interface UserAgentLayers {
  readonly identity: LocalIdentity;
  readonly transport: Transport;
  /** Made again on a restart: `stop()` ends the old one for good. */
  transactions: TransactionLayer;
  readonly factory: RequestFactory;
  readonly channel: AuthenticatingChannel;
  readonly registrator: Registrator;
  calls: CallFeature | undefined;
}

function digestCredentials(
  configuration: NormalizedConfiguration,
  secrets: { readonly password: string | null; readonly ha1: string | null },
): DigestCredentials | undefined {
  if (secrets.password === null && secrets.ha1 === null) return undefined;
  return new DigestCredentials({
    username: configuration.authorization_user,
    ...(secrets.password === null ? {} : { password: secrets.password }),
    ...(secrets.ha1 === null ? {} : { ha1: secrets.ha1 }),
    ...(configuration.realm === null ? {} : { realm: configuration.realm }),
  });
}
