import { WebSocketInterface, type MediaStats, type UAConfiguration } from '@sipkit/core';
import {
  fakeMediaHandlers,
  SipNetwork,
  SipProxyServer,
  type FakeMediaHandler,
  type SipProxyServerOptions,
} from '@sipkit/testing';
import { createSipTrace, type SipTrace } from '../trace/create-sip-trace.js';
import { Bot, type BotOptions } from './bot.js';
import { syntheticCamera } from './synthetic-camera.js';
import { varyingStats } from './varying-stats.js';

const NO_AUDIO_STATS: MediaStats = Object.freeze({
  sendBitrate: 0,
  receiveBitrate: 0,
  packetsReceived: 0,
  packetsLost: undefined,
  packetLoss: undefined,
  jitter: undefined,
  roundTripTime: undefined,
  report: undefined,
});

/** What a story sets up: see `parameters.sip`. */
export interface StageOptions {
  /** The registrar/proxy's settings (e.g. `users` to require digest authentication). */
  readonly server?: SipProxyServerOptions;
  /** The user of the story ("you"): `sip:<user>@sip.test`, default `you`. */
  readonly you?: {
    readonly user?: string;
    readonly displayName?: string;
    readonly password?: string;
    /**
     * Connect to this WebSocket URL instead of the in-memory network: for stories of a mistyped
     * server (`http://…` is a configuration error for `sockets`).
     */
    readonly socketUrl?: string;
  };
  /** The scripted remote parties (each its own UA), or none. */
  readonly bots?: readonly Omit<BotOptions, 'network'>[];
  /** Make your calls' media statistics wander (for the call quality view). */
  readonly varyingStats?: boolean;
  /**
   * Your calls never receive audio: their statistics have nothing received and no loss, jitter
   * or round trip measured, as a browser reports before the first RTP packet.
   */
  readonly noAudio?: boolean;
  /**
   * Your calls that ask for video (`mediaConstraints.video`) get a synthetic picture on both
   * sides: "You" as your camera, the other party's name as theirs (the fake media has none).
   */
  readonly video?: boolean;
}

/**
 * Everything a story's softphone runs on: an in-memory registrar/proxy and network, the SIP trace
 * of "you", your configuration with fake media, and a bot. Building it has no side effects (it is
 * made during render); `mount` starts the bot, `unmount` stops it one microtask later unless
 * `mount` comes back first (StrictMode mounts twice).
 *
 * @example
 * const stage = new SipStage({ bots: [{ user: 'bob', script: answerAfter(1000) }] });
 * <SipProvider config={stage.config} mediaHandlerFactory={stage.media.factory} logger={stage.trace} />
 */
export class SipStage {
  readonly proxy: SipProxyServer;
  readonly network: SipNetwork;
  readonly trace: SipTrace;
  readonly config: UAConfiguration;
  readonly media: ReturnType<typeof fakeMediaHandlers>;
  readonly #options: StageOptions;
  #bots: readonly Bot[] = [];
  #mounted = false;

  constructor(options: StageOptions = {}) {
    this.#options = options;
    this.proxy = new SipProxyServer({ host: 'sip.test', ...options.server });
    this.network = new SipNetwork({ endpoint: this.proxy, host: 'sip.test' });
    this.trace = createSipTrace();
    const you = options.you ?? {};
    const user = you.user ?? 'you';
    this.config = {
      uri: `sip:${user}@sip.test`,
      sockets:
        you.socketUrl === undefined
          ? this.network.createSocket(user)
          : new WebSocketInterface(you.socketUrl),
      ...(you.displayName === undefined ? {} : { display_name: you.displayName }),
      ...(you.password === undefined ? {} : { password: you.password }),
    };
    this.media = fakeMediaHandlers((handler: FakeMediaHandler) => {
      if (options.varyingStats === true) handler.getStats = varyingStats();
      if (options.noAudio === true) handler.getStats = () => Promise.resolve(NO_AUDIO_STATS);
      if (options.video === true && wantsVideo(handler)) withPictures(handler);
    });
  }

  /** The bots while mounted, in the order of `options.bots`. */
  get bots(): readonly Bot[] {
    return this.#bots;
  }

  mount(): void {
    this.#mounted = true;
    if (this.#bots.length > 0) return;
    this.#bots = (this.#options.bots ?? []).map(
      (bot) => new Bot({ ...bot, network: this.network }),
    );
    for (const bot of this.#bots) bot.start();
  }

  /** Stops the bots; resolves once they have let go of the network. */
  unmount(): Promise<void> {
    this.#mounted = false;
    return new Promise<void>((resolve) => {
      queueMicrotask(() => {
        if (this.#mounted) return resolve();
        const bots = this.#bots;
        this.#bots = [];
        void Promise.all(bots.map((bot) => bot.stop())).then(() => resolve());
      });
    });
  }
}

function wantsVideo(handler: FakeMediaHandler): boolean {
  const video = handler.options.mediaConstraints?.video;
  return video !== undefined && video !== false;
}

// The fake handler's streams have no tracks: these stand in a camera on each side, the far
// end's once its (fake) stream arrived, as a browser's would with the answer.
function withPictures(handler: FakeMediaHandler): void {
  const local = syntheticCamera('You');
  let remote: MediaStream | undefined;
  const fakeLocal = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(handler), 'localStream');
  const fakeRemote = Object.getOwnPropertyDescriptor(
    Object.getPrototypeOf(handler),
    'remoteStream',
  );
  Object.defineProperty(handler, 'localStream', {
    get: () => (fakeLocal?.get?.call(handler) === undefined ? undefined : local),
  });
  Object.defineProperty(handler, 'remoteStream', {
    get: () => {
      if (fakeRemote?.get?.call(handler) === undefined) return undefined;
      return (remote ??= syntheticCamera('Far end'));
    },
  });
}
