import { gzipSync } from 'node:zlib';

/** What one folder (or one module) holds of a bundle. */
export interface Share {
  /** `core/ua`, `react`, `jssip`, or a module path for the top-modules list. */
  readonly name: string;
  /** Bytes of the minified output that come from it (esbuild's source map). */
  readonly minBytes: number;
  /**
   * An estimate of its part of the bundle's gzip size: its code gzipped alone, scaled so the
   * parts add up to the whole. Gzip is not additive (a string repeated across folders costs once),
   * so this ranks and compares; the whole bundle's gzip is the only exact number.
   */
  readonly gzipBytes: number;
}

/** A bundle split by where its bytes came from. */
export interface Breakdown {
  readonly folders: readonly Share[];
  readonly modules: readonly Share[];
}

const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const base64Value = new Map([...base64].map((char, index) => [char, index]));

/** Decodes one source-map segment (base64 VLQ, source map v3) into its fields. */
export function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = base64Value.get(char);
    if (digit === undefined) throw new Error(`bad VLQ character '${char}' in '${segment}'`);
    value += (digit & 31) << shift;
    if ((digit & 32) !== 0) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

/**
 * The folder a bundled module counts under: `packages/core/src/ua/x.ts` is `core/ua` (esbuild
 * follows `dist/`'s source maps back to `src/`; `dist/` paths read the same), any other
 * SipKit package is its name (`react`), a dependency is its package name (`jssip`, `sip.js`).
 */
export function folderOf(path: string): string {
  const sipkit = /(?:^|\/)packages\/([^/]+)\/(?:dist|src)\/(?:([^/]+)\/)?/.exec(path);
  if (sipkit !== null) {
    const [, pkg = '', folder] = sipkit;
    if (pkg !== 'core') return pkg;
    return folder === undefined ? 'core (root)' : `core/${folder}`;
  }
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(path);
  if (dependency !== null) return dependency[1] ?? path;
  return path.startsWith('bench/apps/') ? 'app' : path;
}

/** Repository-relative module path, with pnpm's store prefix dropped. */
function modulePath(source: string): string {
  const inStore = source.lastIndexOf('node_modules/');
  if (inStore >= 0) return source.slice(inStore);
  return source.replace(/^(?:\.\.\/)+/, '').replace(/^.*?\/(?=packages\/|bench\/)/, '');
}

/**
 * Splits the minified output by source module using esbuild's source map: each mapped segment runs
 * to the next one, and belongs to its segment's source. Bytes with no source (esbuild's own glue)
 * count as `(bundler)`.
 */
export function breakdown(code: string, sourceMap: string, topModules = 15): Breakdown {
  const map = JSON.parse(sourceMap) as { sources: string[]; mappings: string };
  const lines = code.split('\n');
  const chunks = new Map<string, string[]>();
  const add = (name: string, text: string): void => {
    if (text.length === 0) return;
    const list = chunks.get(name);
    if (list === undefined) chunks.set(name, [text]);
    else list.push(text);
  };
  let source = 0;
  map.mappings.split(';').forEach((lineMappings, lineIndex) => {
    const line = lines[lineIndex] ?? '';
    let column = 0;
    let start = 0;
    let owner = '(bundler)';
    for (const segment of lineMappings.split(',')) {
      if (segment.length === 0) continue;
      const fields = decodeSegment(segment);
      column += fields[0] ?? 0;
      add(owner, line.slice(start, column));
      start = column;
      if (fields.length >= 4) {
        source += fields[1] ?? 0;
        owner = modulePath(map.sources[source] ?? '(unknown)');
      } else owner = '(bundler)';
    }
    add(owner, `${line.slice(start)}\n`);
  });
  const modules = shares([...chunks].map(([name, texts]) => [name, texts.join('')]));
  const byFolder = new Map<string, string>();
  for (const [name, texts] of chunks) {
    const folder = folderOf(name);
    byFolder.set(folder, (byFolder.get(folder) ?? '') + texts.join(''));
  }
  const totalGzip = gzipSync(Buffer.from(code), { level: 9 }).length;
  return {
    folders: scale(shares([...byFolder]), totalGzip),
    modules: scale(modules, totalGzip).slice(0, topModules),
  };
}

function shares(entries: readonly (readonly [string, string])[]): Share[] {
  return entries.map(([name, text]) => {
    const bytes = Buffer.from(text);
    return { name, minBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
}

/** Scales the standalone gzip sizes so they add up to the bundle's; largest first. */
function scale(list: readonly Share[], totalGzip: number): Share[] {
  const sum = list.reduce((total, share) => total + share.gzipBytes, 0);
  return list
    .map((share) => ({
      ...share,
      gzipBytes: sum === 0 ? 0 : Math.round((share.gzipBytes * totalGzip) / sum),
    }))
    .sort((a, b) => b.gzipBytes - a.gzipBytes || b.minBytes - a.minBytes);
}
