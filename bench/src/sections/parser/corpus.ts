import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Fields } from './fields.js';
import { isFields } from './fields.js';

/** The corpus folder: raw SIP-over-WebSocket messages, one per `.sip` file, exactly as on the wire. */
export const corpusDir = fileURLToPath(new URL('../../../corpus/', import.meta.url));

export interface CorpusMessage {
  readonly name: string;
  readonly text: string;
  /** What a correct parser reads from this message (hand-written in corpus/expected.json). */
  readonly expected: Fields;
}

/** Where the header section ends and the body begins: the first empty line. */
export function splitHeadBody(text: string): { head: string; body: string } | undefined {
  const end = text.indexOf('\r\n\r\n');
  if (end === -1) return undefined;
  return { head: text.slice(0, end + 2), body: text.slice(end + 4) };
}

const contentLengthLine = /^(?:Content-Length|l)[ \t]*:[ \t]*(\d+)[ \t]*$/im;

/**
 * Why a message is not a well-formed stream message, or undefined if it is. Checked before every
 * run because editors silently turn CRLF into LF, and a wrong Content-Length would make the
 * libraries disagree about the body for reasons unrelated to their parsers.
 */
export function wireProblem(text: string): string | undefined {
  if (/(?<!\r)\n|\r(?!\n)/.test(text)) return 'has a bare LF or CR (SIP lines end in CRLF)';
  const parts = splitHeadBody(text);
  if (parts === undefined) return 'has no empty line ending the headers';
  const match = contentLengthLine.exec(parts.head);
  if (match === null) return 'has no Content-Length (required over a stream transport)';
  // Content-Length counts octets, not UTF-16 code units: a non-ASCII body differs.
  const bytes = Buffer.byteLength(parts.body, 'utf8');
  if (Number(match[1]) !== bytes) {
    return `says Content-Length: ${match[1]} but the body is ${bytes} bytes (run \`pnpm --filter @sipkit/bench run corpus:fix\`)`;
  }
  return undefined;
}

/** The corpus files in name order. */
export function corpusFiles(): string[] {
  return readdirSync(corpusDir)
    .filter((name) => name.endsWith('.sip'))
    .sort();
}

/** Loads and validates the corpus; throws one error listing every problem. */
export function loadCorpus(): CorpusMessage[] {
  const expected: unknown = JSON.parse(readFileSync(join(corpusDir, 'expected.json'), 'utf8'));
  if (typeof expected !== 'object' || expected === null) {
    throw new Error('corpus/expected.json must be an object keyed by file name');
  }
  const table = new Map(Object.entries(expected));
  const problems: string[] = [];
  const messages: CorpusMessage[] = [];
  for (const name of corpusFiles()) {
    const text = readFileSync(join(corpusDir, name), 'utf8');
    const problem = wireProblem(text);
    const fields: unknown = table.get(name);
    table.delete(name);
    if (problem !== undefined) problems.push(`${name} ${problem}`);
    else if (!isFields(fields)) problems.push(`${name} has no valid entry in expected.json`);
    else messages.push({ name, text, expected: fields });
  }
  for (const name of table.keys())
    problems.push(`expected.json names ${name}, which does not exist`);
  if (messages.length === 0 && problems.length === 0) problems.push('no .sip files found');
  if (problems.length > 0) {
    throw new Error(`bench corpus (${corpusDir}) is invalid:\n  ${problems.join('\n  ')}`);
  }
  return messages;
}
