import { composeStories } from '@storybook/react';
import { screen } from '@testing-library/react';
import { expect } from 'vitest';
import { describeStories, eventually } from '../testing/story-test.js';
import * as stories from './voicemail-indicator.stories.js';

const lamp = (): HTMLElement => screen.getByRole('status');

describeStories('VoicemailIndicator', composeStories(stories), {
  Waiting: async () => {
    await eventually(() => expect(lamp().textContent).toBe('2 new voicemails, 5 old'));
    expect(lamp().dataset['sipkitState']).toBe('waiting');
    expect(lamp().dataset['sipkitCount']).toBe('2');
  },
  Empty: async () => {
    await eventually(() => expect(lamp().dataset['sipkitState']).toBe('none'));
    expect(lamp().textContent).toBe('No new voicemail');
  },
});
