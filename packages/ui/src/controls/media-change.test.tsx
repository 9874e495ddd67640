import { composeStories } from '@storybook/react';
import { fireEvent, screen } from '@testing-library/react';
import { expect } from 'vitest';
import { describeStories, eventually } from '../testing/story-test.js';
import * as stories from './media-change.stories.js';

const button = (name: string): HTMLButtonElement =>
  screen.getByRole('button', { name }) as HTMLButtonElement;
const status = (): string => screen.getByTestId('call-state').textContent ?? '';
const media = (): string => screen.getByTestId('call-media').textContent ?? '';

describeStories('Video and screen share', composeStories(stories), {
  VideoAndScreenShare: async () => {
    await eventually(() => expect(status()).toBe('In call'));
    await eventually(() => expect(button('Turn on video').disabled).toBe(false));
    expect(button('Turn on video').dataset['sipkitAction']).toBe('add-video');
    fireEvent.click(button('Turn on video'));
    await eventually(() => expect(media()).toBe('you: video · Bob: audio only · screen: none'));
    expect(button('Turn off video').dataset['sipkitState']).toBe('on');
    fireEvent.click(button('Share screen'));
    await eventually(() => expect(media()).toBe('you: video · Bob: audio only · screen: local'));
    expect(button('Stop sharing').dataset['sipkitAction']).toBe('share-screen');
    fireEvent.click(button('Stop sharing'));
    await eventually(() => expect(media()).toBe('you: video · Bob: audio only · screen: none'));
    fireEvent.click(button('Turn off video'));
    await eventually(() =>
      expect(media()).toBe('you: audio only · Bob: audio only · screen: none'),
    );
    expect(status()).toBe('In call');
  },
  RemoteScreenShare: async () => {
    await eventually(() =>
      expect(media()).toBe('you: audio only · Bob: audio only · screen: remote'),
    );
    const view = screen.getByLabelText('Screen shared by the other side');
    expect(view.dataset['sipkitContent']).toBe('slides');
    expect(view.closest('[data-sipkit-state]')?.getAttribute('data-sipkit-state')).toBe('live');
  },
  ScreenShareRefused: async () => {
    await eventually(() => expect(status()).toBe('In call'));
    await eventually(() => expect(button('Share screen').disabled).toBe(false));
    fireEvent.click(button('Share screen'));
    await eventually(() => expect(screen.getByRole('alert')).toBeTruthy());
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toMatch(/allow it for this site/);
    expect(alert.dataset['sipkitProblem']).toBe('not-allowed');
    expect(alert.dataset['sipkitParameter']).toBe('getDisplayMedia');
    expect(media()).toBe('you: audio only · Bob: audio only · screen: none');
    expect(status()).toBe('In call');
  },
});
