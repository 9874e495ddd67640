import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** One copy of `react` or `react-dom` that Node has loaded in this worker. */
export interface LoadedCopy {
  readonly name: string;
  readonly version: string;
  /** The package's folder (a real path: pnpm's symlinks are resolved). */
  readonly root: string;
}

const cache = createRequire(import.meta.url).cache;
const inReact = /^(.*\/node_modules\/(react|react-dom))\//;

/**
 * Every copy of `react` and `react-dom` in Node's module cache, one entry per package folder.
 * React and react-dom are CommonJS and are never inlined by Vitest, so whoever imports them
 * (the tests' sources through Vite, or zustand, Testing Library and Storybook through Node),
 * a loaded copy is in this cache.
 */
export function loadedReactCopies(): LoadedCopy[] {
  const roots = new Map<string, string>();
  for (const file of Object.keys(cache)) {
    const match = inReact.exec(file);
    if (match) roots.set(match[1] as string, match[2] as string);
  }
  return [...roots].map(([root, name]) => {
    const manifest = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as {
      version: string;
    };
    return { name, version: manifest.version, root };
  });
}
