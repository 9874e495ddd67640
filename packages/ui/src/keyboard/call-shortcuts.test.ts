import { describe, expect, it } from 'vitest';
import { DEFAULT_CALL_SHORTCUTS, isTypingTarget, matchesShortcut } from './call-shortcuts.js';

const key = (init: Partial<KeyboardEventInit>) => new KeyboardEvent('keydown', init);

describe('matchesShortcut', () => {
  it('matches Alt+Shift+letter by physical key, whatever the letter typed', () => {
    const answer = DEFAULT_CALL_SHORTCUTS.answer;
    expect(
      matchesShortcut(key({ code: 'KeyA', key: 'A', altKey: true, shiftKey: true }), answer),
    ).toBe(true);
    // Option+Shift+A on a Mac types Å: still the answer key.
    expect(
      matchesShortcut(key({ code: 'KeyA', key: 'Å', altKey: true, shiftKey: true }), answer),
    ).toBe(true);
  });

  it('needs exactly the modifiers named', () => {
    const answer = DEFAULT_CALL_SHORTCUTS.answer;
    expect(matchesShortcut(key({ code: 'KeyA', key: 'a' }), answer)).toBe(false);
    expect(matchesShortcut(key({ code: 'KeyA', altKey: true }), answer)).toBe(false);
    expect(
      matchesShortcut(key({ code: 'KeyA', altKey: true, shiftKey: true, ctrlKey: true }), answer),
    ).toBe(false);
    expect(matchesShortcut(key({ code: 'KeyD', altKey: true, shiftKey: true }), answer)).toBe(
      false,
    );
    expect(matchesShortcut(key({ code: 'KeyA', altKey: true, shiftKey: true }), 'Hyper+A')).toBe(
      false,
    );
  });

  it('matches named keys and digits', () => {
    expect(matchesShortcut(key({ key: 'F8', code: 'F8' }), 'F8')).toBe(true);
    expect(matchesShortcut(key({ key: '1', code: 'Digit1', ctrlKey: true }), 'Control+1')).toBe(
      true,
    );
  });

  it('gives every default action its own key', () => {
    expect(new Set(Object.values(DEFAULT_CALL_SHORTCUTS)).size).toBe(4);
  });
});

describe('isTypingTarget', () => {
  it('is true in fields that take text, false on buttons and the page', () => {
    document.body.innerHTML =
      '<input id="i"><textarea id="t"></textarea><select id="s"></select><div contenteditable="true"><b id="c">x</b></div><button id="b">B</button>';
    for (const id of ['i', 't', 's', 'c'])
      expect(isTypingTarget(document.getElementById(id))).toBe(true);
    expect(isTypingTarget(document.getElementById('b'))).toBe(false);
    expect(isTypingTarget(document.body)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
