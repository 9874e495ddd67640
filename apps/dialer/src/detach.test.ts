// The dialer is the app users copy: outside the repository it must build from its own folder,
// after the one step its README documents (scripts/detach.mjs).
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

// Not `new URL('..', import.meta.url)`: under happy-dom, URL is the DOM's, not Node's.
const APP = join(dirname(fileURLToPath(import.meta.url)), '..');
const temporary: string[] = [];

afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * The app's package.json, as it is in the workspace (`workspace:*`; this test also runs in a copy
 * that was already detached), and the detach script, in a fresh folder outside the repository.
 */
function copyOfApp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dialer-detach-'));
  temporary.push(dir);
  const app = manifest(APP);
  for (const field of ['dependencies', 'devDependencies']) {
    for (const name of Object.keys(app[field] ?? {})) {
      if (name.startsWith('@sipkit/')) (app[field] ?? {})[name] = 'workspace:*';
    }
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify(app, null, 2));
  cpSync(join(APP, 'scripts'), join(dir, 'scripts'), { recursive: true });
  return dir;
}

function manifest(dir: string): Record<string, Record<string, string>> {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<
    string,
    Record<string, string>
  >;
}

/** Every text file of the app that a copy takes along (not node_modules, not the build). */
function appFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist') return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? appFiles(path) : [path];
  });
}

describe('the dialer copied out of the repository', () => {
  it('refers to nothing above its folder (the tsconfig and vitest config of the workspace)', () => {
    // Spelled in pieces so that this file does not match itself.
    const upTwo = ['..', '..', ''].join('/');
    const outside = appFiles(APP)
      .filter((file) => /\.(ts|tsx|json|mjs|html)$/.test(file))
      .filter((file) => readFileSync(file, 'utf8').includes(upTwo))
      .map((file) => relative(APP, file));
    expect(outside).toEqual([]);
  });

  it('has the tools its scripts run in its own devDependencies', () => {
    const { devDependencies } = manifest(APP);
    expect(Object.keys(devDependencies ?? {})).toEqual(
      expect.arrayContaining(['typescript', 'vitest', 'vite']),
    );
  });

  it('detach.mjs points every workspace:* dependency at the npm registry', () => {
    const dir = copyOfApp();
    execFileSync(process.execPath, ['scripts/detach.mjs'], { cwd: dir, stdio: 'pipe' });
    const { dependencies, devDependencies } = manifest(dir);
    expect(dependencies?.['@sipkit/react']).toBe('latest');
    expect(devDependencies?.['@sipkit/dev-server']).toBe('latest');
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).not.toContain('workspace:');
    // What was not a workspace dependency is left as it was.
    expect(dependencies?.['react']).toBe(manifest(APP).dependencies?.['react']);
  });

  it('detach.mjs with a folder of tarballs points each package at its own tarball', () => {
    const dir = copyOfApp();
    for (const name of ['core', 'react', 'ui', 'testing', 'dev-server']) {
      writeFileSync(join(dir, `sipkit-${name}-0.1.0.tgz`), '');
    }
    execFileSync(process.execPath, ['scripts/detach.mjs', '.'], { cwd: dir, stdio: 'pipe' });
    const { dependencies, devDependencies } = manifest(dir);
    expect(dependencies?.['@sipkit/core']).toBe('file:sipkit-core-0.1.0.tgz');
    expect(dependencies?.['@sipkit/ui']).toBe('file:sipkit-ui-0.1.0.tgz');
    expect(devDependencies?.['@sipkit/testing']).toBe('file:sipkit-testing-0.1.0.tgz');
  });

  it('detach.mjs refuses a folder without the tarball of a package it needs', () => {
    const dir = copyOfApp();
    expect(() =>
      execFileSync(process.execPath, ['scripts/detach.mjs', '.'], { cwd: dir, stdio: 'pipe' }),
    ).toThrow(/expected one sipkit-core-<version>\.tgz/);
    expect(manifest(dir).dependencies?.['@sipkit/core']).toBe('workspace:*');
  });
});
