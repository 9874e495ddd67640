import { composeStories } from '@storybook/react';
import { screen } from '@testing-library/react';
import { expect } from 'vitest';
import { describeStories, eventually } from '../testing/story-test.js';
import * as stories from './buddy-list.stories.js';

const row = (name: string): HTMLElement =>
  screen.getByText(name, { selector: '.sk-buddy-name' }).closest('li')!;

async function colleaguesShown(): Promise<void> {
  await eventually(() => expect(row('Bob').dataset['sipkitLamp']).toBe('idle'));
  await eventually(() => expect(row('Carol').dataset['sipkitLamp']).toBe('busy'));
  await eventually(() => expect(row('Dave').dataset['sipkitLamp']).toBe('ringing'));
  await eventually(() => expect(row('Bob').textContent).toContain('Available'));
  expect(row('Carol').textContent).toContain('On the phone');
  expect(row('Carol').textContent).toContain('In a call');
  expect(row('Dave').textContent).toContain('Ringing: Erin');
}

describeStories('BuddyList', composeStories(stories), {
  Colleagues: async () => {
    await colleaguesShown();
    expect(screen.getByRole('list', { name: 'Contacts' })).toBeDefined();
    expect(screen.queryByRole('button', { name: /Pick up/ })).toBeNull();
    // Click-to-call is ready once connected (placing goes through usePlaceCall, as CallButton).
    const call = screen.getByRole<HTMLButtonElement>('button', { name: 'Call Bob' });
    await eventually(() => expect(call.disabled).toBe(false));
  },
  WithPickup: async () => {
    await colleaguesShown();
    expect(screen.getByRole('button', { name: 'Pick up the call to Dave' })).toBeDefined();
    expect(screen.getAllByRole('button', { name: /Pick up/ })).toHaveLength(1);
  },
  PickupByReplaces: async () => {
    // The play function pressed Pick up: a call to Erin's line (the caller) was placed.
    await eventually(() =>
      expect(screen.getByTestId('placed-call').textContent).toMatch(/^sip:caller@sip\.test /),
    );
  },
});
