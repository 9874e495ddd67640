/**
 * Resolves once every pending promise callback has run: `setImmediate` comes after the microtask
 * queue drains. Tests fake only setTimeout/clearTimeout so this stays real.
 */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Tracks a promise's outcome so a test can assert "not settled yet" at an exact time. */
export function observe<T>(promise: Promise<T>): {
  readonly settled: () => boolean;
  readonly value: () => T | undefined;
  readonly error: () => unknown;
} {
  let state: { done: false } | { done: true; value?: T; error?: unknown } = { done: false };
  promise.then(
    (value) => (state = { done: true, value }),
    (error: unknown) => (state = { done: true, error }),
  );
  return {
    settled: () => state.done,
    value: () => (state.done ? state.value : undefined),
    error: () => (state.done ? state.error : undefined),
  };
}
