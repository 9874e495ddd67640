import { composeStories } from '@storybook/react';
import { fireEvent, screen, within } from '@testing-library/react';
import { expect } from 'vitest';
import { describeStories, eventually } from '../testing/story-test.js';
import * as stories from './disconnect-button.stories.js';

const button = (name: string): HTMLButtonElement =>
  screen.getByRole('button', { name }) as HTMLButtonElement;
const disconnects = (): string => screen.getByTestId('disconnects').textContent ?? '';
const status = (): string => screen.getByTestId('call-state').dataset['status'] ?? '';

describeStories('DisconnectButton', composeStories(stories), {
  Idle: async () => {
    fireEvent.click(button('Disconnect'));
    expect(disconnects()).toBe('Disconnected 1 times');
    expect(screen.queryByRole('group')).toBeNull();
  },
  InCall: async () => {
    await eventually(() => expect(status()).toBe('confirmed'));
    fireEvent.click(button('Disconnect'));
    // Asked, not done: the call is still up and the safe answer has focus.
    expect(disconnects()).toBe('Disconnected 0 times');
    const question = screen.getByRole('group', {
      name: 'Disconnecting ends your call with bob.',
    });
    expect(document.activeElement).toBe(
      within(question).getByRole('button', { name: 'Keep call' }),
    );
    fireEvent.click(button('Keep call'));
    expect(disconnects()).toBe('Disconnected 0 times');
    expect(status()).toBe('confirmed');
    expect(document.activeElement).toBe(button('Disconnect'));
    // Escape keeps the call too.
    fireEvent.click(button('Disconnect'));
    fireEvent.keyDown(button('Keep call'), { key: 'Escape' });
    expect(screen.queryByRole('group')).toBeNull();
    expect(document.activeElement).toBe(button('Disconnect'));
    // Confirmed: the app is told to disconnect.
    fireEvent.click(button('Disconnect'));
    fireEvent.click(button('End call and disconnect'));
    expect(disconnects()).toBe('Disconnected 1 times');
  },
});
