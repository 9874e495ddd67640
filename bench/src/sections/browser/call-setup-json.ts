/**
 * The JSON `e2e/scenarios/call-setup.test.ts` writes to $SIPKIT_E2E_RESULTS (through
 * `e2e/harness/results.ts`), as found there: `{ what, date, chromium, jssip, callee, calls,
 * cases: { <case>: { sipkit: { medianMs, samplesMs }, jssip: {...}, ...extras } } }`. Read
 * defensively: a change on the e2e side must show up as "unreadable", not as wrong numbers.
 */
export interface LibrarySamples {
  readonly medianMs: number;
  readonly samplesMs: readonly number[];
}

export interface CallSetupCase {
  readonly name: string;
  readonly sipkit: LibrarySamples | undefined;
  readonly jssip: LibrarySamples | undefined;
  /** Anything else the case carries (pcConfig, concurrent), shown as notes. */
  readonly notes: string;
}

export interface CallSetupResults {
  readonly what: string;
  readonly chromium: string;
  readonly jssip: string;
  readonly callee: string;
  readonly calls: number | undefined;
  readonly cases: readonly CallSetupCase[];
}

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;

function samples(value: unknown): LibrarySamples | undefined {
  const r = record(value);
  if (r === undefined || typeof r['medianMs'] !== 'number' || !Array.isArray(r['samplesMs'])) {
    return undefined;
  }
  const list = r['samplesMs'].filter((x): x is number => typeof x === 'number');
  return { medianMs: r['medianMs'], samplesMs: list };
}

/** Parses the file's text; throws with a reason when it is not the expected shape. */
export function readCallSetup(text: string): CallSetupResults {
  const root = record(JSON.parse(text));
  const cases = record(root?.['cases']);
  if (root === undefined || cases === undefined) throw new Error('no "cases" object');
  const str = (key: string): string =>
    typeof root[key] === 'string' ? (root[key] as string) : '?';
  return {
    what: str('what'),
    chromium: str('chromium'),
    jssip: str('jssip'),
    callee: str('callee'),
    calls: typeof root['calls'] === 'number' ? root['calls'] : undefined,
    cases: Object.entries(cases)
      .filter(([, value]) => record(value) !== undefined)
      .map(([name, value]) => {
        const c = record(value) ?? {};
        const extras = Object.entries(c)
          .filter(([key]) => key !== 'sipkit' && key !== 'jssip')
          .map(([key, extra]) => `${key}: ${JSON.stringify(extra)}`);
        return {
          name,
          sipkit: samples(c['sipkit']),
          jssip: samples(c['jssip']),
          notes: extras.join('; '),
        };
      }),
  };
}
