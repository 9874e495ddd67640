import { composeStories } from '@storybook/react';
import { fireEvent, screen } from '@testing-library/react';
import { expect } from 'vitest';
import { describeStories, eventually } from '../testing/story-test.js';
import * as stories from './dial-input.stories.js';

const field = (): HTMLInputElement =>
  screen.getByLabelText('Number or SIP address') as HTMLInputElement;
const wrapper = (): HTMLElement => field().parentElement as HTMLElement;
const registered = (): Promise<void> =>
  eventually(() => expect(screen.getByTestId('call-state')).toBeTruthy());

describeStories('DialInput', composeStories(stories), {
  Empty: async () => {
    await registered();
    expect(wrapper().dataset['sipkitState']).toBe('empty');
    fireEvent.paste(field(), { clipboardData: { getData: () => '  sip:bob@sip.test \n' } });
    expect(field().value).toBe('sip:bob@sip.test');
    expect(wrapper().dataset['sipkitKind']).toBe('uri');
    // Enter before the UA runs would throw; wait for the registration like a person would.
    await eventually(() => {
      fireEvent.keyDown(field(), { key: 'Enter' });
      expect(screen.getByTestId('call-state').dataset['status']).not.toBe('none');
    });
    await eventually(() => expect(screen.getByTestId('call-state').textContent).toBe('In call'));
  },
  PhoneNumber: async () => {
    expect(wrapper().dataset['sipkitKind']).toBe('phone');
    fireEvent.change(field(), { target: { value: '' } });
    fireEvent.paste(field(), { clipboardData: { getData: () => '\u202A+44 20 7946-0000\u202C' } });
    expect(field().value).toBe('+442079460000');
  },
  InvalidTarget: async () => {
    // The play function pressed Enter and checked the refusal; what is left: it is the UA's own.
    expect(screen.getByRole('alert').textContent).toMatch(/^Invalid target "not a sip address"/);
    expect(field().getAttribute('aria-invalid')).toBe('true');
    expect(wrapper().dataset['sipkitState']).toBe('invalid');
    fireEvent.change(field(), { target: { value: 'bob' } });
    expect(screen.queryByRole('alert')).toBeNull();
  },
});
