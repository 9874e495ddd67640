// What a user outside the repository gets: every publishable package packed with `pnpm pack`,
// installed with npm into a fresh Vite + React 19 app in a folder outside the workspace, then
// type-checked strictly (with every README code block), built, rendered on the server, loaded
// with `require` and `import`; and apps/dialer copied out, detached and built, checked, tested.
// call.test.ts then places a call through the installed apps, inside the network namespace.
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { consumerDir, PUBLISHED, REPOSITORY, run } from './consumer-project.js';
import { READMES, snippetsOf } from './readme-snippets.js';

const dir = consumerDir();
const tarballs = join(dir, 'tarballs');
const app = join(dir, 'app');
const dialer = join(dir, 'dialer');
const npmInstall = ['install', '--no-audit', '--no-fund', '--prefer-offline'];

/** The manifest of a packed package, read from the tarball itself. */
function packedManifest(tarball: string): Record<string, unknown> {
  return JSON.parse(run('tar', ['-xzOf', tarball, 'package/package.json'], tarballs)) as Record<
    string,
    unknown
  >;
}

function tarballOf(name: string): string {
  const file = readdirSync(tarballs).find(
    (f) => f.startsWith(`sipkit-${name}-`) && f.endsWith('.tgz'),
  );
  if (file === undefined) throw new Error(`no tarball of @sipkit/${name} in ${tarballs}`);
  return join(tarballs, file);
}

/** The versions the workspace's own app uses, so the consumer tracks them. */
const dialerManifest = JSON.parse(
  readFileSync(join(REPOSITORY, 'apps/dialer/package.json'), 'utf8'),
) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const versionOf = (name: string): string => {
  const version = dialerManifest.dependencies[name] ?? dialerManifest.devDependencies[name];
  if (version === undefined) throw new Error(`apps/dialer does not depend on ${name}`);
  return version;
};

