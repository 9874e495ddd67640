// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// happy-dom lays nothing out and axe cannot compute contrast there, so the palette is checked
// here instead: the ratios of the custom property colours, per WCAG 2.2 (relative luminance).
const css = readFileSync(new URL('./styles.css', import.meta.url), 'utf8');

function block(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no block ${selector}`);
  const body = css.slice(css.indexOf('{', start) + 1, css.indexOf('}', start));
  const tokens: Record<string, string> = {};
  for (const [, name, value] of body.matchAll(/(--sk-[\w-]+):\s*([^;]+);/g)) {
    tokens[name as string] = (value as string).trim();
  }
  return tokens;
}

function luminance(hex: string): number {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (match === null) throw new Error(`not a #rrggbb colour: ${hex}`);
  const channels = [0, 2, 4].map(
    (at) => parseInt((match[1] as string).slice(at, at + 2), 16) / 255,
  );
  const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * (r as number) + 0.7152 * (g as number) + 0.0722 * (b as number);
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((light as number) + 0.05) / ((dark as number) + 0.05);
}

// [foreground, background, minimum]: 4.5 for text (WCAG 1.4.3), 3 for the outlines and marks
// that identify controls and states (1.4.11).
const PAIRS: readonly (readonly [string, string, number])[] = [
  ['--sk-text', '--sk-page', 4.5],
  ['--sk-text', '--sk-surface', 4.5],
  ['--sk-text', '--sk-surface-2', 4.5],
  ['--sk-muted', '--sk-page', 4.5],
  ['--sk-muted', '--sk-surface', 4.5],
  ['--sk-muted', '--sk-surface-2', 4.5],
  ['--sk-on-accent', '--sk-accent', 4.5],
  ['--sk-on-call', '--sk-call', 4.5],
  ['--sk-on-hangup', '--sk-hangup', 4.5],
  ['--sk-on-banner', '--sk-banner', 4.5],
  ['--sk-ok', '--sk-surface', 4.5],
  ['--sk-ok', '--sk-surface-2', 4.5],
  ['--sk-warn', '--sk-surface', 4.5],
  ['--sk-warn', '--sk-surface-2', 4.5],
  ['--sk-danger', '--sk-surface', 4.5],
  ['--sk-danger', '--sk-surface-2', 4.5],
  ['--sk-danger', '--sk-page', 4.5],
  ['--sk-accent', '--sk-surface', 3],
  ['--sk-accent', '--sk-banner', 3],
  ['--sk-focus', '--sk-page', 3],
  ['--sk-focus', '--sk-surface', 3],
  ['--sk-focus', '--sk-banner', 3],
  ['--sk-border', '--sk-surface', 3],
  ['--sk-border', '--sk-page', 3],
];

describe('styles.css palette', () => {
  const themes = {
    light: block(':where([data-sipkit-theme])'),
    dark: block(":where([data-sipkit-theme='dark'])"),
  };

  for (const [theme, tokens] of Object.entries(themes)) {
    it.each(PAIRS)(`${theme}: %s on %s reaches %d:1`, (fg, bg, minimum) => {
      const ratio = contrast(tokens[fg] ?? 'missing', tokens[bg] ?? 'missing');
      expect(
        ratio,
        `${fg} ${tokens[fg]} on ${bg} ${tokens[bg]}: ${ratio.toFixed(2)}`,
      ).toBeGreaterThanOrEqual(minimum);
    });
  }

  it('gives prefers-color-scheme: dark exactly the [data-sipkit-theme=dark] values', () => {
    expect(block(":where([data-sipkit-theme]:not([data-sipkit-theme='light']))")).toEqual(
      themes.dark,
    );
  });

  it('selects nothing outside the kit: every rule is a kit class or the theme attribute', () => {
    // Comments and at-rule headers out; what is left before each `{` is a selector list.
    const rules = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/@media[^{]*\{/g, '');
    const selectors = [...rules.matchAll(/([^{}]+)\{/g)].flatMap((match) =>
      (match[1] as string).split(',').map((one) => one.trim()),
    );
    expect(selectors.length).toBeGreaterThan(100);
    const foreign = selectors.filter(
      (selector) =>
        // Its subject (last compound) or, in :where(...), every part must be the kit's.
        !/^(:where\()?\s*(\.sk-|\[data-sipkit-theme)/.test(selector) &&
        !/^:where\(\s*\.sk-/.test(selector),
    );
    expect(foreign).toEqual([]);
    expect(rules).not.toMatch(/:root|:host/);
    expect(rules).not.toMatch(/\[data-(state|theme|variant)\b/);
  });

  it('keeps the "No video" note readable on the black video background', () => {
    expect(contrast('#d5dae0', '#000000')).toBeGreaterThanOrEqual(4.5);
  });

  it('computes the known ratios', () => {
    expect(contrast('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
