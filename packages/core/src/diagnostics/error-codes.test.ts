import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  areaFiles,
  codePattern,
  codeUsesIn,
  documentedCodes,
  findCodeUses,
} from './testing/error-codes.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const docsDir = join(repoRoot, 'docs/errors');

/** Every code documented in docs/errors, by the area file it is in. */
function docs(): Map<string, string[]> {
  const byArea = new Map<string, string[]>();
  for (const name of readdirSync(docsDir)) {
    if (!name.endsWith('.md') || name === 'README.md') continue;
    byArea.set(name.slice(0, -3), documentedCodes(readFileSync(join(docsDir, name), 'utf8')));
  }
  return byArea;
}

// The production build keeps a code where the development build has a sentence (README.md in
// docs/errors): a code nobody documented leaves the person reading a production log with nothing.
describe('production error codes', () => {
  const { uses, problems } = findCodeUses(repoRoot);

  it('finds the codes in the sources', () => {
    expect(uses.length).toBeGreaterThan(0);
  });

  it('writes every production branch as a literal that opens with a code', () => {
    expect(problems).toEqual([]);
  });

  it('documents every code in docs/errors/<area>.md', () => {
    const documented = docs();
    const missing = uses
      .filter(({ code }) => !areaFiles(code).some((f) => documented.get(f)?.includes(code)))
      .map(({ code, where }) => {
        const file = `docs/errors/${code.slice(0, code.indexOf('.'))}.md`;
        return `${code} (${where}): add a row to ${file}${existsSync(join(repoRoot, file)) ? '' : ', a new file'}`;
      });
    expect(missing).toEqual([]);
  });

  it('documents only codes that exist, each in its own area file, once', () => {
    const used = new Set(uses.map(({ code }) => code));
    const wrong: string[] = [];
    for (const [area, codes] of docs()) {
      const seen = new Set<string>();
      for (const code of codes) {
        if (!codePattern.test(code) || !areaFiles(code).includes(area)) {
          wrong.push(`${code} is in docs/errors/${area}.md: codes there start with "${area}."`);
        } else if (!used.has(code)) {
          wrong.push(
            `${code} (docs/errors/${area}.md) is used nowhere in packages/*/src: remove it`,
          );
        } else if (seen.has(code)) wrong.push(`${code} is listed twice in docs/errors/${area}.md`);
        seen.add(code);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('documentedCodes and areaFiles', () => {
  it('reads the code of each row, values after it left out', () => {
    const table = [
      '| code | what went wrong | what to change |',
      '| --- | --- | --- |',
      '| `media.ms-invalid <option> <value>` | x | y |',
      '| `media-change.no-transceiver` | x | y |',
    ].join('\n');
    expect(documentedCodes(table)).toEqual(['media.ms-invalid', 'media-change.no-transceiver']);
    expect(areaFiles('media-change.no-transceiver')).toEqual(['media-change', 'media']);
    expect(areaFiles('ua.call-when')).toEqual(['ua']);
  });
});

describe('codeUsesIn (the reader the checks above rely on)', () => {
  it('reads the code after a dev text holding colons and quotes, in a template with values', () => {
    const text = [
      "const a = DEV ? `must be sip:alice@example.com: got '${v}'` : `config.uri-invalid ${v}`;",
      "const b = DEV ? 'plain' : 'transport.closed';",
      'const c = DEV ? `x` : (`ua.not-started`);',
      "const d = DEV ? 'long' : `media-change.not-ready ${status}`;",
      "const e = `${text}${DEV ? ':' : ''} ${why}`;",
    ].join('\n');
    expect(codeUsesIn('x.ts', text)).toEqual({
      uses: [
        { code: 'config.uri-invalid', where: 'x.ts:1' },
        { code: 'transport.closed', where: 'x.ts:2' },
        { code: 'ua.not-started', where: 'x.ts:3' },
        { code: 'media-change.not-ready', where: 'x.ts:4' },
      ],
      problems: [],
    });
  });

  it("accepts a constructor passing on its caller's coded text, and checks the caller", () => {
    const text = [
      'super(DEV ? `Invalid option "${parameter}": ${expected}` : `${expected} (${parameter})`);',
      "new InvalidOptionError('x', DEV ? 'long' : 'option.media-type');",
    ].join('\n');
    expect(codeUsesIn('z.ts', text)).toEqual({
      uses: [{ code: 'option.media-type', where: 'z.ts:2' }],
      problems: [],
    });
  });

  it('reports a production branch that is not a literal opening with a code', () => {
    const text = [
      'const a = DEV ? `long` : error.message;',
      "const b = DEV ? 'long' : 'Not a code';",
      "const c = DEV ? 'long' : 'ua.code:glued';",
    ].join('\n');
    expect(codeUsesIn('y.ts', text).problems.map((p) => p.slice(0, 6))).toEqual([
      'y.ts:1',
      'y.ts:2',
      'y.ts:3',
    ]);
  });
});
