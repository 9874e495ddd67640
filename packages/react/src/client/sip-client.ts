import {
  ConfigurationError,
  createWebRtcMediaHandler,
  TransportError,
  UA,
  type UAConfiguration,
  type UALogger,
  type UAOptions,
} from '@sipkit/core';
import { createSipStore, type SipStore } from '../store/create-sip-store.js';
import { registrationState, type ClientError } from '../store/sip-state.js';
import { bindUaToStore } from './bind-ua-to-store.js';
import { sameConfiguration } from './same-configuration.js';
import { releaseAfter, socketsOf, whenReleased } from './socket-handover.js';
import { createSipActions, type SipActions } from './sip-actions.js';
import { sameUaRelevantOptions, type SipClientOptions } from './sip-client-options.js';
import { DEV } from '../dev-mode.js';
import type { TabsMember } from './tabs-mode.js';

const DEFAULT_MAX_MESSAGES = 100;

/** What the running UA was built from, to tell whether new props need a new UA. */
interface Built {
  readonly config: UAConfiguration;
  readonly options: SipClientOptions;
}

/**
 * Owns one UA for one `<SipProvider>`, and its store and actions, with no React in it.
 *
 * Construction has no side effects (safe in render, on the server, twice under StrictMode). The
 * UA is created and started by `mount()` and stopped by `unmount()`. Every change is applied by
 * one serial reconcile loop that runs in a microtask and compares what is wanted with what runs,
 * so an unmount followed at once by a mount (StrictMode, Fast Refresh) cancels out: one UA, one
 * socket, one REGISTER.
 *
 * @example
 * const client = new SipClient({ uri: 'sip:alice@example.com', sockets: socket });
 * client.mount(); // creates and starts the UA
 * await client.unmount(); // stops it: calls ended, unregistered, disconnected
 */
export class SipClient {
  readonly store: SipStore;
  readonly actions: SipActions;
  #config: UAConfiguration;
  #options: SipClientOptions;
  #ua: UA | undefined;
  #built: Built | undefined;
  #failed: Built | undefined;
  #unbind: (() => void) | undefined;
  #mounted = false;
  /** `start()`/`stop()` override `autoStart` once called. */
  #wanted: boolean | undefined;
  #work: Promise<void> = Promise.resolve();
  readonly #uaListeners = new Set<() => void>();
  #messageSeq = 0;
  /** Shared tabs only: this tab's membership; it runs and stops the UA through start()/stop(). */
  readonly #tabs: TabsMember | undefined;
  /** Forwards to the `logger` option in force at the time of each call. */
  readonly logger: UALogger = {
    debug: (message, ...details) => this.#options.logger?.debug(message, ...details),
    warn: (message, ...details) => this.#options.logger?.warn(message, ...details),
    error: (message, ...details) => this.#options.logger?.error(message, ...details),
  };

  constructor(config: UAConfiguration, options: SipClientOptions = {}) {
    this.#config = config;
    this.#options = options;
    this.store = createSipStore();
    const actions = createSipActions({
      ua: () => this.#ua,
      store: this.store,
      logger: this.logger,
      maxMessages: () => this.#options.maxMessages ?? DEFAULT_MAX_MESSAGES,
      nextMessageId: () => this.#nextMessageId(),
      start: () => this.start(),
      stop: () => this.stop(),
    });
    this.#tabs = options.tabs?.join(this, actions, config, options);
    this.actions = this.#tabs?.actions ?? actions;
  }

  /** The running UA, or undefined (not mounted, not started, being replaced, on the server). */
  get ua(): UA | undefined {
    return this.#ua;
  }

  /** Calls `listener` whenever `ua` changes. Returns the unsubscribe function. */
  subscribeUa(listener: () => void): () => void {
    this.#uaListeners.add(listener);
    return () => void this.#uaListeners.delete(listener);
  }

  /**
   * Takes new props. Restarts the UA only when the configuration or a construction-time option
   * changed by value; other changes (loggers, factories) apply live.
   */
  configure(config: UAConfiguration, options: SipClientOptions = {}): void {
    const previous = { config: this.#config, options: this.#options };
    this.#config = config;
    this.#options = options;
    const restart =
      !sameConfiguration(previous.config, config) ||
      !sameUaRelevantOptions(previous.options, options);
    if (restart || previous.options.autoStart !== options.autoStart) void this.#reconcile();
  }

  /** The provider is mounted: run the UA (if `autoStart` or `start()` says so). */
  mount(): Promise<void> {
    this.#mounted = true;
    this.#tabs?.mount();
    return this.#reconcile();
  }

  /** The provider went away: stop the UA, unless `mount()` comes back before the microtask runs. */
  unmount(): Promise<void> {
    this.#mounted = false;
    void this.#tabs?.unmount();
    return this.#reconcile();
  }

  /** Runs the UA even with `autoStart={false}`. Resolves once it was started (or failed to be). */
  start(): Promise<void> {
    this.#wanted = true;
    return this.#reconcile();
  }

  /** Stops the UA (ends calls, unregisters, disconnects) until `start()`. */
  stop(): Promise<void> {
    this.#wanted = false;
    return this.#reconcile();
  }

  /** Resolves when every change asked for so far has been applied. */
  settled(): Promise<void> {
    return this.#work;
  }

  #reconcile(): Promise<void> {
    // Caught, so one failed step (a throwing listener, say) cannot wedge every later change.
    this.#work = this.#work
      .then(() => this.#step())
      .catch((error: unknown) =>
        this.#reportError(
          DEV ? 'sipkit/react: lifecycle step failed' : 'react.lifecycle-failed',
          error,
        ),
      );
    return this.#work;
  }

