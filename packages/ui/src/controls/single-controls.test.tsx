import { composeStories } from '@storybook/react';
import { fireEvent, screen } from '@testing-library/react';
import { expect } from 'vitest';
import { describeStories, eventually } from '../testing/story-test.js';
import * as stories from './single-controls.stories.js';

const button = (name: string): HTMLButtonElement =>
  screen.getByRole('button', { name }) as HTMLButtonElement;
const status = (): string => screen.getByTestId('call-state').textContent ?? '';

describeStories('Single controls', composeStories(stories), {
  Standalone: async () => {
    await eventually(() => expect(status()).toBe('In call'));
    // No <CallControls> around them: each finds the current call by itself.
    expect(screen.queryByRole('group', { name: 'Call controls' })).toBeNull();
    fireEvent.click(button('Keypad'));
    const pad = screen.getByRole('group', { name: 'Keypad' });
    expect(button('Keypad').getAttribute('aria-controls')).toBe(pad.id);
    expect(button('Keypad').nextElementSibling).toBe(pad);
    expect(pad.dataset['sipkitState']).toBe('dtmf');
    // Each standalone panel is its own: opening Transfer leaves the keypad open.
    fireEvent.click(button('Transfer'));
    expect(screen.getByLabelText('Transfer to')).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Keypad' })).toBe(pad);
    fireEvent.click(button('Hold'));
    await eventually(() => expect(status()).toBe('On hold'));
    expect(button('Resume').dataset['sipkitState']).toBe('on');
    fireEvent.click(button('Mute'));
    await eventually(() => expect(button('Unmute').dataset['sipkitState']).toBe('on'));
    fireEvent.click(button('Hang up'));
    await eventually(() => expect(status()).toBe('Call ended'));
    expect(button('Unmute').disabled).toBe(true);
  },
  Hooks: async () => {
    await eventually(() => expect(status()).toBe('In call'));
    const muted = screen.getByLabelText('Microphone muted') as HTMLInputElement;
    expect(muted.checked).toBe(false);
    fireEvent.click(muted);
    await eventually(() => expect(muted.checked).toBe(true));
    const hold = button('Hold');
    expect(hold.className).toBe('sk-button my-hold');
    expect(hold.dataset['sipkitAction']).toBe('hold');
    fireEvent.click(hold);
    await eventually(() => expect(screen.getByTestId('held').textContent).toBe('Bob is on hold'));
    expect(button('Resume').dataset['sipkitState']).toBe('on');
  },
  Camera: async () => {
    await eventually(() => expect(button('Stop video').disabled).toBe(false));
    expect(button('Stop video').dataset['sipkitState']).toBe('on');
    fireEvent.click(button('Stop video'));
    await eventually(() => expect(button('Start video').dataset['sipkitState']).toBe('off'));
    fireEvent.click(button('Start video'));
    await eventually(() => expect(button('Stop video')).toBeTruthy());
  },
  CameraInAudioCall: async () => {
    await eventually(() => expect(status()).toBe('In call'));
    expect(button('Start video').disabled).toBe(true);
    expect(button('Start video').dataset['sipkitState']).toBe('off');
  },
});
