import type * as DevServerModule from '@sipkit/dev-server';
import type { DevServer } from '@sipkit/dev-server';
import type { Plugin, ViteDevServer } from 'vite';

/** Where the embedded dev SIP server listens. */
export interface DevSipServerOptions {
  readonly host: string;
  readonly port: number;
  /**
   * Voicemail counts the server tells `message-summary` subscribers, as `--mwi` takes them
   * (`alice=2/5,bob=1/0`: new/old voice messages); empty for none.
   */
  readonly messageWaiting?: string;
}

/**
 * Runs `@sipkit/dev-server` (the registrar/proxy of `@sipkit/testing` on a real WebSocket) inside
 * `vite dev`, so `pnpm demo` is one command with no SIP provider. It is loaded through Vite's SSR
 * module loader with the `@sipkit/source` condition: it runs from TypeScript source, so a fresh
 * clone needs no build first. It only exists in dev: `vite build` never includes it, and a
 * deployed dialer talks to Kamailio, Asterisk or FreeSWITCH instead (see the README).
 *
 * The app reads the server's URL as `import.meta.env.VITE_DEV_SIP_SERVER` for its defaults.
 *
 * @example defineConfig({ plugins: [devSipServer({ host: '127.0.0.1', port: 5062 })] })
 */
export function devSipServer(options: DevSipServerOptions): Plugin {
  const url = `ws://${options.host}:${options.port}`;
  return {
    name: 'sipkit-dev-sip-server',
    apply: 'serve',
    config: () => ({ define: { 'import.meta.env.VITE_DEV_SIP_SERVER': JSON.stringify(url) } }),
    async configureServer(server) {
      const sip = await start(server, options);
      // Vite closes its HTTP server on exit and on every restart (a config edit): free the port
      // with it, or the restarted plugin would find it taken.
      if (sip !== undefined) server.httpServer?.once('close', () => void sip.close());
    },
  };
}

async function start(
  server: ViteDevServer,
  options: DevSipServerOptions,
): Promise<DevServer | undefined> {
  const { logger } = server.config;
  const devServer = (await server.ssrLoadModule('@sipkit/dev-server')) as typeof DevServerModule;
  const log = (line: string): void => logger.info(`  sip ${line}`, { timestamp: true });
  try {
    const sip = await devServer.startDevServer(
      {
        host: options.host,
        port: options.port,
        users: {},
        verbose: true,
        messageWaiting: devServer.parseMessageWaiting(options.messageWaiting ?? ''),
      },
      log,
    );
    logger.info(
      `\n  SipKit dev SIP server: ${sip.url} (development only: production uses a real SIP server, see the README)`,
    );
    return sip;
  } catch (error) {
    // Most likely a `pnpm dev-server` already listens there, which serves the demo just as well.
    const reason = error instanceof Error ? error.message : String(error);
    logger.warn(
      `  SipKit dev SIP server not started on ws://${options.host}:${options.port}: ${reason}`,
    );
    return undefined;
  }
}
