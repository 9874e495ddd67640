import { composeStories } from '@storybook/react';
import { fireEvent, screen, within } from '@testing-library/react';
import { expect } from 'vitest';
import { describeStories, elapse, eventually } from '../testing/story-test.js';
import { MAX_SHOWN_NAME, MAX_TITLE } from '../internal/party.js';
import { HUGE_NAME, LONG_NAME, RTL_NAME } from '../stories/parties.js';
import * as stories from './softphone.stories.js';

const badge = (): string => screen.getByRole('status', { name: '' }).textContent ?? '';
const button = (name: string): HTMLButtonElement =>
  screen.getByRole('button', { name }) as HTMLButtonElement;
const phone = (): HTMLElement => screen.getByRole('region', { name: 'Phone' });
const field = (): HTMLElement => screen.getByLabelText('Number or SIP address');
const callStatus = (): HTMLElement => screen.getByRole('status', { name: 'Call status' });
const registered = (): Promise<void> =>
  eventually(() => expect(screen.getByText('Registered')).toBeTruthy());

describeStories('Softphone', composeStories(stories), {
  Idle: async () => {
    await registered();
    // The live region is there before any call, and stays the same element to the end.
    const region = callStatus();
    expect(region.textContent).toBe('');
    fireEvent.change(field(), { target: { value: 'bob' } });
    fireEvent.click(button('Call'));
    await eventually(() => expect(phone().dataset['sipkitState']).not.toBe('terminated'));
    await eventually(() => expect(screen.getByText('In call')).toBeTruthy());
    expect(region.textContent).toBe('bob: In call');
    await elapse(2000);
    expect(phone().querySelector('time')?.textContent).toBe('0:02');
    const panel = phone().querySelector('.sk-call');
    fireEvent.click(button('Hang up'));
    await eventually(() => expect(screen.getByText('Call ended')).toBeTruthy());
    expect(callStatus()).toBe(region);
    expect(region.textContent).toBe('bob: Call ended');
    // Said once: the panel's status line is not a second live region, nor re-created.
    expect(phone().querySelector('.sk-call')).toBe(panel);
    expect(screen.getAllByRole('status').filter((s) => s.textContent?.includes('ended'))).toEqual([
      region,
    ]);
    expect(button('Call').disabled).toBe(false);
  },
  VideoCalls: async () => {
    const video = await eventually(() =>
      expect(screen.getByRole('group', { name: 'Video' }).dataset['sipkitState']).toBe('live'),
    ).then(() => screen.getByRole('group', { name: 'Video' }));
    expect(within(video).getByLabelText('Video of the other side')).toBeTruthy();
    expect(within(video).getByLabelText('Your video')).toBeTruthy();
    expect(video.querySelectorAll('.sk-video[data-sipkit-state="live"]')).toHaveLength(2);
    // The camera is a control of a video call: stopping it says so and can be undone.
    fireEvent.click(button('Stop video'));
    await eventually(() => expect(button('Start video')).toBeTruthy());
    expect(button('Start video').dataset['sipkitState']).toBe('off');
    fireEvent.click(button('Hang up'));
    await eventually(() => expect(phone().dataset['sipkitState']).toBe('terminated'));
    expect(screen.queryByRole('group', { name: 'Video' })).toBeNull();
    // Enter places the same call as the button: callOptions (video here) reach both.
    fireEvent.change(field(), { target: { value: 'bob' } });
    fireEvent.keyDown(field(), { key: 'Enter' });
    await eventually(() => expect(phone().dataset['sipkitState']).not.toBe('terminated'));
    fireEvent.click(button('Hang up'));
    await eventually(() => expect(phone().dataset['sipkitState']).toBe('terminated'));
    fireEvent.change(field(), { target: { value: 'bob' } });
    fireEvent.click(button('Call'));
    await eventually(() => expect(phone().dataset['sipkitState']).not.toBe('terminated'));
    fireEvent.click(button('Show call media'));
    const withVideo = { audio: true, video: true };
    expect(screen.getByLabelText('Call media').textContent).toBe(
      JSON.stringify([withVideo, withVideo, withVideo]),
    );
  },
  DisconnectInCall: async () => {
    await eventually(() => expect(phone().dataset['sipkitState']).toBe('confirmed'));
    const disconnects = (): string => screen.getByTestId('disconnects').textContent ?? '';
    fireEvent.click(within(phone()).getByRole('button', { name: 'Disconnect' }));
    expect(disconnects()).toBe('Disconnected 0 times');
    expect(document.activeElement).toBe(button('Keep call'));
    fireEvent.click(button('Keep call'));
    expect(phone().dataset['sipkitState']).toBe('confirmed');
    fireEvent.click(button('Disconnect'));
    fireEvent.click(button('End call and disconnect'));
    expect(disconnects()).toBe('Disconnected 1 times');
  },
  ServerDown: async () => {
    await registered();
    fireEvent.click(button('Take the server down'));
    await eventually(() => expect(button('Call').disabled).toBe(true));
    fireEvent.change(field(), { target: { value: 'bob' } });
    expect(button('Call').disabled).toBe(true);
    fireEvent.keyDown(field(), { key: 'Enter' });
    await elapse(5000);
    // No call was placed, so none failed into the phone's list of ended calls.
    expect(phone().dataset['sipkitState']).toBe('idle');
    expect(phone().querySelector('.sk-call')).toBeNull();
    expect(callStatus().textContent).toBe('');
  },
  Ringing: async () => {
    await eventually(() =>
      expect(screen.getByRole('alert').textContent).toBe('Bob Martin is calling'),
    );
    fireEvent.click(button('Answer'));
    await eventually(() => expect(screen.getByText('In call')).toBeTruthy());
    expect(screen.queryByRole('region', { name: 'Incoming call' })).toBeNull();
  },
  InCall: async () => {
    await eventually(() => expect(phone().dataset['sipkitState']).toBe('confirmed'));
    fireEvent.click(button('Mute'));
    await eventually(() => expect(button('Unmute')).toBeTruthy());
  },
  OnHold: async () => {
    await eventually(() => expect(phone().dataset['sipkitState']).toBe('held'));
    expect(screen.getByText('On hold')).toBeTruthy();
    fireEvent.click(button('Resume'));
    await eventually(() => expect(screen.getByText('In call')).toBeTruthy());
  },
  Muted: async () => {
    await eventually(() => expect(button('Unmute')).toBeTruthy());
    expect(screen.getByRole('group', { name: 'Call controls' }).dataset['sipkitMuted']).toBe('');
  },
  CallWaiting: async () => {
    await eventually(() => expect(screen.getByText('In call')).toBeTruthy());
    const banner = await eventually(() =>
      expect(screen.getByRole('region', { name: 'Incoming call' }).dataset['sipkitWaiting']).toBe(
        '',
      ),
    ).then(() => screen.getByRole('region', { name: 'Incoming call' }));
    expect(within(banner).getByRole('alert').textContent).toBe('Carol Nguyen is calling');
    // One call in progress and one ringing: nothing to switch between yet.
    expect(screen.queryByRole('list', { name: 'Calls' })).toBeNull();
    fireEvent.click(within(banner).getByRole('button', { name: 'Answer' }));
    const list = await eventually(() =>
      expect(screen.getByRole('list', { name: 'Calls' })).toBeTruthy(),
    ).then(() => screen.getByRole('list', { name: 'Calls' }));
    await eventually(() =>
      expect(within(list).getByRole('button', { name: 'Switch to bob' })).toBeTruthy(),
    );
    await eventually(() => expect(list.querySelector('[data-sipkit-state="held"]')).not.toBeNull());
  },
  FailedRegistration: async () => {
    await eventually(() =>
      expect(badge()).toBe('Registration failed: Authentication Error (401 Unauthorized)'),
    );
    expect(phone().querySelector('.sk-badge')?.getAttribute('data-sipkit-state')).toBe('failed');
    expect(screen.getByRole('alert').textContent).toContain('check “password”');
  },
  NoPassword: async () => {
    await eventually(() =>
      expect(screen.getByRole('alert').textContent).toContain('no password configured'),
    );
    expect(screen.getByRole('alert').textContent).toContain('set “password”');
    expect(screen.getByRole('alert').dataset['sipkitParameter']).toBe('password');
  },
  BadServerUrl: async () => {
    await eventually(() => expect(badge()).toBe('Cannot start: check “sockets”'));
    const alert = screen.getByRole('alert');
    expect(alert.dataset['sipkitParameter']).toBe('sockets');
    expect(alert.textContent).toContain('Invalid WebSocket URL "http://127.0.0.1:5062"');
    expect(phone().querySelector('.sk-badge')?.getAttribute('data-sipkit-state')).toBe('error');
  },
  HugeDisplayName: async () => {
    await eventually(() => expect(screen.getByRole('alert').textContent).toMatch(/is calling$/));
    const name = phone().querySelector('.sk-banner-name');
    expect(name?.textContent).toBe(`${HUGE_NAME.slice(0, MAX_SHOWN_NAME - 1)}…`);
    expect(name?.getAttribute('title')?.length).toBeLessThanOrEqual(MAX_TITLE);
    expect(name?.getAttribute('title')?.endsWith('…')).toBe(true);
    // Nothing on the page holds more than a bounded piece of it.
    expect(phone().outerHTML.length).toBeLessThan(20_000);
    fireEvent.click(button('Answer'));
    await eventually(() => expect(screen.getByText('In call')).toBeTruthy());
    expect(phone().querySelector('.sk-call-name bdi')?.textContent?.length).toBe(MAX_SHOWN_NAME);
    expect(phone().outerHTML.length).toBeLessThan(20_000);
  },
  LongNames: async () => {
    await eventually(() => expect(screen.getByText('In call')).toBeTruthy());
    expect(phone().querySelector('.sk-call-name bdi')?.textContent).toBe(LONG_NAME);
    expect(screen.getByText('maximiliane@sip.test')).toBeTruthy();
  },
  RightToLeft: async () => {
    await eventually(() =>
      expect(screen.getByRole('alert').textContent).toBe(`${RTL_NAME} is calling`),
    );
    expect(phone().closest('[dir]')?.getAttribute('dir')).toBe('rtl');
  },
  Localized: async () => {
    await eventually(() => expect(screen.getByText('Enregistré')).toBeTruthy());
    const french = screen.getByRole('region', { name: 'Téléphone' });
    fireEvent.change(screen.getByLabelText('Numéro ou adresse SIP'), { target: { value: 'bob' } });
    fireEvent.click(button('Appeler'));
    await eventually(() => expect(screen.getByText('En communication')).toBeTruthy());
    expect(screen.getByRole('status', { name: 'Call status' }).textContent).toBe(
      'bob: En communication',
    );
    // Given in French: French. Left out of the override: English, from defaultMessages.
    fireEvent.click(button('Couper le micro'));
    await eventually(() => expect(button('Rétablir le micro')).toBeTruthy());
    expect(button('Hold').disabled).toBe(false);
    expect(within(french).getByRole('group', { name: 'Call controls' })).toBeTruthy();
    expect(within(french).getByText('Devices', { selector: 'summary' })).toBeTruthy();
    fireEvent.click(button('Hang up'));
    await eventually(() => expect(screen.getByText('Appel terminé')).toBeTruthy());
  },
  PhoneWidth: async () => {
    expect(screen.getByTestId('phone-frame').style.width).toBe('320px');
    await eventually(() => expect(phone().dataset['sipkitState']).toBe('confirmed'));
    expect(callStatus().textContent).toBe(`${LONG_NAME}: In call`);
    const banner = await eventually(() =>
      expect(screen.getByRole('region', { name: 'Incoming call' })).toBeTruthy(),
    ).then(() => screen.getByRole('region', { name: 'Incoming call' }));
    expect(within(banner).getByRole('alert').textContent).toBe('Carol Nguyen is calling');
    // The controls of the call stay reachable under the banner.
    expect(button('Hang up').disabled).toBe(false);
  },
});
