import { composeStories } from '@storybook/react';
import { fireEvent, screen } from '@testing-library/react';
import { expect } from 'vitest';
import { describeStories, elapse, eventually } from '../testing/story-test.js';
import * as stories from './dialpad.stories.js';

const key = (name: string): HTMLElement => screen.getByRole('button', { name });
const pad = (): HTMLElement => screen.getByRole('group', { name: 'Keypad' });

describeStories('Dialpad', composeStories(stories), {
  Dialling: async () => {
    expect(pad().dataset['sipkitState']).toBe('dial');
    fireEvent.click(key('1'));
    fireEvent.click(key('2'));
    // Holding 0 gives +, and the click that ends the press adds no 0.
    fireEvent.pointerDown(key('0'));
    await elapse(700);
    fireEvent.pointerUp(key('0'));
    fireEvent.click(key('0'));
    // A short press is a 0.
    fireEvent.pointerDown(key('0'));
    await elapse(100);
    fireEvent.pointerUp(key('0'));
    fireEvent.click(key('0'));
    fireEvent.keyDown(key('5'), { key: '#' });
    expect(key('#').dataset['sipkitActive']).toBe('');
    fireEvent.keyUp(key('5'), { key: '#' });
    fireEvent.keyDown(pad(), { key: 'a' });
    expect(screen.getByTestId('typed').textContent).toBe('12+0#');
    expect(key('0').getAttribute('aria-describedby')).not.toBeNull();
  },
  InCall: async () => {
    await eventually(() => expect(pad().dataset['sipkitState']).toBe('dtmf'));
    fireEvent.click(key('5'));
    fireEvent.keyDown(pad(), { key: '*' });
    await eventually(() =>
      expect(screen.getByTestId('last-tone').textContent).toBe('Last tone: *'),
    );
    // No + in a call: it is not a DTMF tone.
    expect(key('0').getAttribute('aria-describedby')).toBeNull();
  },
});
