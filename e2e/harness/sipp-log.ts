import { readFileSync } from 'node:fs';

/** One message in SIPp's `-trace_msg` file, with the time SIPp itself logged for it. */
export interface SippLogEntry {
  /** ms since the epoch, from SIPp's own timestamp. */
  readonly at: number;
  readonly direction: 'sent' | 'received';
  readonly text: string;
}

// Each entry starts with a dashed line and SIPp's local time, e.g.
// `----------------------------------------------- 2026-12-02 04:28:02.113278`.
const HEADER = /^-{10,} (\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})\d*$/m;

/**
 * Reads SIPp's message log. Timing checks use these timestamps rather than ours: they say when
 * the far end actually saw a request, which is what RFC 4028's deadlines are about.
 */
export function readSippLog(file: string): SippLogEntry[] {
  const entries: SippLogEntry[] = [];
  for (const chunk of readFileSync(file, 'utf8').split(/^(?=-{10,} \d{4}-)/m)) {
    const header = HEADER.exec(chunk);
    if (header === null) continue;
    const [, date, time] = header;
    const body = chunk.slice(header.index + header[0].length).replace(/^\s*\n/, '');
    const [summary = '', ...rest] = body.split('\n');
    entries.push({
      at: new Date(`${date}T${time}`).getTime(),
      direction: summary.includes(' sent') ? 'sent' : 'received',
      text: rest.join('\n').trim(),
    });
  }
  return entries;
}

/** The first entry whose start line begins with `start` (`BYE `, `SIP/2.0 200`...) going `direction`. */
export function findSippEntry(
  entries: readonly SippLogEntry[],
  direction: SippLogEntry['direction'],
  start: string,
  cseqMethod?: string,
): SippLogEntry | undefined {
  return entries.find(
    (entry) =>
      entry.direction === direction &&
      entry.text.startsWith(start) &&
      (cseqMethod === undefined ||
        new RegExp(`^CSeq:\\s*\\d+\\s+${cseqMethod}\\s*$`, 'im').test(entry.text)),
  );
}
