import { composeStories } from '@storybook/react';
import { screen, type RenderResult } from '@testing-library/react';
import { expect } from 'vitest';
import { describeStories, eventually } from '../testing/story-test.js';
import * as stories from './call-panel.stories.js';

const panel = (view: RenderResult): HTMLElement =>
  view.container.querySelector('.sk-call') as HTMLElement;
const status = (): string => screen.getByRole('status').textContent ?? '';

describeStories('CallPanel', composeStories(stories), {
  InCall: async (view) => {
    await eventually(() => expect(status()).toBe('In call'));
    expect(panel(view).dataset['sipkitState']).toBe('confirmed');
    expect(screen.getByText('bob@sip.test')).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Call controls' })).toBeTruthy();
  },
  Ended: async (view) => {
    await eventually(() => expect(status()).toBe('Call ended'));
    expect(panel(view).querySelector('time')?.textContent).toBe('0:02');
    expect(screen.queryByRole('group', { name: 'Call controls' })).toBeNull();
  },
  Unavailable: async () => {
    await eventually(() => expect(status()).toMatch(/^Call ended: /));
    expect(status()).not.toBe('Call ended: Canceled');
  },
  LongName: async (view) => {
    await eventually(() => expect(status()).toBe('In call'));
    expect(panel(view).querySelector('.sk-call-name bdi')?.textContent).toBe('maximiliane');
  },
});
