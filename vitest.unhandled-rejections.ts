/**
 * Vitest setup file (projects `core` and `testing`): a test during which a promise rejection went
 * unhandled fails, naming the rejection. Vitest alone reports such rejections for the whole run,
 * not for the test that caused them; in an app the same rejection exits Node or leaves a browser
 * UA without the event it owes (issue 19, finding 4).
 */
import { afterEach } from 'vitest';

// Taken before any test can install fake timers: the check must wait for a real turn of the
// event loop, which is when Node reports a rejection nobody handled.
const realSetImmediate = globalThis.setImmediate;
const unhandled: unknown[] = [];

process.on('unhandledRejection', (reason) => {
  unhandled.push(reason);
});

afterEach(async () => {
  await new Promise((resolve) => realSetImmediate(resolve));
  if (unhandled.length === 0) return;
  const reasons = unhandled
    .splice(0)
    .map((reason) =>
      reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason),
    );
  throw new Error(`unhandled promise rejection during this test:\n${reasons.join('\n')}`);
});
