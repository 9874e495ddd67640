import { composeStories } from '@storybook/react';
import { fireEvent, screen } from '@testing-library/react';
import { expect } from 'vitest';
import { describeStories, eventually } from '../testing/story-test.js';
import * as stories from './device-selector.stories.js';

const select = (name: string): HTMLSelectElement =>
  screen.getByLabelText(name) as HTMLSelectElement;
const options = (name: string): string[] =>
  [...select(name).options].map((option) => option.textContent ?? '');
const fieldset = (): HTMLElement => screen.getByRole('group');

describeStories('DeviceSelector', composeStories(stories), {
  WithDevices: async () => {
    await eventually(() =>
      expect(options('Microphone')).toEqual([
        'System default',
        'Desk microphone',
        'Headset microphone',
      ]),
    );
    expect(options('Camera')).toEqual(['System default', 'Front camera']);
    expect(fieldset().dataset['sipkitState']).toBe('ready');
    fireEvent.change(select('Microphone'), { target: { value: 'mic-headset' } });
    expect(select('Microphone').value).toBe('mic-headset');
    fireEvent.change(select('Microphone'), { target: { value: '' } });
    expect(select('Microphone').value).toBe('');
  },
  Unnamed: async () => {
    await eventually(() =>
      expect(options('Microphone')).toEqual(['System default', 'Microphone 1', 'Microphone 2']),
    );
    expect(fieldset().dataset['sipkitState']).toBe('unnamed');
    expect(screen.getByRole('button', { name: 'Show device names' })).toBeTruthy();
  },
  MicrophoneOnly: async () => {
    await eventually(() => expect(options('Microphone')).toHaveLength(3));
    expect(screen.queryByLabelText('Camera')).toBeNull();
    expect(screen.getByText('Microphone', { selector: 'legend' })).toBeTruthy();
  },
  Unsupported: async () => {
    await eventually(() => expect(fieldset().dataset['sipkitState']).toBe('unsupported'));
    expect(select('Microphone').disabled).toBe(true);
    expect(screen.getByText('This browser gives this page no access to devices.')).toBeTruthy();
  },
});
