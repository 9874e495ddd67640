import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Metafile } from 'esbuild';
import { repoRoot } from '../../paths.js';

const coreDist = join(repoRoot, 'packages/core/dist');

/** Folders of the built core that only calls need: an app that only registers has no use for them. */
export const callOnlyFolders = ['session', 'media', 'dialog'] as const;

/**
 * Strings that would show call code in a bundle, and the dist folder each should be unique to.
 * Candidates are checked against `dist/` on every run (a string that also appears elsewhere, such
 * as `application/dtmf-relay` in the UA's OPTIONS answer, would give false alarms) and only the
 * ones that really are unique are used.
 */
const candidates: readonly {
  readonly feature: string;
  readonly text: string;
  readonly home: string;
}[] = [
  { feature: 'DTMF', text: 'application/dtmf-relay', home: 'session' },
  { feature: 'transfer', text: 'Replaces', home: 'session' },
  { feature: 'session timers', text: 'Session-Expires', home: 'session' },
  { feature: 'session', text: 'cannot answer a call that is', home: 'session' },
  { feature: 'DTMF', text: 'cannot send DTMF in a call', home: 'session' },
  { feature: 'DTMF', text: 'Signal=', home: 'session' },
  { feature: 'transfer', text: 'message/sipfrag', home: 'session' },
  { feature: 'transfer', text: 'cannot transfer a call', home: 'session' },
  { feature: 'session timers', text: 'Require: timer', home: 'session' },
  { feature: 'WebRTC media', text: 'iceGatheringState', home: 'media' },
  { feature: 'WebRTC media', text: 'insertDTMF', home: 'media' },
];

export interface Marker {
  readonly feature: string;
  readonly text: string;
}

export interface Markers {
  readonly usable: readonly Marker[];
  /** Candidates dropped, with where else they appear. */
  readonly rejected: readonly string[];
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return jsFiles(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

/** Greps `packages/core/dist` for each candidate: usable if it occurs in its home folder only. */
export function findMarkers(): Markers {
  const files = jsFiles(coreDist).map((path) => ({
    name: relative(coreDist, path),
    text: readFileSync(path, 'utf8'),
  }));
  const usable: Marker[] = [];
  const rejected: string[] = [];
  for (const { feature, text, home } of candidates) {
    const where = files.filter((file) => file.text.includes(text)).map((file) => file.name);
    const elsewhere = where.filter((name) => !name.startsWith(`${home}/`));
    if (where.length === 0) rejected.push(`'${text}' (not in dist at all)`);
    else if (elsewhere.length > 0) rejected.push(`'${text}' (also in ${elsewhere.join(', ')})`);
    else usable.push({ feature, text });
  }
  return { usable, rejected };
}

/** What the register-only bundle holds that it should not. */
export interface TreeShakingResult {
  readonly ok: boolean;
  /** Call-only modules in the bundle, with their share of the minified output. */
  readonly modules: readonly { readonly path: string; readonly bytes: number }[];
  readonly markersFound: readonly Marker[];
  /** Why the call code is there: entry -> ... -> the kept module that imports it -> call module. */
  readonly chains: readonly string[];
}

const isCallOnly = (path: string): boolean =>
  callOnlyFolders.some((folder) => path.startsWith(`packages/core/dist/${folder}/`));

/**
 * Checks a bundle for call code two ways: the modules esbuild kept (its metafile) and the strings
 * in the output. For each kept call module imported by kept non-call code, it reports the import
 * chain from the entry, so the report names the import that defeats tree-shaking.
 */
export function checkTreeShaking(
  code: string,
  metafile: Metafile,
  markers: readonly Marker[],
): TreeShakingResult {
  // The source map is an output too, with no inputs: take the bundle.
  const output = Object.entries(metafile.outputs).find(([path]) => path.endsWith('.js'))?.[1];
  const kept = new Map(
    Object.entries(output?.inputs ?? {})
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path, input]) => [path, input.bytesInOutput]),
  );
  const modules = [...kept]
    .filter(([path]) => isCallOnly(path))
    .map(([path, bytes]) => ({ path, bytes }))
    .sort((a, b) => b.bytes - a.bytes);
  const markersFound = markers.filter((marker) => code.includes(marker.text));
  // Edges from kept code outside the call folders into kept call code: these are the culprits
  // (re-export-only index files have no bytes of their own, so they do not count as users).
  const culprits: [string, string][] = [];
  for (const [path, input] of Object.entries(metafile.inputs)) {
    if (isCallOnly(path) || !kept.has(path)) continue;
    for (const imported of input.imports) {
      if (isCallOnly(imported.path) && kept.has(imported.path))
        culprits.push([path, imported.path]);
    }
  }
  const entry = Object.keys(metafile.inputs).find((path) => path.startsWith('bench/apps/'));
  const chains = culprits.map(([from, to]) => {
    const path = entry === undefined ? [from] : (shortestPath(metafile, entry, from) ?? [from]);
    return [...path, to].join(' → ');
  });
  return { ok: modules.length === 0 && markersFound.length === 0, modules, markersFound, chains };
}

function shortestPath(metafile: Metafile, from: string, to: string): string[] | undefined {
  const previous = new Map<string, string>([[from, from]]);
  const queue = [from];
  while (queue.length > 0) {
    const current = queue.shift() ?? '';
    if (current === to) break;
    for (const imported of metafile.inputs[current]?.imports ?? []) {
      if (previous.has(imported.path) || metafile.inputs[imported.path] === undefined) continue;
      previous.set(imported.path, current);
      queue.push(imported.path);
    }
  }
  if (!previous.has(to)) return undefined;
  const path = [to];
  while (path[0] !== from) path.unshift(previous.get(path[0] ?? '') ?? from);
  return path;
}
