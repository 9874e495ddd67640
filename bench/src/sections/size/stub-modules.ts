import { readFileSync } from 'node:fs';
import type { Plugin } from 'esbuild';

/** `export class X`, `export function f`, `export const C`: the forms tsc emits for these modules. */
const exportDeclaration = /^export (?:async )?(class|function|const|let) ([\w$]+)/gm;

/** An ES module with the same named exports as `source`, each an empty class, function or value. */
export function stubOf(source: string, path: string): string {
  const lines = [...source.matchAll(exportDeclaration)].map(([, kind, name]) => {
    if (kind === 'class') return `export class ${name} {}`;
    if (kind === 'function') return `export function ${name}() {}`;
    return `export const ${name} = undefined;`;
  });
  // A form this does not know (`export { a as b }`, `export *`) would be silently dropped: refuse.
  if (/^export (?:\{|\*|default)/m.test(source) || lines.length === 0) {
    throw new Error(`cannot stub ${path}: exports in a form stubOf does not read`);
  }
  return lines.join('\n');
}

/**
 * Replaces `packages/core/dist/<module>.js` for each listed module with its stub. An importer
 * that needs a name the stub lacks makes esbuild fail, so a stale list cannot pass unnoticed.
 */
export function stubModules(modules: readonly string[]): Plugin {
  const escaped = modules.map((module) => module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  const filter = new RegExp(`packages/core/dist/(?:${escaped.join('|')})\\.js$`);
  return {
    name: 'stub-modules',
    setup(build) {
      build.onLoad({ filter }, (args) => ({
        contents: stubOf(readFileSync(args.path, 'utf8'), args.path),
        loader: 'js',
      }));
    },
  };
}
