import type { PhonePage } from './phone-page.js';
import type { WsFrame } from './ws-frames.js';

/** One library's result in one recovery scenario, as printed and written to the results. */
export interface RecoveryRow {
  readonly scenario: string;
  readonly library: string;
  /** Milliseconds from the network's return to inbound audio on [alice, bob]; null: none came. */
  readonly audioBackMs: readonly (number | undefined)[];
  /** The call went on (and, where the scenario says so, ended properly later). */
  readonly survived: boolean;
  /** The evidence: what was seen on the wire and in the pages. */
  readonly notes: string;
}

/**
 * Whether call `id` of `phone` is still up, and a short account of it: the ICE and connection
 * states it went through and, when it ended, who ended it and why.
 *
 * @example const { live, how } = await callOutcome(alice, id);
 */
export async function callOutcome(
  phone: PhonePage,
  id: number,
): Promise<{ readonly live: boolean; readonly how: string }> {
  const call = (await phone.state()).calls[id];
  const events = call?.events ?? [];
  const start = call?.startedAt ?? 0;
  const end = events.find((e) => e.name === 'ended' || e.name === 'failed');
  const trail = events
    .filter((e) => /^(ice|connection):/.test(e.name) || e === end)
    .map((e) => {
      const who = e.originator === undefined ? '' : `/${e.originator}`;
      const why = e.cause === undefined ? '' : `(${e.cause.trim()})`;
      return `${e.name}${who}${why}@${((e.at - start) / 1000).toFixed(1)}s`;
    });
  return { live: end === undefined, how: trail.join(' ') || 'no change' };
}

/**
 * True once every page in `frameSets` received a 2xx to a REGISTER after `since` (it is on a new
 * connection and bound again); false if one has not within `timeoutMs`.
 */
export async function registeredAgain(
  frameSets: readonly (readonly WsFrame[])[],
  since: number,
  timeoutMs: number,
): Promise<boolean> {
  const done = (frames: readonly WsFrame[]): boolean =>
    frames.some(
      (f) =>
        f.direction === 'received' &&
        f.at >= since &&
        /^SIP\/2\.0 2\d\d /.test(f.text) &&
        /^CSeq:\s*\d+\s+REGISTER/im.test(f.text),
    );
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (frameSets.every(done)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One printed line per row: `recovery | 2 media cut 10 s | jssip | audio 312/298 ms | ...`. */
export function formatRow(row: RecoveryRow): string {
  const audio = row.audioBackMs.map((ms) => (ms === undefined ? 'none' : String(ms))).join('/');
  return (
    `recovery | ${row.scenario} | ${row.library} | audio back (alice/bob) ${audio} ms | ` +
    `${row.survived ? 'call survived' : 'CALL LOST'} | ${row.notes}`
  );
}
