import { composeStories } from '@storybook/react';
import { fireEvent, screen, within } from '@testing-library/react';
import { expect } from 'vitest';
import { describeStories, elapse, eventually } from '../testing/story-test.js';
import * as stories from './sip-ladder.stories.js';

const rows = (): HTMLElement[] => screen.queryAllByRole('listitem');
const summary = (): string[] =>
  rows().map(
    (row) =>
      `${row.dataset['sipkitDirection']} ${row.querySelector('.sk-ladder-label')?.textContent}`,
  );

describeStories('SipLadder', composeStories(stories), {
  CallFlow: async () => {
    await eventually(() => expect(screen.getByTestId('call-state').textContent).toBe('In call'));
    expect(summary()).toEqual([
      'sent INVITE',
      'received 100 Trying',
      'received 180 Ringing',
      'received 200 OK',
      'sent ACK',
    ]);
    expect(screen.getByRole('figure').dataset['sipkitState']).toBe('ready');
    const invite = within(rows()[0] as HTMLElement).getByRole('button');
    expect(invite.textContent).toContain('You to bob');
    fireEvent.click(invite);
    expect(invite.getAttribute('aria-expanded')).toBe('true');
    const raw = document.getElementById(invite.getAttribute('aria-controls') ?? '');
    expect(raw?.textContent).toMatch(/^INVITE sip:bob@sip\.test SIP\/2\.0\r\n/);
    expect(raw?.textContent).toContain('Content-Type: application/sdp');
    fireEvent.click(invite);
    expect(invite.getAttribute('aria-expanded')).toBe('false');
  },
  Busy: async () => {
    await eventually(() =>
      expect(screen.getByTestId('call-state').textContent).toBe('Call ended: Busy'),
    );
    await elapse(100);
    expect(summary()).toContain('received 486 Busy Here');
    expect(summary().at(-1)).toBe('sent ACK');
    expect(rows().find((row) => row.dataset['sipkitClass'] === '4xx')).toBeTruthy();
  },
  HungUp: async () => {
    await eventually(() => expect(screen.getByTestId('call-state').textContent).toBe('Call ended'));
    await elapse(100);
    expect(summary().slice(-2)).toEqual(['sent BYE', 'received 200 OK']);
  },
  Empty: async () => {
    await elapse(500);
    expect(screen.getByText('No SIP messages yet.')).toBeTruthy();
    expect(screen.getByRole('figure').dataset['sipkitState']).toBe('empty');
  },
});
