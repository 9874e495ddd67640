import { describe, expect, it } from 'vitest';
import { CallConnection } from './call-connection.js';
import { endsDialog } from './dialog-failure.js';

function connection(lost?: 'media' | 'signalling'): CallConnection {
  const result = new CallConnection(() => undefined);
  if (lost !== undefined) result.lost(lost, 'test');
  return result;
}

describe('endsDialog', () => {
  it('a healthy call: 481 and 408 end the dialog (RFC 3261 §12.2.1.2), others do not', () => {
    const healthy = connection();
    expect([481, 408, 430, 503, 480, 491].map((s) => endsDialog(s, healthy))).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it('a recovering call (media or signalling): a 408 is a failed attempt, a 481 still ends it', () => {
    for (const path of ['media', 'signalling'] as const) {
      const recovering = connection(path);
      expect(endsDialog(408, recovering)).toBe(false);
      expect(endsDialog(430, recovering)).toBe(false);
      expect(endsDialog(503, recovering)).toBe(false);
      expect(endsDialog(481, recovering)).toBe(true);
    }
  });

  it('once recovery gave up (`failed`), a 408 ends the dialog again', () => {
    const failed = connection('media');
    failed.fail('media', 'deadline');
    expect(endsDialog(408, failed)).toBe(true);
  });
});
