import { composeStories } from '@storybook/react';
import { fireEvent, screen } from '@testing-library/react';
import { expect } from 'vitest';
import { storyAudio } from '../stories/fake-audio.js';
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
    // The generated ringtone plays; Silence stops it and the call keeps ringing.
    await eventually(() => expect(banner().dataset['sipkitSound']).toBe('playing'));
    expect(storyAudio.allowed.live()?.sounding).toEqual([660, 880, 660, 880]);
    fireEvent.click(screen.getByRole('button', { name: 'Silence' }));
    await eventually(() => expect(banner().dataset['sipkitSound']).toBe('off'));
    expect(storyAudio.allowed.live()).toBeUndefined();
    expect(screen.queryByRole('button', { name: 'Silence' })).toBeNull();
    expect(banner().dataset['sipkitState']).toBe('ringing');
    fireEvent.click(screen.getByRole('button', { name: 'Decline' }));
    await eventually(() =>
      expect(screen.queryByRole('region', { name: 'Incoming call' })).toBeNull(),
    );
    expect(status()).toBe('No call');
  },
  CustomRingtone: async () => {
    await ringing('Bob Martin');
    // The app's file plays through an Audio element of the hook's, not the generated tone.
    await eventually(() => expect(banner().dataset['sipkitSound']).not.toBe('off'));
    expect(storyAudio.allowed.live()).toBeUndefined();
  },
  SoundBlocked: async () => {
    await ringing('Bob Martin');
    await eventually(() => expect(banner().dataset['sipkitSound']).toBe('blocked'));
    fireEvent.click(screen.getByRole('button', { name: 'Enable sound' }));
    await eventually(() => expect(banner().dataset['sipkitSound']).toBe('playing'));
    expect(screen.queryByRole('button', { name: 'Enable sound' })).toBeNull();
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
    // Call waiting: one short beep, not the ringtone looping over the call in progress.
    const beep = storyAudio.allowed.live();
    expect(beep?.tones.map((tone) => [tone.frequency, tone.stop])).toEqual([[440, 0.3]]);
    expect(screen.queryByRole('button', { name: 'Silence' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Answer' }));
    await eventually(() =>
      expect(screen.queryByRole('region', { name: 'Incoming call' })).toBeNull(),
    );
    await eventually(() => expect(status()).toBe('In call'));
  },
});
