/**
 * The JSON `e2e/scenarios/load.test.ts` writes to $SIPKIT_E2E_RESULTS: `{ what, kamailio, jssip,
 * node, results: { sipkit: LoadResult, jssip: LoadResult } }` (LoadResult: e2e/harness/load/
 * run-load.ts). Read defensively: a change on the e2e side must show up as "unreadable", not as
 * wrong numbers.
 */
export interface LoadNumbers {
  readonly users: number;
  readonly calls: number;
  readonly registerAllMs: number;
  readonly registered: number;
  readonly refreshed: number;
  readonly registersSent: number;
  readonly registersAnswered: number;
  readonly callsConfirmed: number;
  readonly callsEndedLocal: number;
  readonly callsEndedRemote: number;
  readonly setupMsP50: number;
  readonly setupMsP95: number;
  readonly cpuMs: number;
  readonly cpuPercentOfOneCore: number;
  readonly rssPeakMb: number;
  readonly heapGrowthMb: number;
  readonly durationMs: number;
  readonly failures: readonly string[];
}

export interface LoadResults {
  readonly what: string;
  readonly kamailio: string;
  readonly jssip: string;
  readonly libraries: ReadonlyMap<'sipkit' | 'jssip', LoadNumbers>;
}

const NUMBERS = [
  'users',
  'calls',
  'registerAllMs',
  'registered',
  'refreshed',
  'registersSent',
  'registersAnswered',
  'callsConfirmed',
  'callsEndedLocal',
  'callsEndedRemote',
  'setupMsP50',
  'setupMsP95',
  'cpuMs',
  'cpuPercentOfOneCore',
  'rssPeakMb',
  'heapGrowthMb',
  'durationMs',
] as const;

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;

function numbers(value: unknown): LoadNumbers | undefined {
  const r = record(value);
  if (r === undefined || !Array.isArray(r['failures'])) return undefined;
  if (NUMBERS.some((key) => typeof r[key] !== 'number')) return undefined;
  return { ...(r as unknown as LoadNumbers), failures: r['failures'].map(String) };
}

/** Parses the file's text; throws with a reason when it is not the expected shape. */
export function readLoad(text: string): LoadResults {
  const root = record(JSON.parse(text));
  const results = record(root?.['results']);
  if (root === undefined || results === undefined) throw new Error('no "results" object');
  const str = (key: string): string =>
    typeof root[key] === 'string' ? (root[key] as string) : '?';
  const libraries = new Map<'sipkit' | 'jssip', LoadNumbers>();
  for (const library of ['sipkit', 'jssip'] as const) {
    const parsed = numbers(results[library]);
    if (parsed !== undefined) libraries.set(library, parsed);
  }
  return { what: str('what'), kamailio: str('kamailio'), jssip: str('jssip'), libraries };
}