  async #step(): Promise<void> {
    for (;;) {
      const want = this.#mounted && (this.#wanted ?? this.#options.autoStart ?? true);
      const ua = this.#ua;
      if (ua !== undefined) {
        if (want && this.#isCurrent(this.#built)) return;
        await this.#teardown(ua);
        continue;
      }
      if (!want || this.#isCurrent(this.#failed)) return;
      const busy = whenReleased(socketsOf(this.#config.sockets));
      if (busy === undefined) return this.#launch();
      // Another provider's UA is still stopping on these sockets: wait, then look again.
      await busy;
    }
  }

  #isCurrent(built: Built | undefined): boolean {
    return (
      built !== undefined &&
      sameConfiguration(built.config, this.#config) &&
      sameUaRelevantOptions(built.options, this.#options)
    );
  }

  #launch(): void {
    const built = { config: this.#config, options: this.#options };
    let ua: UA;
    try {
      ua = new UA(
        this.#tabs?.configuration(built.config) ?? built.config,
        this.#uaOptions(built.options),
      );
    } catch (error) {
      // Once per configuration: the loop does not try a failed one again until it changes.
      this.#failed = built;
      this.#reportError(DEV ? 'sipkit/react: cannot create the UA' : 'react.ua-not-created', error);
      this.store.setState({ error: toClientError(error) });
      return;
    }
    this.#failed = undefined;
    this.#built = built;
    this.#ua = ua;
    this.store.setState({ error: undefined });
    this.#unbind = bindUaToStore(ua, this.store, {
      maxMessages: () => this.#options.maxMessages ?? DEFAULT_MAX_MESSAGES,
      nextMessageId: () => this.#nextMessageId(),
    });
    this.#notifyUa();
    try {
      ua.start();
    } catch (error) {
      this.#reportError(DEV ? 'sipkit/react: cannot start the UA' : 'react.ua-not-started', error);
      this.store.setState({ error: toClientError(error) });
    }
  }

  /**
   * Through the `logger` option when there is one; otherwise `console.error` in development, so
   * a provider that cannot run says so even in an app that configured no logging.
   */
  #reportError(message: string, error: unknown): void {
    if (this.#options.logger !== undefined) this.#options.logger.error(message, error);
    else if (DEV) console.error(message, error);
  }

  async #teardown(ua: UA): Promise<void> {
    this.#ua = undefined;
    this.#built = undefined;
    this.#notifyUa();
    // Ends every call (BYE/CANCEL/rejection), unregisters, disconnects, clears its timers.
    const stopped = ua.stop();
    releaseAfter(
      ua.configuration.sockets.map((entry) => entry.socket),
      stopped,
    );
    try {
      await stopped;
    } catch (error) {
      this.logger.error('sipkit/react: the UA did not stop cleanly', error);
    }
    this.#unbind?.();
    this.#unbind = undefined;
    this.store.setState((state) => ({
      connection: 'idle',
      registration:
        state.registration.status === 'unregistered'
          ? state.registration
          : registrationState('unregistered'),
      connectionFailure: undefined,
    }));
  }

  #uaOptions(options: SipClientOptions): UAOptions {
    const base: UAOptions = {
      ...options.uaOptions,
      logger: this.logger,
      random: () => (this.#options.uaOptions?.random ?? Math.random)(),
      mediaHandlerFactory: (media) =>
        (this.#options.mediaHandlerFactory ?? createWebRtcMediaHandler)(media),
    };
    return this.#tabs?.uaOptions(base) ?? base;
  }

  #nextMessageId(): string {
    this.#messageSeq += 1;
    return `m${this.#messageSeq}`;
  }

  #notifyUa(): void {
    for (const listener of [...this.#uaListeners]) listener();
  }
}

function toClientError(error: unknown): ClientError {
  if (error instanceof ConfigurationError) {
    return { name: error.name, message: error.message, parameter: error.parameter };
  }
  // A socket's own argument is its `url`; in the provider's `config` that URL is in `sockets`.
  if (error instanceof TransportError) {
    const parameter = error.parameter === 'url' ? 'sockets' : error.parameter;
    return { name: error.name, message: error.message, parameter };
  }
  if (error instanceof Error)
    return { name: error.name, message: error.message, parameter: undefined };
  return { name: 'Error', message: String(error), parameter: undefined };
}
