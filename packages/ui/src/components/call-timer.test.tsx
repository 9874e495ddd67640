import { composeStories } from '@storybook/react';
import type { RenderResult } from '@testing-library/react';
import { expect } from 'vitest';
import { describeStories, elapse, eventually } from '../testing/story-test.js';
import * as stories from './call-timer.stories.js';

const time = (view: RenderResult): HTMLTimeElement =>
  view.container.querySelector('time') as HTMLTimeElement;

describeStories('CallTimer', composeStories(stories), {
  Idle: async (view) => {
    await elapse(2000);
    expect(time(view).textContent).toBe('0:00');
    expect(time(view).dataset['sipkitState']).toBe('idle');
  },
  Ticking: async (view) => {
    await eventually(() => expect(time(view).dataset['sipkitState']).toBe('confirmed'));
    await elapse(3000);
    expect(time(view).textContent).toBe('0:03');
    expect(time(view).dateTime).toBe('PT3S');
  },
  Seconds: async (view) => {
    await eventually(() => expect(time(view).dataset['sipkitState']).toBe('confirmed'));
    await elapse(65_000);
    expect(time(view).textContent).toBe('65 s');
  },
});
