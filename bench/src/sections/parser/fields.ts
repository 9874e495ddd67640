/**
 * What every library must read from every message: the fields a user agent touches on each
 * incoming message to route it to a transaction and a dialog. Lazy parsers therefore pay for
 * exactly what a UA uses, not just for splitting lines.
 */
export interface Fields {
  /** Request method, or '' for a response. */
  readonly method: string;
  /** Response status code, or 0 for a request. */
  readonly status: number;
  readonly fromHost: string;
  readonly toUser: string;
  /** Branch parameter of the top Via. */
  readonly topViaBranch: string;
  readonly cseqSeq: number;
  readonly cseqMethod: string;
  readonly callId: string;
}

export const fieldNames = [
  'method',
  'status',
  'fromHost',
  'toUser',
  'topViaBranch',
  'cseqSeq',
  'cseqMethod',
  'callId',
] as const satisfies readonly (keyof Fields)[];

/**
 * Folds the fields into one number that the timed loop accumulates, so no extraction can be
 * dead-code eliminated, and so the total proves each timed pass read the same values.
 */
export function score(f: Fields): number {
  return (
    f.method.length +
    f.status +
    f.fromHost.length +
    f.toUser.length +
    f.topViaBranch.length +
    f.cseqSeq +
    f.cseqMethod.length +
    f.callId.length
  );
}

export function isFields(value: unknown): value is Fields {
  if (typeof value !== 'object' || value === null) return false;
  const record = new Map(Object.entries(value));
  return fieldNames.every((name) => {
    const v: unknown = record.get(name);
    return name === 'status' || name === 'cseqSeq' ? typeof v === 'number' : typeof v === 'string';
  });
}

/** Field-by-field differences, as "field: got X, expected Y" lines. */
export function diffFields(got: Fields, expected: Fields): string[] {
  return fieldNames
    .filter((name) => got[name] !== expected[name])
    .map(
      (name) =>
        `${name}: got ${JSON.stringify(got[name])}, expected ${JSON.stringify(expected[name])}`,
    );
}
