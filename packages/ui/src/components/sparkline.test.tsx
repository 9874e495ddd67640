import { composeStories } from '@storybook/react';
import { screen } from '@testing-library/react';
import { expect } from 'vitest';
import { describeStories } from '../testing/story-test.js';
import * as stories from './sparkline.stories.js';

const path = (): string | null | undefined =>
  screen.getByRole('img').querySelector('path')?.getAttribute('d');

describeStories('Sparkline', composeStories(stories), {
  Line: async () => {
    expect(
      screen.getByRole('img', { name: 'Jitter, last 12 samples' }).dataset['sipkitState'],
    ).toBe('ready');
    expect(path()?.match(/L/g)).toHaveLength(11);
  },
  WithGaps: async () => {
    expect(path()?.match(/M/g)).toHaveLength(2);
  },
  Empty: async () => {
    expect(screen.getByRole('img').dataset['sipkitState']).toBe('empty');
    expect(path()).toBeUndefined();
    // Said, not left blank: the note and the baseline are drawn.
    expect(screen.getByRole('img').querySelector('text')?.textContent).toBe('No data yet');
    expect(screen.getByRole('img').querySelector('line')).not.toBeNull();
  },
  Flat: async () => {
    expect(path()).toBe('M0.0 12.0L32.0 12.0L64.0 12.0L96.0 12.0');
  },
});
