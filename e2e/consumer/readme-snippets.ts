import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The READMEs whose code a user copies (the repository's and each published package's), the
 * configuration reference and the deployment recipes' SipKit configuration. */
export const READMES = [
  'docs/configuration.md',
  'README.md',
  'packages/core/README.md',
  'packages/react/README.md',
  'packages/ui/README.md',
  'packages/testing/README.md',
  'packages/dev-server/README.md',
  'packages/jssip/README.md',
  'deploy/README.md',
] as const;

/** One fenced `ts`/`tsx` block, as a module file of the consumer app. */
export interface Snippet {
  /** e.g. `packages-react-README-2.tsx`. */
  readonly file: string;
  /** `README.md:42`, where the block starts, for error messages. */
  readonly origin: string;
  readonly code: string;
}

/**
 * Every ```ts and ```tsx block of a README, in order. Each becomes a module of its own (an
 * `export {}` is appended, so blocks without imports do not share one global scope): a block
 * must compile as it is written, with its own imports, or a user copying it would not get far.
 */
export function snippetsOf(repository: string, readme: string): Snippet[] {
  const lines = readFileSync(join(repository, readme), 'utf8').split('\n');
  const snippets: Snippet[] = [];
  const stem = readme.replace(/\.md$/, '').replaceAll('/', '-');
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^```(ts|tsx)\s*$/.exec(lines[i] ?? '');
    if (open === null) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end] !== '```') end += 1;
    if (end === lines.length) throw new Error(`${readme}:${start}: unclosed code block`);
    snippets.push({
      file: `${stem}-${snippets.length + 1}.${open[1]}`,
      origin: `${readme}:${start}`,
      code: `${lines.slice(start, end).join('\n')}\nexport {};\n`,
    });
    i = end;
  }
  return snippets;
}
