// Declared here rather than through @types/node, which a browser package does not build against.
declare const process: { readonly env: { readonly NODE_ENV?: string } };

/**
 * True in development builds, false when the app is bundled for production: bundlers replace
 * `process.env.NODE_ENV` (React's own convention) and fold `DEV ? sentence : code` to the code.
 * Module-local on purpose: `@sipkit/react` does not import the core's internals. The codes are
 * documented in `docs/errors/react.md`.
 *
 * @example host.logger.warn(DEV ? 'sipkit/react: register() with no UA running' : 'react.no-ua register');
 */
export const DEV: boolean = process.env.NODE_ENV !== 'production';
