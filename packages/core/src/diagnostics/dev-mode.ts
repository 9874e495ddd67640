// Declared here rather than through @types/node: the core targets browsers, and bundlers
// (esbuild, Vite, Rollup, webpack) replace `process.env.NODE_ENV` at build time.
declare const process: { readonly env: { readonly NODE_ENV?: string } };

/**
 * True in development builds, false when the app is bundled for production.
 *
 * Selected the standard way (as React, zustand and Redux do): bundlers replace
 * `process.env.NODE_ENV` with `"production"` and then fold `DEV ? longText : code` to the code
 * across modules, so long diagnostic texts cost a production bundle nothing. Node (tests, SSR)
 * reads the real environment. Write diagnostic texts as
 * `DEV ? \`what went wrong and what to change\` : \`area.code key=value\``.
 *
 * @example throw new Error(DEV ? `"uri" must be a SIP URI, got ${value}` : `uri.invalid ${value}`);
 */
export const DEV: boolean = process.env.NODE_ENV !== 'production';
