import {
  addVideo,
  shareScreen,
  stopScreenShare,
  UA,
  type Session,
  type UALogger,
} from '@sipkit/core';
import { fakeMediaHandlers, type FakeMediaHandler, type SipNetwork } from '@sipkit/testing';
import type { BotStep } from './bot-script.js';
import { syntheticStream } from './synthetic-camera.js';

/** Who the bot is and what it does. */
export interface BotOptions {
  readonly network: SipNetwork;
  /** The user part of its address (`bob` is `sip:bob@<domain>`). */
  readonly user: string;
  readonly displayName?: string;
  readonly domain?: string;
  readonly password?: string;
  readonly script?: readonly BotStep[];
  /** Run the script again after it ends, so a story can be played with more than once. Default true. */
  readonly repeat?: boolean;
  readonly logger?: UALogger;
}

/** Thrown inside the script when the call it works on ends, or the bot stops. */
class Interrupted extends Error {}

/**
 * A scripted remote party for stories and tests: a real `UA` from @sipkit/core, with fake media,
 * on the same in-memory network as the user. It registers, then runs its script (answer, ring,
 * hang up, send DTMF...) against real SIP signalling. One call at a time: calls that arrive while
 * it is busy get 486 Busy Here.
 *
 * @example
 * const bot = new Bot({ network, user: 'bob', script: answerAfter(1500) });
 * bot.start();
 * // later: await bot.stop();
 */
export class Bot {
  readonly ua: UA;
  readonly media: { readonly handlers: FakeMediaHandler[] };
  /** Steps done, in order (`answer`, `dtmf 1#`...), for tests and the story's log. */
  readonly done: string[] = [];
  readonly #options: BotOptions;
  readonly #abort = new AbortController();
  #session: Session | undefined;
  #started = false;

  constructor(options: BotOptions) {
    this.#options = options;
    const media = fakeMediaHandlers();
    this.media = media;
    const domain = options.domain ?? options.network.host;
    this.ua = new UA(
      {
        uri: `sip:${options.user}@${domain}`,
        sockets: options.network.createSocket(options.user),
        ...(options.displayName === undefined ? {} : { display_name: options.displayName }),
        ...(options.password === undefined ? {} : { password: options.password }),
      },
      {
        mediaHandlerFactory: media.factory,
        random: () => 0.5,
        ...(options.logger === undefined ? {} : { logger: options.logger }),
      },
    );
    this.ua.on('newRTCSession', ({ originator, session }) => {
      if (originator !== 'remote') return;
      if (this.#session !== undefined && !this.#session.isEnded()) {
        session.terminate({ status_code: 486 });
        return;
      }
      this.#session = session;
    });
  }

  /** The call the script works on (the last one placed or received). */
  get session(): Session | undefined {
    return this.#session;
  }

  /** Registers and starts the script. Does nothing the second time. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.ua.start();
    void this.#run();
  }

  /** Stops the script and the UA (ends its calls, unregisters, disconnects). */
  async stop(): Promise<void> {
    this.#abort.abort();
    await this.ua.stop();
  }

  async #run(): Promise<void> {
    const script = this.#options.script ?? [];
    try {
      await this.#until(
        (done) => this.ua.once('registered', done),
        () => this.ua.isRegistered(),
      );
      do {
        await this.#iteration(script);
        // A breath between rounds, so a script that does nothing cannot spin.
        await this.#wait(50);
      } while ((this.#options.repeat ?? true) && script.length > 0);
    } catch (error) {
      if (!(error instanceof Interrupted)) this.#options.logger?.error('bot: script failed', error);
    }
  }

  async #iteration(script: readonly BotStep[]): Promise<void> {
    for (const step of script) {
      try {
        await this.#step(step);
      } catch (error) {
        // The call ended under a step: start the script over, unless the bot itself stopped.
        if (error instanceof Interrupted && !this.#abort.signal.aborted) return;
        throw error;
      }
      this.done.push(describeStep(step));
    }
  }

  async #step(step: BotStep): Promise<void> {
    if ('wait' in step) return this.#wait(step.wait, this.#session);
    const session = this.#session;
    switch (step.do) {
      case 'call':
        this.#session = this.ua.call(step.target);
        return;
      case 'await-call':
        this.#session = undefined;
        return this.#until(
          (done) =>
            this.ua.on('newRTCSession', ({ originator }) => originator === 'remote' && done()),
          () => this.#session?.status === 'ringing',
        );
      case 'message':
        await this.ua.sendMessage(step.target, step.body);
        return;
    }
    if (session === undefined || session.isEnded()) throw new Interrupted();
    switch (step.do) {
      case 'answer':
        return session.answer();
      case 'decline':
        return session.terminate({ status_code: step.status ?? 603 });
      case 'await-confirmed':
        return this.#until(
          (done) => session.on('confirmed', done),
          () => session.status === 'confirmed',
          session,
        );
      case 'dtmf':
        return session.sendDTMF(step.tones);
      case 'hold':
        await session.hold();
        return;
      case 'unhold':
        await session.unhold();
        return;
      case 'add-video':
        await addVideo(session, { getUserMedia: () => syntheticStream(this.#options.user) });
        return;
      case 'share-screen':
        await shareScreen(session, {
          getDisplayMedia: () => syntheticStream(`${this.#options.user}'s screen`),
        });
        return;
      case 'stop-screen-share':
        await stopScreenShare(session);
        return;
      case 'hangup':
        return session.terminate();
      case 'await-end':
        return this.#until(
          () => () => undefined,
          () => session.isEnded(),
          session,
        );
    }
  }

  /** Resolves after `ms`; rejects if the bot stops, or `session` ends first. */
  #wait(ms: number, session?: Session): Promise<void> {
    return this.#until(
      (done) => {
        const timer = setTimeout(done, ms);
        return () => clearTimeout(timer);
      },
      () => false,
      session,
    );
  }

  /**
   * Resolves when `ready()` holds now or `watch` calls back; rejects with `Interrupted` when the
   * bot stops or `session` ends (for `await-end`, ending is what we wait for: it resolves).
   */
  #until(
    watch: (done: () => void) => () => void,
    ready: () => boolean,
    session?: Session,
  ): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const signal = this.#abort.signal;
      if (signal.aborted) return reject(new Interrupted());
      if (ready()) return resolve();
      const offs: (() => void)[] = [];
      const settle = (ok: boolean): void => {
        for (const off of offs.splice(0)) off();
        if (ok || ready()) resolve();
        else reject(new Interrupted());
      };
      const stop = (): void => settle(false);
      signal.addEventListener('abort', stop, { once: true });
      offs.push(() => signal.removeEventListener('abort', stop));
      offs.push(watch(() => settle(true)));
      if (session !== undefined) {
        offs.push(session.on('ended', stop), session.on('failed', stop));
      }
    });
  }
}

function describeStep(step: BotStep): string {
  if ('wait' in step) return `wait ${step.wait}`;
  if (step.do === 'dtmf') return `dtmf ${step.tones}`;
  if (step.do === 'call') return `call ${step.target}`;
  return step.do;
}
