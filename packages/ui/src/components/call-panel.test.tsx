import { composeStories } from '@storybook/react';
import { screen, type RenderResult } from '@testing-library/react';
import { expect } from 'vitest';
import { LONG_NAME } from '../stories/parties.js';
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
  Unavailable: async (view) => {
    await eventually(() => expect(status()).toBe('Call ended: Unavailable'));
    // 'Unavailable' is the cause of a 480; a 404 (a user nobody knows) would say 'Not Found'.
    expect(panel(view).dataset['sipkitState']).toBe('terminated');
    expect(screen.getByText('carol@sip.test')).toBeTruthy();
  },
  LongName: async (view) => {
    await eventually(() => expect(status()).toBe('In call'));
    const name = panel(view).querySelector('.sk-call-name bdi');
    expect(name?.textContent).toBe(LONG_NAME);
    expect(name?.getAttribute('title')).toBe(LONG_NAME);
    expect(LONG_NAME.length).toBeGreaterThan(100);
  },
});
