import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import type { SizeApp } from './apps.js';
import { repoRoot } from '../../paths.js';
import { stubModules } from './stub-modules.js';

/** One app's bundle and what it weighs on the wire. */
export interface Bundle {
  readonly code: string;
  readonly metafile: Metafile;
  readonly minBytes: number;
  readonly gzipBytes: number;
  readonly brotliBytes: number;
}

/**
 * Bundles an app the way the issue prescribes (`--bundle --minify --format=esm
 * --platform=browser`), resolving packages through their normal export conditions, so SipKit
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
    external: [...app.external],
    metafile: true,
    plugins: app.stubbed === undefined ? [] : [stubModules(app.stubbed)],
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error(`esbuild produced no bundle for ${app.id}`);
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
  };
}
