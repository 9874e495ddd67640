import { composeStories } from '@storybook/react';
import { fireEvent, screen } from '@testing-library/react';
import { expect } from 'vitest';
import { describeStories, elapse, eventually } from '../testing/story-test.js';
import * as stories from './call-button.stories.js';

const call = (): HTMLButtonElement =>
  screen.getByRole('button', { name: 'Call' }) as HTMLButtonElement;
const status = (): string => screen.getByTestId('call-state').textContent ?? '';

describeStories('CallButton', composeStories(stories), {
  Ready: async () => {
    await eventually(() => expect(call().disabled).toBe(false));
    expect(call().dataset['sipkitState']).toBe('ready');
    fireEvent.click(call());
    await eventually(() => expect(status()).toBe('Ringing…'));
    await eventually(() => expect(status()).toBe('In call'));
  },
  NoTarget: async () => {
    await elapse(500);
    expect(call().disabled).toBe(true);
    expect(call().dataset['sipkitState']).toBe('disabled');
  },
  Offline: async () => {
    await elapse(500);
    expect(call().disabled).toBe(true);
    expect(status()).toBe('No call');
  },
});
