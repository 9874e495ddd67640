import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import type { SizeApp } from './apps.js';
import { repoRoot } from '../../paths.js';
import { stubModules } from './stub-modules.js';
import { breakdown, type Breakdown } from './breakdown.js';

/** One app's bundle and what it weighs on the wire. */
export interface Bundle {
  readonly code: string;
  readonly metafile: Metafile;
  readonly minBytes: number;
  readonly gzipBytes: number;
  readonly brotliBytes: number;
  /** Each folder's share of the output, and the biggest modules (from esbuild's source map). */
  readonly breakdown: Breakdown;
}

/**
 * The production build, stated rather than left to esbuild's defaults: minifying for the browser
 * already defines `process.env.NODE_ENV` as `"production"`, but a change of platform or of
 * esbuild would then silently measure development builds (SipKit's `DEV` texts, React's checks).
 * Every app, JsSIP and SIP.js included, is bundled with the same options.
 */
export const productionDefine: Readonly<Record<string, string>> = {
  'process.env.NODE_ENV': '"production"',
};

/**
 * Bundles an app the way the issue prescribes (`--bundle --minify --format=esm
 * --platform=browser`, for production), resolving packages through their normal export conditions, so SipKit
 * comes from its built `dist/` exactly as a user's bundler would see it (never `@sipkit/source`).
 * Compression at the strongest settings, as a CDN serving static files would use.
 */
export async function bundleApp(app: SizeApp): Promise<Bundle> {
  const result = await build({
    entryPoints: [app.entry],
    // Stable, repo-relative module paths in the metafile (the tree-shaking report quotes them).
    absWorkingDir: repoRoot,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    define: { ...productionDefine },
    // An external map changes nothing in the code; it only tells which module each byte is from.
    sourcemap: 'external',
    outfile: 'size-app.js',
    external: [...app.external],
    metafile: true,
    plugins: app.stubbed === undefined ? [] : [stubModules(app.stubbed)],
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles.find((file) => file.path.endsWith('.js'));
  const map = result.outputFiles.find((file) => file.path.endsWith('.js.map'));
  if (output === undefined || map === undefined) {
    throw new Error(`esbuild produced no bundle or no source map for ${app.id}`);
  }
  const bytes = Buffer.from(output.contents);
  return {
    code: output.text,
    metafile: result.metafile,
    minBytes: bytes.length,
    gzipBytes: gzipSync(bytes, { level: 9 }).length,
    brotliBytes: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
    breakdown: breakdown(output.text, map.text),
  };
}
