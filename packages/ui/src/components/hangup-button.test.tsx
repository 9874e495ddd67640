import { composeStories } from '@storybook/react';
import { fireEvent, screen } from '@testing-library/react';
import { expect } from 'vitest';
import { describeStories, elapse, eventually } from '../testing/story-test.js';
import * as stories from './hangup-button.stories.js';

const hangup = (): HTMLButtonElement =>
  screen.getByRole('button', { name: 'Hang up' }) as HTMLButtonElement;

describeStories('HangupButton', composeStories(stories), {
  NoCall: async () => {
    await elapse(500);
    expect(hangup().disabled).toBe(true);
    expect(hangup().dataset['sipkitState']).toBe('idle');
  },
  InCall: async () => {
    await eventually(() => expect(hangup().dataset['sipkitState']).toBe('confirmed'));
    fireEvent.click(hangup());
    await eventually(() => expect(screen.getByTestId('call-state').textContent).toBe('Call ended'));
    expect(hangup().disabled).toBe(true);
  },
});
