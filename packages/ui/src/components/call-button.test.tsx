import { composeStories } from '@storybook/react';
import { fireEvent, screen } from '@testing-library/react';
import { expect } from 'vitest';
import { describeStories, elapse, eventually } from '../testing/story-test.js';
import * as stories from './call-button.stories.js';

const call = (): HTMLButtonElement =>
  screen.getByRole('button', { name: 'Call' }) as HTMLButtonElement;
const status = (): string => screen.getByTestId('call-state').textContent ?? '';
const badge = (): string => screen.getByRole('status').textContent ?? '';
const target = (): string => screen.getByTestId('target').textContent ?? '';

describeStories('CallButton', composeStories(stories), {
  Ready: async () => {
    await eventually(() => expect(badge()).toBe('Registered'));
    expect(target()).toBe('Calls “bob”');
    expect(call().disabled).toBe(false);
    expect(call().dataset['sipkitState']).toBe('ready');
    fireEvent.click(call());
    await eventually(() => expect(status()).toBe('Ringing…'));
    await eventually(() => expect(status()).toBe('In call'));
  },
  NoTarget: async () => {
    // Connected and registered: only the missing target keeps it disabled.
    await eventually(() => expect(badge()).toBe('Registered'));
    expect(target()).toBe('Nothing typed to call');
    expect(call().disabled).toBe(true);
    expect(call().dataset['sipkitState']).toBe('disabled');
    fireEvent.click(call());
    expect(status()).toBe('No call');
  },
  Offline: async () => {
    await elapse(500);
    // A target, but no connection: the badge says why the button is disabled.
    expect(badge()).toBe('Offline');
    expect(target()).toBe('Calls “bob”');
    expect(call().disabled).toBe(true);
    expect(status()).toBe('No call');
  },
});
