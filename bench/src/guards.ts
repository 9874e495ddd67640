/**
 * Pieces of the type guards that check what a worker process sends back (`runChild` hands over
 * `unknown`): each section's protocol.ts describes its own shapes with these.
 */

/** The fields of `value` for a guard to read, or undefined when it is not an object. */
export function fieldsOf(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Whether each of `keys` holds a number. */
export function numbersAt(
  fields: Readonly<Record<string, unknown>>,
  keys: readonly string[],
): boolean {
  return keys.every((key) => typeof fields[key] === 'number');
}

/** A worker's report that it could not measure: `{ kind: 'failed', reason }`. */
export function isFailureReport(fields: Readonly<Record<string, unknown>>): boolean {
  return fields['kind'] === 'failed' && typeof fields['reason'] === 'string';
}
