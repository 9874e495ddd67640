/**
 * `pnpm --filter @sipkit/bench run corpus:fix`: rewrites every corpus file with CRLF line endings
 * and the right Content-Length, so the corpus can be edited in any editor. The loader refuses a
 * corpus that is not in this form rather than guessing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir, corpusFiles, splitHeadBody, wireProblem } from './corpus.js';

function fix(text: string): string {
  const crlf = text.replace(/\r\n|\r|\n/g, '\r\n');
  const parts = splitHeadBody(crlf);
  if (parts === undefined) return crlf;
  const bytes = Buffer.byteLength(parts.body, 'utf8');
  const head = parts.head.replace(
    /^(Content-Length|l)([ \t]*:[ \t]*)\d+/im,
    (_match, name: string, colon: string) => `${name}${colon}${bytes}`,
  );
  return `${head}\r\n${parts.body}`;
}

for (const name of corpusFiles()) {
  const path = join(corpusDir, name);
  const before = readFileSync(path, 'utf8');
  const after = fix(before);
  if (after !== before) writeFileSync(path, after);
  const problem = wireProblem(after);
  const size = Buffer.byteLength(after, 'utf8');
  console.log(`${name.padEnd(24)} ${String(size).padStart(5)} B  ${problem ?? 'ok'}`);
}
