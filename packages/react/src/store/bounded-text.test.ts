import { describe, expect, it } from 'vitest';
import { ownedText } from './bounded-text.js';

describe('ownedText', () => {
  it('keeps short text as it is', () => {
    expect(ownedText('Bob', 10)).toBe('Bob');
  });

  it('cuts long text to max characters, ending in an ellipsis', () => {
    const cut = ownedText('x'.repeat(200_000), 1024);
    expect(cut).toHaveLength(1024);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('never splits a surrogate pair', () => {
    const cut = ownedText(`${'a'.repeat(8)}😀${'b'.repeat(10)}`, 10);
    expect(cut).toBe(`${'a'.repeat(8)}…`);
  });
});
