import { composeStories } from '@storybook/react';
import { fireEvent, screen, within } from '@testing-library/react';
import { expect } from 'vitest';
import { describeStories, eventually } from '../testing/story-test.js';
import * as stories from './call-list.stories.js';

const list = (): HTMLElement => screen.getByRole('list', { name: 'Calls' });
const item = (name: string): HTMLElement =>
  within(list())
    .getAllByRole('listitem')
    .find((li) => li.textContent?.startsWith(name)) as HTMLElement;

describeStories('CallList', composeStories(stories), {
  TwoCalls: async () => {
    await eventually(() => expect(item('carol')?.dataset['sipkitState']).toBe('confirmed'));
    expect(item('bob').dataset['sipkitState']).toBe('held');
    expect(item('carol').getAttribute('aria-current')).toBe('true');
    fireEvent.click(within(item('bob')).getByRole('button', { name: 'Switch to bob' }));
    await eventually(() => {
      expect(item('carol').dataset['sipkitState']).toBe('held');
      expect(item('bob').dataset['sipkitState']).toBe('confirmed');
    });
    expect(item('bob').dataset['sipkitCurrent']).toBe('');
    expect(within(item('carol')).getByRole('button', { name: 'Switch to carol' })).toBeTruthy();
  },
  OneCall: async () => {
    await eventually(() => expect(item('bob')?.dataset['sipkitState']).toBe('confirmed'));
    expect(within(list()).queryByRole('button')).toBeNull();
  },
});
