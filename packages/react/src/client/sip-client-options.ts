import type { MediaHandlerFactory, UALogger, UAOptions } from '@sipkit/core';
import type { TabsMode } from './tabs-mode.js';

/**
 * The React-side options of `<SipProvider>` (everything but the UA configuration itself).
 *
 * Functions (`logger`, `mediaHandlerFactory`, `uaOptions.random`) are always called through their
 * latest value, so passing new ones on a re-render never restarts the UA. Data compares by value.
 * `uaOptions.clock` compares by identity (timers already scheduled belong to the old clock): keep
 * it stable.
 *
 * @example <SipProvider config={config} autoStart={false} logger={console} />
 */
export interface SipClientOptions {
  /** Start (connect, and register if the configuration says so) once mounted. Default true. */
  readonly autoStart?: boolean;
  /** Makes each call's media handler; default the core's WebRTC handler. */
  readonly mediaHandlerFactory?: MediaHandlerFactory;
  /** Where the UA and the bindings report; default silent. `console` works. */
  readonly logger?: UALogger;
  /** The rest of the core's `UAOptions`, passed through. */
  readonly uaOptions?: Omit<UAOptions, 'logger' | 'mediaHandlerFactory'>;
  /** How many messages the store keeps (oldest dropped first). Default 100. */
  readonly maxMessages?: number;
  /**
   * `sharedTabs`: every tab of the app with this configuration shares one phone (one UA, in the
   * tab elected owner). Default: each provider runs its own UA. Read once, when the provider is
   * created: give the provider a new `key` to switch.
   */
  readonly tabs?: TabsMode;
}

/**
 * True when switching from `a` to `b` needs a new UA: the options a UA reads once, at
 * construction, changed by value.
 *
 * @example sameUaRelevantOptions({ logger: console }, { logger: myLogger }) // true: loggers are read live
 */
export function sameUaRelevantOptions(a: SipClientOptions, b: SipClientOptions): boolean {
  const x = a.uaOptions ?? {};
  const y = b.uaOptions ?? {};
  return (
    x.clock === y.clock &&
    x.keepAliveInterval === y.keepAliveInterval &&
    x.keepAliveTimeout === y.keepAliveTimeout &&
    x.keepAliveMethod === y.keepAliveMethod &&
    x.endCallsOnUnload === y.endCallsOnUnload &&
    x.connectTimeout === y.connectTimeout &&
    x.stopTimeout === y.stopTimeout &&
    sameNumbers(x.timers ?? {}, y.timers ?? {}) &&
    sameIceRestart(x.iceRestart, y.iceRestart)
  );
}

// `false` (no automatic ICE restart), undefined (the defaults) or flat numbers, by value: an
// inline `{ iceRestart: { deadline: 10 } }` must not rebuild the UA on every render.
function sameIceRestart(a: UAOptions['iceRestart'], b: UAOptions['iceRestart']): boolean {
  if (a === undefined || a === false || b === undefined || b === false) return a === b;
  return sameNumbers(a, b);
}

// Timer overrides are flat records of milliseconds.
function sameNumbers(a: object, b: object): boolean {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  return [...keys].every((key) => left[key] === right[key]);
}
