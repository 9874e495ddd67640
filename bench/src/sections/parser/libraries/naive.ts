import type { Fields } from '../fields.js';
import type { Library } from './library.js';

/** The text after `key` up to the next `;`, `>`, `,` or end, e.g. a parameter value. */
function after(value: string, key: string, stops: string): string {
  const at = value.indexOf(key);
  if (at === -1) return '';
  let end = at + key.length;
  while (end < value.length && !stops.includes(value.charAt(end))) end++;
  return value.slice(at + key.length, end);
}

/**
 * The practical ceiling: split lines with indexOf, match the five header names (and compact
 * forms), and cut values out by substring. It validates nothing and ignores folding, quoting and
 * escaping, so no real parser should beat it; the gap to it is what a parser spends on being
 * correct.
 */
function extract(text: string): Fields {
  let lineEnd = text.indexOf('\r\n');
  const firstLine = text.slice(0, lineEnd);
  const isResponse = firstLine.startsWith('SIP/2.0 ');
  let fromHost = '';
  let toUser = '';
  let topViaBranch = '';
  let callId = '';
  let cseq = '';
  let start = lineEnd + 2;
  while ((lineEnd = text.indexOf('\r\n', start)) > start) {
    const colon = text.indexOf(':', start);
    const name = text.slice(start, colon).trim().toLowerCase();
    const value = text.slice(colon + 1, lineEnd).trim();
    start = lineEnd + 2;
    if ((name === 'via' || name === 'v') && topViaBranch === '') {
      topViaBranch = after(value, 'branch=', ';, ');
    } else if (name === 'from' || name === 'f') {
      fromHost = after(value, '@', ';>: ');
    } else if (name === 'to' || name === 't') {
      toUser = after(value, 'sip:', '@;>');
    } else if (name === 'call-id' || name === 'i') {
      callId = value;
    } else if (name === 'cseq') {
      cseq = value;
    }
  }
  const space = cseq.indexOf(' ');
  return {
    method: isResponse ? '' : firstLine.slice(0, firstLine.indexOf(' ')),
    status: isResponse ? Number(firstLine.slice(8, 11)) : 0,
    fromHost,
    toUser,
    topViaBranch,
    cseqSeq: Number(cseq.slice(0, space)),
    cseqMethod: cseq.slice(space + 1).trim(),
    callId,
  };
}

export const naive: Library = {
  id: 'naive',
  label: 'naive split',
  load() {
    return Promise.resolve({ ok: true, version: '-', extract });
  },
};
