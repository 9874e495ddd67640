import type { CallState } from '@sipkit/react';
import { describe, expect, it, vi } from 'vitest';
import { mediaChangeToggle } from './media-change-toggle.js';

const call = (status: string): CallState => ({ status }) as unknown as CallState;
const idle = { pending: false, error: undefined };

describe('mediaChangeToggle', () => {
  it('usable in a confirmed call with no change in flight; its state, action and label', () => {
    const toggle = vi.fn();
    const control = mediaChangeToggle('add-video', true, call('confirmed'), idle, 'Off', toggle);
    expect(control).toMatchObject({ pressed: true, disabled: false, label: 'Off', pending: false });
    expect(control.buttonProps['data-sipkit-action']).toBe('add-video');
    expect(control.buttonProps['data-sipkit-state']).toBe('on');
    expect(control.buttonProps).not.toHaveProperty('data-sipkit-pending');
    control.buttonProps.onClick();
    expect(toggle).toHaveBeenCalledTimes(1);
  });

  it('disabled and marked pending while a change is in flight, the error passed on', () => {
    const error = new Error('camera refused');
    const progress = { pending: true, error };
    const control = mediaChangeToggle(
      'share-screen',
      false,
      call('confirmed'),
      progress,
      'S',
      vi.fn(),
    );
    expect(control.disabled).toBe(true);
    expect(control.buttonProps.disabled).toBe(true);
    expect(control.buttonProps['data-sipkit-pending']).toBe('');
    expect(control.error).toBe(error);
    expect(control.pending).toBe(true);
  });

  it('disabled outside a confirmed call (ringing, or none)', () => {
    expect(
      mediaChangeToggle('add-video', false, call('ringing'), idle, 'On', vi.fn()).disabled,
    ).toBe(true);
    expect(mediaChangeToggle('add-video', false, undefined, idle, 'On', vi.fn()).disabled).toBe(
      true,
    );
  });
});