describe.sequential('the packed packages in an app outside the workspace', () => {
  test('pnpm pack: each tarball has a README, a LICENSE, metadata, and no test helpers', () => {
    for (const name of PUBLISHED) {
      if (!existsSync(join(REPOSITORY, 'packages', name, 'dist/index.js'))) {
        throw new Error(`packages/${name}/dist is missing: run pnpm build first`);
      }
    }
    mkdirSync(tarballs, { recursive: true });
    run(
      'pnpm',
      ['-r', '--filter', './packages/*', 'pack', '--pack-destination', tarballs],
      REPOSITORY,
    );
    for (const name of PUBLISHED) {
      const tarball = tarballOf(name);
      const files = run('tar', ['-tzf', tarball], tarballs).split('\n').filter(Boolean);
      expect(files, name).toContain('package/README.md');
      expect(files, name).toContain('package/LICENSE');
      // Test helpers import vitest or ws (dev-only): never shipped.
      expect(
        files.filter((f) => /\/testing\/|\.fixture\.ts$|\.test\.tsx?$/.test(f)),
        name,
      ).toEqual([]);
      const manifest = packedManifest(tarball);
      expect(manifest, name).toMatchObject({
        license: 'MIT',
        engines: { node: '>=20.19' },
        repository: { type: 'git', directory: `packages/${name}` },
      });
      expect(typeof manifest.homepage, name).toBe('string');
      const text = JSON.stringify(manifest);
      expect(text, name).not.toContain('workspace:');
      expect(text, name).not.toContain('@sipkit/source');
    }
  });

  test('npm install into a fresh Vite + React 19 app', () => {
    rmSync(app, { recursive: true, force: true });
    cpSync(join(REPOSITORY, 'e2e/consumer/app'), app, { recursive: true });
    const file = (name: string): string => `file:${tarballOf(name)}`;
    const manifest = {
      name: 'sipkit-consumer',
      private: true,
      type: 'module',
      dependencies: {
        '@sipkit/core': file('core'),
        '@sipkit/jssip': file('jssip'),
        '@sipkit/react': file('react'),
        '@sipkit/ui': file('ui'),
        react: versionOf('react'),
        'react-dom': versionOf('react-dom'),
      },
      devDependencies: {
        '@sipkit/dev-server': file('dev-server'),
        '@sipkit/testing': file('testing'),
        '@types/node': versionOf('@types/node'),
        '@types/react': versionOf('@types/react'),
        '@types/react-dom': versionOf('@types/react-dom'),
        '@vitejs/plugin-react': versionOf('@vitejs/plugin-react'),
        typescript: versionOf('typescript'),
        vite: versionOf('vite'),
      },
    };
    writeFileSync(join(app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    // Every ts/tsx block of the READMEs becomes a module of the app, type-checked with it.
    mkdirSync(join(app, 'snippets'));
    let count = 0;
    for (const readme of READMES) {
      for (const snippet of snippetsOf(REPOSITORY, readme)) {
        writeFileSync(join(app, 'snippets', snippet.file), `// ${snippet.origin}\n${snippet.code}`);
        count += 1;
      }
    }
    expect(count).toBeGreaterThan(10);
    run('npm', npmInstall, app);
    expect(existsSync(join(app, 'node_modules/.bin/sipkit-dev-server'))).toBe(true);
  });

  test('tsc --noEmit, strict, over the app and every README code block', () => {
    run(join(app, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], app);
  });

  test('vite build', () => {
    const output = run(join(app, 'node_modules/.bin/vite'), ['build'], app);
    expect(output).toContain('built in');
    expect(readdirSync(join(app, 'dist/assets')).some((f) => f.endsWith('.js'))).toBe(true);
  });

  test('server rendering with react-dom/server: markup, and no socket opened', () => {
    const vite = join(app, 'node_modules/.bin/vite');
    run(vite, ['build', '--ssr', 'src/server.tsx', '--outDir', 'dist-server'], app);
    const output = run(process.execPath, ['dist-server/server.js'], app);
    const rendered = JSON.parse(output.trim().split('\n').at(-1) ?? '') as {
      html: string;
      sockets: number;
    };
    expect(rendered.sockets).toBe(0);
    expect(rendered.html).toContain('Phone of alice');
  });

  test('require() and import() of every package from Node', () => {
    const specifiers = JSON.stringify(PUBLISHED.map((name) => `@sipkit/${name}`));
    // One line per package: its name and how many exports it has.
    const count = 'console.log(s + "=" + Object.keys(m).length)';
    const required = run(
      process.execPath,
      ['-e', `for (const s of ${specifiers}) { const m = require(s); ${count}; }`],
      app,
    );
    const imported = run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `for (const s of ${specifiers}) { const m = await import(s); ${count}; }`,
      ],
      app,
    );
    for (const name of PUBLISHED) {
      const exportsIn = (output: string): number =>
        Number(new RegExp(`@sipkit/${name}=(\\d+)`).exec(output)?.[1]);
      expect(exportsIn(required), `require @sipkit/${name}`).toBeGreaterThan(0);
      expect(exportsIn(imported), `import @sipkit/${name}`).toBeGreaterThan(0);
    }
  });

  test('apps/dialer copied out of the repository, detached, npm install', () => {
    rmSync(dialer, { recursive: true, force: true });
    cpSync(join(REPOSITORY, 'apps/dialer'), dialer, {
      recursive: true,
      filter: (source) => !/\/(node_modules|dist)(\/|$)/.test(source.slice(REPOSITORY.length)),
    });
    // The one documented step (apps/dialer/README.md).
    run(process.execPath, ['scripts/detach.mjs', tarballs], dialer);
    expect(readFileSync(join(dialer, 'package.json'), 'utf8')).not.toContain('workspace:');
    run('npm', npmInstall, dialer);
  });

  test('the copied dialer: npm run typecheck', () => {
    run('npm', ['run', 'typecheck'], dialer);
  });

  test('the copied dialer: npm run build', () => {
    run('npm', ['run', 'build'], dialer);
    expect(existsSync(join(dialer, 'dist/index.html'))).toBe(true);
  });

  test('the copied dialer: npm test', () => {
    const tests = run('npm', ['test'], dialer);
    expect(tests).toMatch(/Tests\s+\d+ passed/);
    expect(tests).not.toMatch(/\d+ failed/);
  });
});
