/**
 * Heap in use once garbage is collected: `global.gc` (the worker runs with `--expose-gc`) a few
 * times with a turn of the event loop between, so objects freed by finalizers or by callbacks
 * that were still queued are gone too.
 */
export async function settledHeap(): Promise<number> {
  const gc = globalThis.gc;
  if (gc === undefined) throw new Error('heap measurements need node --expose-gc');
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}
