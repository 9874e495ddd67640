import { composeStories } from '@storybook/react';
import { act, fireEvent, screen } from '@testing-library/react';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { storyAudio } from '../stories/fake-audio.js';
import { describeStories, elapse, eventually } from '../testing/story-test.js';
import * as stories from './softphone-attention.stories.js';

const button = (name: string): HTMLButtonElement =>
  screen.getByRole('button', { name }) as HTMLButtonElement;
const field = (): HTMLElement => screen.getByLabelText('Number or SIP address');
const phone = (): HTMLElement => screen.getByRole('region', { name: 'Phone' });
const banner = (): HTMLElement => screen.getByRole('region', { name: 'Incoming call' });
const registered = (): Promise<void> =>
  eventually(() => expect(screen.getByText('Registered')).toBeTruthy());
const ringing = (): Promise<void> =>
  eventually(() => expect(screen.getByRole('region', { name: 'Incoming call' })).toBeTruthy());
const keys = (init: KeyboardEventInit, target: Element = document.body): void =>
  void fireEvent.keyDown(target, init);

/** A browser `Notification` that records what the page shows. */
class FakeNotification {
  static permission: NotificationPermission = 'default';
  static shown: FakeNotification[] = [];
  static requestPermission = vi.fn(() => {
    FakeNotification.permission = 'granted';
    return Promise.resolve(FakeNotification.permission);
  });
  onclick: (() => void) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.shown.push(this);
  }
  close(): void {
    this.closed = true;
  }
}

