import { fileURLToPath } from 'node:url';

/** One "register and place a call" browser app (bench/apps/), bundled as a user's app would be. */
export interface SizeApp {
  readonly id: string;
  readonly label: string;
  /** The package whose version the table shows. */
  readonly packageName: string;
  readonly entry: string;
  /** Left out of the bundle: peer dependencies an app has anyway (React) are not ours to count. */
  readonly external: readonly string[];
  /** Budget for min+gzip, in bytes (1 KB = 1000 bytes); undefined for the libraries we compare with. */
  readonly gzipBudget: number | undefined;
  /** Checked to contain no session, DTMF, transfer or media code (see tree-shaking.ts). */
  readonly registerOnly: boolean;
  /**
   * A what-if, not a working app: these `packages/core/dist` modules are bundled as empty stubs
   * with the same exports, to weigh what making their features opt-in plugins would save.
   */
  readonly stubbed?: readonly string[];
}

/**
 * The call features an app may never use, each a plugin candidate: transfer (REFER, Replaces),
 * DTMF, INFO, session timers (RFC 4028), call-quality stats and the SHA-512/256 digest.
 */
export const optionalCallModules: readonly string[] = [
  'session/refer-handler',
  'message/replaces',
  'session/dtmf-sender',
  'session/info-exchange',
  'session/session-timer-negotiation',
  'session/session-refresh',
  'session/session-refresher',
  'message/session-timer',
  'media/media-stats',
  'auth/sha512-256',
];

const app = (file: string): string =>
  fileURLToPath(new URL(`../../../apps/${file}`, import.meta.url));

/** Ratios are taken against the JsSIP app (the library SipKit replaces) and SIP.js's UserAgent app. */
export const jssipAppId = 'jssip-call';
export const sipjsAppId = 'sipjs-call';

export const sizeApps: readonly SizeApp[] = [
  {
    id: 'sipkit-call',
    label: 'SipKit core',
    packageName: '@sipkit/core',
    entry: app('sipkit-call.ts'),
    external: [],
    gzipBudget: 34_000,
    registerOnly: false,
  },
  {
    id: 'sipkit-react-call',
    label: 'SipKit react hooks',
    packageName: '@sipkit/react',
    entry: app('sipkit-react-call.tsx'),
    // esbuild's external covers subpaths too (react/jsx-runtime, react-dom/client, zustand/...).
    external: ['react', 'react-dom', 'zustand'],
    gzipBudget: 38_000,
    registerOnly: false,
  },
  {
    id: 'sipkit-call-without-optional',
    label: 'SipKit core, what-if: no optional features',
    packageName: '@sipkit/core',
    entry: app('sipkit-call.ts'),
    external: [],
    gzipBudget: undefined,
    registerOnly: false,
    stubbed: optionalCallModules,
  },
  {
    id: 'sipkit-register',
    label: 'SipKit core, register only',
    packageName: '@sipkit/core',
    entry: app('sipkit-register.ts'),
    external: [],
    gzipBudget: 24_000,
    registerOnly: true,
  },
  {
    id: jssipAppId,
    label: 'JsSIP',
    packageName: 'jssip',
    entry: app('jssip-call.ts'),
    external: [],
    gzipBudget: undefined,
    registerOnly: false,
  },
  {
    id: sipjsAppId,
    label: 'SIP.js UserAgent',
    packageName: 'sip.js',
    entry: app('sipjs-call.ts'),
    external: [],
    gzipBudget: undefined,
    registerOnly: false,
  },
  {
    id: 'sipjs-simpleuser-call',
    label: 'SIP.js SimpleUser',
    packageName: 'sip.js',
    entry: app('sipjs-simpleuser-call.ts'),
    external: [],
    gzipBudget: undefined,
    registerOnly: false,
  },
];
