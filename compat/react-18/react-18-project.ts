import { fileURLToPath } from 'node:url';
import { defineProject, type Plugin, type ViteUserConfig } from 'vitest/config';
import { sourceResolution } from '../../vitest.shared.js';

/** This package's package.json: bare imports resolved "from here" get its React 18 copies. */
const here = fileURLToPath(new URL('./package.json', import.meta.url));
const workspace = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Everything that imports React at run time and is imported by the tests' source files: React
 * itself, and the packages that take React as a peer (their copy here was installed against
 * React 18). `@storybook/react-vite` is not listed: stories only import its types.
 */
const onReact = /^(?:react|react-dom|zustand|@testing-library\/react|@storybook\/react)(?:\/.*)?$/;

/**
 * Resolves those bare imports as if this package made them, wherever they are written (the
 * sources and tests of packages/react and packages/ui). Unlike a `resolve.alias` to a folder,
 * it resolves the bare specifier, so each package's `exports` map and conditions apply as in the
 * React 19 projects (e.g. `zustand/vanilla` stays the ESM build, `react-dom/server` the Node one).
 */
function resolveReactFromHere(): Plugin {
  return {
    name: 'sipkit:react-18',
    enforce: 'pre',
    resolveId(source, _importer, options) {
      if (!onReact.test(source)) return null;
      return this.resolve(source, here, { ...options, skipSelf: true });
    },
  };
}

export interface React18Project {
  /** The project's name, e.g. `react@18`. */
  readonly name: string;
  /** The package whose tests run, e.g. `packages/react`. */
  readonly packageDir: string;
  readonly testTimeout?: number;
}

/**
 * A project running the unit tests of one package, with its own setup file, on React 18. Each
 * project also runs this package's tests, which check that React 18 is the only React loaded.
 */
export function react18Project({ name, packageDir, testTimeout }: React18Project): ViteUserConfig {
  return defineProject({
    ...sourceResolution,
    plugins: [resolveReactFromHere()],
    test: {
      name,
      environment: 'happy-dom',
      dir: workspace,
      include: [`${packageDir}/src/**/*.test.{ts,tsx}`, 'compat/react-18/src/**/*.test.{ts,tsx}'],
      setupFiles: [
        `${workspace}${packageDir}/src/testing/setup.ts`,
        `${workspace}compat/react-18/src/only-react-18.ts`,
      ],
      ...(testTimeout === undefined ? {} : { testTimeout }),
    },
  });
}
