import { composeStories } from '@storybook/react';
import { fireEvent, screen, type RenderResult } from '@testing-library/react';
import { expect } from 'vitest';
import { describeStories, eventually } from '../testing/story-test.js';
import * as stories from './transfer-form.stories.js';

const submit = (): HTMLButtonElement =>
  screen.getByRole('button', { name: 'Transfer call' }) as HTMLButtonElement;
const form = (view: RenderResult): HTMLElement =>
  view.container.querySelector('form') as HTMLElement;

describeStories('TransferForm', composeStories(stories), {
  Refused: async (view) => {
    // The play function transferred and saw the refusal; the state stays for the person to read.
    expect(form(view).dataset['sipkitState']).toBe('failed');
    expect(screen.getByRole('status').textContent).toBe('Transfer failed (603)');
    // A new target is cleaned up as pasted, and can be tried again.
    fireEvent.change(screen.getByLabelText('Transfer to'), { target: { value: '' } });
    expect(submit().disabled).toBe(true);
    fireEvent.paste(screen.getByLabelText('Transfer to'), {
      clipboardData: { getData: () => ' +1 555 010 ' },
    });
    expect((screen.getByLabelText('Transfer to') as HTMLInputElement).value).toBe('+1555010');
    await eventually(() => expect(submit().disabled).toBe(false));
    fireEvent.click(submit());
    expect(form(view).dataset['sipkitState']).toBe('pending');
    await eventually(() => expect(form(view).dataset['sipkitState']).toBe('failed'));
    expect(screen.getByRole('status').textContent).toBe('Transfer failed (603)');
  },
});