function setHidden(hidden: boolean): void {
  Object.defineProperty(document, 'hidden', { value: hidden, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

beforeAll(() => {
  vi.stubGlobal('Notification', FakeNotification);
});
afterAll(() => {
  vi.unstubAllGlobals();
  Reflect.deleteProperty(document, 'hidden');
});

describeStories('Attention/Softphone', composeStories(stories), {
  KeyboardOnly: async () => {
    await ringing();
    // Focus is on Answer as soon as it rings; the shortcut is announced on the button.
    await eventually(() => expect(document.activeElement).toBe(button('Answer')));
    expect(button('Answer').getAttribute('aria-keyshortcuts')).toBe('Alt+Shift+A');
    expect(banner().dataset['sipkitSound']).toBe('playing');
    expect(storyAudio.allowed.live()?.tones.map((tone) => tone.frequency)).toContain(660);
    // One key answers (from anywhere on the page).
    keys({ key: 'A', code: 'KeyA', altKey: true, shiftKey: true });
    await eventually(() => expect(phone().dataset['sipkitState']).toBe('confirmed'));
    // The ringtone stopped with the answer, and focus went to Hang up, never to <body>.
    expect(storyAudio.allowed.live()).toBeUndefined();
    await eventually(() => expect(document.activeElement).toBe(button('Hang up')));
    expect(button('Hang up').getAttribute('aria-keyshortcuts')).toBe('Alt+Shift+H');
    expect(button('Mute').getAttribute('aria-keyshortcuts')).toBe('Alt+Shift+M');
    // Typed digits go out as DTMF while in the call.
    keys({ key: '5' }, document.activeElement ?? document.body);
    await eventually(() => expect(screen.getByTestId('last-tone').textContent).toBe('Sent 5'));
    keys({ key: 'M', code: 'KeyM', altKey: true, shiftKey: true });
    await eventually(() => expect(button('Unmute')).toBeTruthy());
    // Alt+Shift+H hangs up; focus returns to the dial field.
    keys({ key: 'H', code: 'KeyH', altKey: true, shiftKey: true });
    await eventually(() => expect(document.activeElement).toBe(field()));
    // Digits typed into the field stay there: no DTMF, no call.
    keys({ key: '7' }, field());
    expect(screen.getByTestId('last-tone').textContent).not.toBe('Sent 7');
  },
  RingingSoundBlocked: async () => {
    await ringing();
    await eventually(() => expect(banner().dataset['sipkitSound']).toBe('blocked'));
    expect(screen.getByText('The browser blocked the ringtone.')).toBeTruthy();
    fireEvent.click(button('Enable sound'));
    await eventually(() => expect(banner().dataset['sipkitSound']).toBe('playing'));
    // Both bursts of the cycle, each a 660 + 880 Hz warble.
    expect(storyAudio.blocked.live()?.sounding).toEqual([660, 880, 660, 880]);
    // Silence stops the ring without answering; the call still rings.
    fireEvent.click(button('Silence'));
    await eventually(() => expect(banner().dataset['sipkitSound']).toBe('off'));
    expect(storyAudio.blocked.live()).toBeUndefined();
    expect(button('Answer').disabled).toBe(false);
    fireEvent.click(button('Decline'));
    await eventually(() =>
      expect(screen.queryByRole('region', { name: 'Incoming call' })).toBeNull(),
    );
  },
  Ringback: async () => {
    // Bob's phone rings for 1.5 s: the ringback plays (440 + 480 Hz), then stops on answer.
    await eventually(() => expect(storyAudio.allowed.live()?.sounding).toEqual([440, 480]));
    expect(phone().dataset['sipkitState']).toBe('ringing');
    await eventually(() => expect(phone().dataset['sipkitState']).toBe('confirmed'));
    expect(storyAudio.allowed.live()).toBeUndefined();
  },
  BackgroundCall: async () => {
    await registered();
    document.title = 'Dialer';
    fireEvent.click(button('Notify me of calls in the background'));
    await eventually(() =>
      expect(
        screen.queryByRole('button', { name: 'Notify me of calls in the background' }),
      ).toBeNull(),
    );
    expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);
    act(() => setHidden(true));
    // Carol calls while the tab is hidden: a notification, and the tab title says who.
    await ringing();
    await eventually(() => expect(FakeNotification.shown.length).toBeGreaterThan(0));
    const shown = FakeNotification.shown.filter((notification) => !notification.closed);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.title).toBe('Incoming call');
    expect(shown[0]?.options.body).toBe('Carol Nguyen');
    expect(document.title).toBe('Call from Carol Nguyen');
    await elapse(1000);
    expect(document.title).toBe('Dialer');
    // A click on the notification brings the tab and puts focus on Answer.
    act(() => {
      setHidden(false);
      shown[0]?.onclick?.();
    });
    expect(shown[0]?.closed).toBe(true);
    expect(document.activeElement).toBe(button('Answer'));
    expect(document.title).toBe('Dialer');
    fireEvent.click(button('Answer'));
    await eventually(() => expect(phone().dataset['sipkitState']).toBe('confirmed'));
  },
  MicrophoneDenied: async () => {
    // Told before dialling, and Call stays off.
    await eventually(() => expect(screen.getByText('Microphone blocked')).toBeTruthy());
    await registered();
    fireEvent.change(field(), { target: { value: 'carol' } });
    expect(button('Call').disabled).toBe(true);
    fireEvent.keyDown(field(), { key: 'Enter' });
    // Bob's call is answered receive-only instead of failing.
    await ringing();
    expect(
      screen.getByText('No microphone: you will hear the caller, they will not hear you.'),
    ).toBeTruthy();
    fireEvent.click(button('Answer'));
    await eventually(() => expect(phone().dataset['sipkitState']).toBe('confirmed'));
  },
  NoMicrophone: async () => {
    await eventually(() => expect(screen.getByText('No microphone found')).toBeTruthy());
    expect(screen.getByText(/Connect a microphone or headset/)).toBeTruthy();
    expect(button('Check again')).toBeTruthy();
  },
  WrongPassword: async () => {
    await eventually(() =>
      expect(screen.getByText('Registration failed: credentials refused')).toBeTruthy(),
    );
    expect(screen.getByText(/check “password”/)).toBeTruthy();
    // Calls would meet the same challenge: Call is off until it registers.
    fireEvent.change(field(), { target: { value: 'bob' } });
    expect(button('Call').disabled).toBe(true);
    fireEvent.click(button('Edit account'));
    expect(screen.getByTestId('edit-account').textContent).toBe('Settings opened at password');
    expect(button('Retry now')).toBeTruthy();
  },
  ServerUnreachable: async () => {
    await registered();
    fireEvent.click(button('Crash the server'));
    await eventually(() => expect(screen.getByText(/^Cannot reach ws:/)).toBeTruthy());
    expect(
      screen.getByText(/failed or timed out \(close code 1006\): connection lost/),
    ).toBeTruthy();
    fireEvent.click(button('Edit account'));
    expect(screen.getByTestId('edit-account').textContent).toBe('Settings opened at sockets');
    fireEvent.click(button('Restart the server'));
    // Retry now reconnects at once instead of waiting for the backoff.
    fireEvent.click(button('Retry now'));
    await eventually(() => expect(screen.getByText('Registered')).toBeTruthy(), { within: 1000 });
    expect(screen.queryByText(/^Cannot reach/)).toBeNull();
  },
});
