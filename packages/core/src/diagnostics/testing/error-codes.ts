import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** A production code as written in source: `DEV ? text : \`transport.connect-timeout ${url}\``. */
export interface CodeUse {
  readonly code: string;
  /** `packages/core/src/ua/x.ts:12`, for the failure message. */
  readonly where: string;
}

/** `area.kebab-name` (more dotted parts allowed): lowercase, digits and hyphens. */
export const codePattern = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(path);
    const shipped = /\.tsx?$/.test(entry.name) && !/\.(?:test|fixture|d)\.tsx?$/.test(entry.name);
    return shipped ? [path] : [];
  });
}

/**
 * A production branch that passes on a text made elsewhere, where its own `DEV ? … : …` gives it
 * its code: an error class's constructor (`DEV ? \`Invalid option …\` : \`${expected} …\``).
 */
function passesOn(node: ts.Expression): boolean {
  if (ts.isIdentifier(node)) return true;
  // `DEV ? ':' : ''`: punctuation only development texts have, nothing in production.
  if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && node.text === '') {
    return true;
  }
  return (
    ts.isTemplateExpression(node) &&
    node.head.text === '' &&
    node.templateSpans[0] !== undefined &&
    ts.isIdentifier(node.templateSpans[0].expression)
  );
}

/** The text a literal starts with: a string's whole value, a template's text before `${`. */
function leadingText(node: ts.Expression): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text;
  if (ts.isParenthesizedExpression(node)) return leadingText(node.expression);
  return undefined;
}

/**
 * Every `DEV ? … : …` in the shipped sources of `packages/*\/src`, read with the TypeScript parser
 * (a dev text may hold `:` and quotes, which a regular expression would trip on). A production
 * branch that is not a literal starting with a code is reported as a problem: the scheme is that
 * each production text opens with its code.
 */
export function findCodeUses(repoRoot: string): {
  uses: CodeUse[];
  problems: string[];
} {
  const uses: CodeUse[] = [];
  const problems: string[] = [];
  const packages = join(repoRoot, 'packages');
  for (const pkg of readdirSync(packages)) {
    let files: string[];
    try {
      files = sourceFiles(join(packages, pkg, 'src'));
    } catch {
      continue;
    }
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (!text.includes('DEV')) continue;
      const found = codeUsesIn(relative(repoRoot, file), text);
      uses.push(...found.uses);
      problems.push(...found.problems);
    }
  }
  return { uses, problems };
}

/**
 * The codes a `docs/errors/<area>.md` table lists: the first cell of each row, in backticks, up
 * to the first space (`media.ms-invalid <option> <value>` documents `media.ms-invalid`).
 */
export function documentedCodes(markdown: string): string[] {
  return [...markdown.matchAll(/^\|\s*`([^`\s]+)[^`]*`\s*\|/gm)].map((match) => match[1] ?? '');
}

/**
 * The docs files a code may be in: its area's (`docs/errors/media-change.md`), else the file of
 * the area it extends (`media.md` for `media-change.*`).
 */
export function areaFiles(code: string): string[] {
  const area = code.slice(0, code.indexOf('.'));
  const parent = area.split('-')[0] ?? area;
  return parent === area ? [area] : [area, parent];
}

/** The `DEV ? … : …` codes of one source file (`name` is only for the messages). */
export function codeUsesIn(name: string, text: string): { uses: CodeUse[]; problems: string[] } {
  const uses: CodeUse[] = [];
  const problems: string[] = [];
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node): void => {
    if (
      ts.isConditionalExpression(node) &&
      ts.isIdentifier(node.condition) &&
      node.condition.text === 'DEV'
    ) {
      if (passesOn(node.whenFalse)) {
        ts.forEachChild(node, visit);
        return;
      }
      const line = source.getLineAndCharacterOfPosition(node.whenFalse.getStart()).line + 1;
      const where = `${name}:${line}`;
      const lead = leadingText(node.whenFalse);
      const code = lead === undefined ? undefined : codePattern.exec(lead)?.[0];
      const rest = lead === undefined || code === undefined ? '' : lead.slice(code.length);
      if (code === undefined || !/^(?:$|\s)/.test(rest)) {
        problems.push(
          `${where}: the production branch must be a literal that opens with a code such as \`transport.connect-timeout\`, got ${node.whenFalse.getText().slice(0, 60)}`,
        );
      } else uses.push({ code, where });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { uses, problems };
}
