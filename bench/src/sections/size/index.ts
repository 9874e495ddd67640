import type { Section, SectionContext, SectionResult } from '../../section.js';
import { callOnlyFolders } from './tree-shaking.js';
import { measureSizes } from './measure-sizes.js';

async function run(context: SectionContext): Promise<SectionResult> {
  const report = await measureSizes();
  for (const { app, bundle } of report.sizes) {
    context.log(
      `  ${app.label.padEnd(28)} ${bundle.gzipBytes.toLocaleString('en-US').padStart(7)} bytes gzip`,
    );
  }
  return {
    table: report.table,
    summary: report.summary,
    // Budgets are CI's business (`pnpm size`); the benchmark reports them in the summary.
    problems: [],
    headline: report.headline,
    moreTables: report.breakdown,
    method: [
      '**Apps.** One small browser app per library in `bench/apps/`: create the UA with a WebSocket URL and a password, register, call `sip:bob@example.com` with audio once registered, hang up on a button. JsSIP through `UA`/`WebSocketInterface`; SIP.js twice, through `UserAgent` + `Registerer` + `Inviter` and through its `SimpleUser` wrapper; SipKit through `@sipkit/core`, and the same app through `@sipkit/react` (`SipProvider` + `useRegistration` + `useCall`) with react, react-dom and zustand external (an app has them anyway; the budget is for our code). `sipkit-register.ts` only registers, to check tree-shaking.',
      '**What-if.** The row marked what-if bundles the SipKit core app with the optional call features (`optionalCallModules` in `bench/src/sections/size/apps.ts`) replaced by empty modules with the same exports: it does not run, and weighs what making those features opt-in plugins would save. It has no budget.',
      '**Build.** esbuild `--bundle --minify --format=esm --platform=browser --define:process.env.NODE_ENV="production"` (a production build, stated explicitly; every library is bundled the same way), resolving packages through their normal export conditions, so SipKit comes from the built `packages/*/dist` (run `pnpm build` first), never from `@sipkit/source`. Sizes are of the single output file; gzip is `node:zlib` level 9 and brotli quality 11. 1 KB = 1000 bytes. Bundling is deterministic, so there are no rounds.',
      "**By folder.** esbuild's source map (which follows `dist/`'s maps back to `src/`) assigns every byte of the minified output to the module it came from; a folder's min is the sum of its modules' bytes. Its gzip share is an estimate: the folder's code gzipped alone, scaled so the folders add up to the bundle's gzip size (gzip is not additive: text shared across folders is paid once).",
      `**Tree-shaking.** The register-only bundle is checked two ways: esbuild's metafile must keep no module from \`packages/core/dist/{${callOnlyFolders.join(',')}}/\`, and the output must contain none of the strings that only session or media code has. Those strings are checked against \`dist/\` on every run and kept only if they occur in their home folder alone; dropped now: ${report.markers.rejected.join('; ') || 'none'}. Used: ${report.markers.usable.map((m) => `'${m.text}'`).join(', ')}. When call code is kept, the report names each import from kept non-call code into it, with the chain from the app.`,
      '**CI.** `pnpm size` (`bench/src/size-check.ts`, run by `.ci/run` after `pnpm build`) builds the same apps, prints this table and exits 1 over budget. Budgets not met yet are listed in `bench/src/sections/size/budgets.ts` with a ceiling a little above the size measured when they were found: they are reported as NOT MET here and fail CI only above that ceiling.',
    ],
  };
}

export const sizeSection: Section = {
  id: 'size',
  title: 'Bundle size: register and place a call',
  run,
};
