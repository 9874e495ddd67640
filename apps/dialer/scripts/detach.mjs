#!/usr/bin/env node
// The one step that turns a copy of apps/dialer into an app of its own, outside the SipKit
// repository: its @sipkit/* dependencies say `workspace:*`, which only pnpm inside the workspace
// understands. This rewrites them to the published packages (`latest`), or, given a folder of
// `pnpm pack` tarballs, to those files. Nothing else in the app refers to the repository.
//
//   node scripts/detach.mjs                 # use the packages from the npm registry
//   node scripts/detach.mjs ../tarballs     # use sipkit-core-0.1.0.tgz ... from that folder
//
// Then `npm install` (or pnpm, yarn), `npm run dev`, `npm run build`, `npm test`.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const app = resolve(import.meta.dirname, '..');
const manifestPath = join(app, 'package.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const tarballs = process.argv[2] === undefined ? undefined : resolve(process.argv[2]);

/** `@sipkit/core` is packed by pnpm as `sipkit-core-<version>.tgz`. */
function tarballOf(name) {
  const prefix = `${name.replace('@', '').replace('/', '-')}-`;
  const found = readdirSync(tarballs).filter((f) => f.startsWith(prefix) && f.endsWith('.tgz'));
  const exact = found.filter((f) => /^\d/.test(f.slice(prefix.length)));
  if (exact.length !== 1) {
    throw new Error(`expected one ${prefix}<version>.tgz in ${tarballs}, found ${exact.length}`);
  }
  return `file:${relative(app, join(tarballs, exact[0])) || '.'}`;
}

let changed = 0;
for (const field of ['dependencies', 'devDependencies']) {
  for (const [name, spec] of Object.entries(manifest[field] ?? {})) {
    if (!String(spec).startsWith('workspace:')) continue;
    manifest[field][name] = tarballs === undefined ? 'latest' : tarballOf(name);
    changed += 1;
  }
}
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(
  `dialer: ${changed} @sipkit/* dependencies now point at ${tarballs ?? 'the npm registry'}`,
);
