import { composeStories } from '@storybook/react';
import { fireEvent, screen } from '@testing-library/react';
import { expect } from 'vitest';
import { LONG_NAME, RTL_NAME } from '../stories/parties.js';
import { describeStories, eventually } from '../testing/story-test.js';
import * as stories from './incoming-call-banner.stories.js';

const banner = (): HTMLElement => screen.getByRole('region', { name: 'Incoming call' });
const ringing = (who: string): Promise<void> =>
  eventually(() => expect(screen.getByRole('alert').textContent).toBe(`${who} is calling`));
const status = (): string => screen.getByTestId('call-state').textContent ?? '';

describeStories('IncomingCallBanner', composeStories(stories), {
  Ringing: async () => {
    await ringing('Bob Martin');
    expect(banner().dataset['sipkitState']).toBe('ringing');
    expect(screen.getByText('bob@sip.test')).toBeTruthy();
    const tone = banner().querySelector('audio');
    expect(tone?.loop).toBe(true);
    expect(tone?.getAttribute('src')).toMatch(/^data:audio\/wav;base64,/);
    fireEvent.click(screen.getByRole('button', { name: 'Decline' }));
    await eventually(() =>
      expect(screen.queryByRole('region', { name: 'Incoming call' })).toBeNull(),
    );
    expect(status()).toBe('No call');
  },
  LongName: async () => {
    await ringing(LONG_NAME);
    fireEvent.click(screen.getByRole('button', { name: 'Answer' }));
    await eventually(() => expect(status()).toBe('In call'));
  },
  RightToLeft: async () => {
    await ringing(RTL_NAME);
    expect(banner().querySelector('bdi')?.textContent).toBe(RTL_NAME);
    expect(banner().closest('[dir]')?.getAttribute('dir')).toBe('rtl');
  },
  CallWaiting: async () => {
    await eventually(() => expect(status()).toBe('In call'));
    await ringing('Carol Nguyen');
    expect(banner().dataset['sipkitWaiting']).toBe('');
    expect(screen.getByText('Answering puts your current call on hold.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Answer' }));
    await eventually(() =>
      expect(screen.queryByRole('region', { name: 'Incoming call' })).toBeNull(),
    );
    await eventually(() => expect(status()).toBe('In call'));
  },
});
