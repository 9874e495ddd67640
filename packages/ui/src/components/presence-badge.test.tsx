import { composeStories } from '@storybook/react';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { describeStories, eventually } from '../testing/story-test.js';
import { presenceText } from './presence-badge.js';
import * as stories from './presence-badge.stories.js';

const badge = (): HTMLElement => document.querySelector<HTMLElement>('.sk-presence')!;
const shows = async (text: string, availability: string) => {
  await eventually(() => expect(badge().textContent).toBe(text));
  expect(badge().dataset['sipkitAvailability']).toBe(availability);
};

describeStories('PresenceBadge', composeStories(stories), {
  Available: async () => {
    await shows('Available', 'available');
    expect(badge().dataset['sipkitState']).toBe('active');
  },
  OnThePhone: () => shows('On the phone: with a customer', 'on-the-phone'),
  Away: () => shows('Away', 'away'),
  Offline: () => shows('Offline', 'offline'),
  Unavailable: async () => {
    // The proxy's 404 ends it; its reason phrase is the reason shown.
    await shows('Presence unavailable: Not Found', 'unknown');
    expect(badge().dataset['sipkitState']).toBe('terminated');
    expect(screen.queryByText('Unknown')).toBeNull();
  },
});

describe('presenceText', () => {
  it('says pending while authorization waits and gives the reason of a rejection', () => {
    expect(presenceText({ status: 'pending', availability: 'unknown', reason: undefined })).toBe(
      'Waiting for approval',
    );
    expect(
      presenceText({ status: 'terminated', availability: 'unknown', reason: 'rejected' }),
    ).toBe('Presence unavailable: rejected');
    // A subscription that ended keeps showing the last state it had.
    expect(presenceText({ status: 'terminated', availability: 'away', reason: 'noresource' })).toBe(
      'Away',
    );
  });
});
