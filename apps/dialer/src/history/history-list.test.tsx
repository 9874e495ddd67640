import { render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { CallHistoryEntry } from './call-history.js';
import { HistoryList } from './history-list.js';

const entry = (id: string, direction: CallHistoryEntry['direction']): CallHistoryEntry => ({
  id,
  direction,
  remoteUri: `sip:${id}@sip.test`,
  remoteName: id.toUpperCase(),
  endTime: Date.UTC(2026, 0, 1),
  duration: 42,
  answered: true,
  cause: undefined,
});

describe('<HistoryList>', () => {
  it('says each call’s direction in text, with no aria-label on an element without a role', () => {
    render(
      <HistoryList
        history={[entry('bob', 'incoming'), entry('carol', 'outgoing')]}
        onCall={vi.fn()}
      />,
    );
    const [bob, carol] = within(screen.getByRole('list', { name: 'Call history' })).getAllByRole(
      'listitem',
    );
    expect(bob?.textContent).toContain('Incoming call from BOB');
    expect(carol?.textContent).toContain('Outgoing call to CAROL');
    // The arrows are decoration: hidden from screen readers, which hear the text instead.
    for (const arrow of document.querySelectorAll('.history-direction'))
      expect(arrow.getAttribute('aria-hidden')).toBe('true');
    // A name on a span with no role is not read (ARIA 1.2 prohibits it): there must be none.
    const named = [...document.querySelectorAll('span[aria-label]')].filter(
      (span) => !span.hasAttribute('role'),
    );
    expect(named).toEqual([]);
  });
});
