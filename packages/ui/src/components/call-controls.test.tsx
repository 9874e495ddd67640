import { composeStories } from '@storybook/react';
import { fireEvent, screen, within } from '@testing-library/react';
import { expect } from 'vitest';
import { describeStories, eventually } from '../testing/story-test.js';
import * as stories from './call-controls.stories.js';

const button = (name: string): HTMLButtonElement =>
  screen.getByRole('button', { name }) as HTMLButtonElement;
const controls = (): HTMLElement => screen.getByRole('group', { name: 'Call controls' });
const status = (): string => screen.getByTestId('call-state').textContent ?? '';

describeStories('CallControls', composeStories(stories), {
  InCall: async () => {
    await eventually(() => expect(controls().dataset['sipkitState']).toBe('confirmed'));
    for (const name of ['Mute', 'Hold', 'Keypad', 'Transfer', 'Hang up']) {
      expect(button(name).disabled).toBe(false);
    }
    fireEvent.click(button('Keypad'));
    expect(button('Keypad').getAttribute('aria-expanded')).toBe('true');
    const pad = screen.getByRole('group', { name: 'Keypad' });
    expect(pad.dataset['sipkitState']).toBe('dtmf');
    expect(button('Keypad').getAttribute('aria-controls')).toBe(pad.id);
    fireEvent.click(within(pad).getByRole('button', { name: '1' }));
    fireEvent.click(button('Transfer'));
    expect(screen.queryByRole('group', { name: 'Keypad' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Transfer to'), { target: { value: 'carol' } });
    fireEvent.click(button('Transfer call'));
    // Bob's UA has no REFER listener, so it refuses with 603 Decline (RFC 3515 §2.4.2).
    await eventually(() => expect(screen.getByText('Transfer failed (603)')).toBeTruthy());
  },
  OnHold: async () => {
    await eventually(() => expect(controls().dataset['sipkitState']).toBe('held'));
    expect(controls().dataset['sipkitHeld']).toBe('');
    expect(button('Resume').dataset['sipkitState']).toBe('on');
    fireEvent.click(button('Resume'));
    await eventually(() => expect(button('Hold').disabled).toBe(false));
    expect(status()).toBe('In call');
  },
  Muted: async () => {
    await eventually(() => expect(controls().dataset['sipkitMuted']).toBe(''));
    fireEvent.click(button('Unmute'));
    await eventually(() => expect(button('Mute')).toBeTruthy());
    expect(controls().dataset['sipkitMuted']).toBeUndefined();
  },
  HeldByRemote: async () => {
    await eventually(() => expect(status()).toBe('Held by the other side'));
    expect(controls().dataset['sipkitState']).toBe('held');
    expect(controls().dataset['sipkitHeld']).toBeUndefined();
    expect(button('Mute').disabled).toBe(false);
  },
  Calling: async () => {
    await eventually(() => expect(status()).toBe('Ringing…'));
    expect(button('Mute').disabled).toBe(true);
    expect(button('Hold').disabled).toBe(true);
    expect(button('Hang up').disabled).toBe(false);
    fireEvent.click(button('Hang up'));
    await eventually(() => expect(status()).toBe('Call ended: Canceled'));
  },
  Reordered: async () => {
    await eventually(() => expect(controls().dataset['sipkitState']).toBe('confirmed'));
    const names = within(controls())
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(names).toEqual(['Hang up', 'Mute']);
  },
  CustomRow: async () => {
    await eventually(() => expect(controls().dataset['sipkitState']).toBe('confirmed'));
    const row = within(controls()).getAllByRole('button');
    expect(row.map((b) => b.textContent)).toEqual(['Hang up', 'Keypad', 'Mute', 'Devices']);
    expect(button('Mute').className).toBe('sk-button my-mute');
    // Panels still open under the row, one at a time, named by the button that opened them.
    fireEvent.click(button('Devices'));
    expect(button('Devices').getAttribute('aria-expanded')).toBe('true');
    const devices = screen.getByRole('group', { name: 'Devices' });
    expect(button('Devices').getAttribute('aria-controls')).toBe(devices.id);
    fireEvent.click(button('Keypad'));
    expect(screen.queryByRole('group', { name: 'Devices' })).toBeNull();
    expect(screen.getByRole('group', { name: 'Keypad' }).dataset['sipkitState']).toBe('dtmf');
    fireEvent.click(button('Mute'));
    await eventually(() => expect(controls().dataset['sipkitMuted']).toBe(''));
  },
});
