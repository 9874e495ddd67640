import { composeStories } from '@storybook/react';
import { screen, type RenderResult } from '@testing-library/react';
import { expect } from 'vitest';
import { describeStories, elapse, eventually } from '../testing/story-test.js';
import * as stories from './video-view.stories.js';

const wrapper = (view: RenderResult): HTMLElement =>
  view.container.querySelector('.sk-video') as HTMLElement;

describeStories('VideoView', composeStories(stories), {
  LocalCamera: async (view) => {
    await elapse(100);
    const video = screen.getByLabelText('Your video') as HTMLVideoElement;
    expect(video.muted).toBe(true);
    expect(wrapper(view).dataset['sipkitMirrored']).toBe('');
    expect(wrapper(view).dataset['sipkitSource']).toBe('local');
  },
  RemoteAudioOnly: async (view) => {
    const video = screen.getByLabelText('Video of the other side') as HTMLVideoElement;
    // The fake media's remote stream arrives with the answer: attached, but with no video track.
    await eventually(() => expect(video.srcObject).not.toBeNull());
    expect(wrapper(view).dataset['sipkitState']).toBe('empty');
    expect(wrapper(view).dataset['sipkitMirrored']).toBeUndefined();
  },
  Empty: async (view) => {
    await elapse(100);
    expect(wrapper(view).dataset['sipkitState']).toBe('empty');
    expect(
      (screen.getByLabelText('Video of the other side') as HTMLVideoElement).srcObject,
    ).toBeNull();
  },
});
