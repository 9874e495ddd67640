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
}

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
    gzipBudget: 20_000,
    registerOnly: false,
  },
  {
    id: 'sipkit-react-call',
    label: 'SipKit react hooks',
    packageName: '@sipkit/react',
    entry: app('sipkit-react-call.tsx'),
    // esbuild's external covers subpaths too (react/jsx-runtime, react-dom/client, zustand/...).
    external: ['react', 'react-dom', 'zustand'],
    gzipBudget: 26_000,
    registerOnly: false,
  },
  {
    id: 'sipkit-register',
    label: 'SipKit core, register only',
    packageName: '@sipkit/core',
    entry: app('sipkit-register.ts'),
    external: [],
    gzipBudget: undefined,
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
