import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const PAGE_DIR = new URL('../page/', import.meta.url);

/**
 * Bundles a page's entry (e2e/page/main.ts, or `phone/main.ts` with JsSIP in it too), with
 * @sipkit/core from its TypeScript source (the `@sipkit/source` condition, as Vitest resolves
 * it), the way an app's bundler would for the browser. `alias` swaps imports, e.g. `jssip` for
 * `@sipkit/jssip` (the JsSIP-style app, bundled once per library).
 */
export async function bundlePage(
  entry = 'main.ts',
  options: { readonly alias?: Readonly<Record<string, string>> } = {},
): Promise<string> {
  const result = await build({
    ...(options.alias === undefined ? {} : { alias: { ...options.alias } }),
    entryPoints: [fileURLToPath(new URL(entry, PAGE_DIR))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@sipkit/source'],
    sourcemap: 'inline',
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error('esbuild produced no bundle');
  return output.text;
}

/** An HTTP server on 127.0.0.1 serving the test page and its bundle, nothing else. */
export interface PageServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `html` (relative to e2e/page/) at `/`, and `bundle` as the `/main.js` it loads. */
export async function servePage(
  bundle: string,
  htmlFile = 'index.html',
  port = 0,
): Promise<PageServer> {
  const html = readFileSync(new URL(htmlFile, PAGE_DIR), 'utf8');
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/' || path === '/index.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else if (path === '/main.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(bundle);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  return {
    // 127.0.0.1 over http is a secure context, so getUserMedia is available.
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
