import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { version as reactVersion } from 'react';
import { version as reactDomVersion } from 'react-dom';
import { expect } from 'vitest';

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

/**
 * Node has loaded one copy of react and one of react-dom, both React 18 (two copies of React fail
 * hooks with "Invalid hook call"; a React 19 would mean the tests did not run on React 18 at all).
 */
export function expectOnlyReact18(): void {
  expect(reactVersion).toMatch(/^18\./);
  expect(loadedReactCopies().map(({ name, version }) => `${name}@${version}`)).toEqual(
    expect.arrayContaining([`react@${reactVersion}`, `react-dom@${reactDomVersion}`]),
  );
  expect(loadedReactCopies()).toHaveLength(2);
}
