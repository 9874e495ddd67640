import { composeStories } from '@storybook/react';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { describeStories, elapse, eventually } from '../testing/story-test.js';
import { registrationText } from './registration-badge.js';
import * as stories from './registration-badge.stories.js';

const badge = (): HTMLElement => screen.getByRole('status');

describeStories('RegistrationBadge', composeStories(stories), {
  Registered: async () => {
    await eventually(() => expect(badge().textContent).toBe('Registered'));
    expect(badge().dataset['sipkitState']).toBe('registered');
    expect(badge().dataset['sipkitConnection']).toBe('connected');
  },
  Failed: async () => {
    await eventually(() =>
      expect(badge().textContent).toBe(
        'Registration failed: Authentication Error (401 Unauthorized)',
      ),
    );
    expect(badge().dataset['sipkitState']).toBe('failed');
    expect(badge().querySelector('.sk-badge-text')?.getAttribute('title')).toContain(
      'check “password”',
    );
  },
  NoPassword: async () => {
    await eventually(() =>
      expect(badge().textContent).toBe('Registration failed: No Credentials (401 Unauthorized)'),
    );
    expect(badge().dataset['sipkitParameter']).toBe('password');
  },
  BadServerUrl: async () => {
    await eventually(() => expect(badge().textContent).toBe('Cannot start: check “sockets”'));
    expect(badge().dataset['sipkitState']).toBe('error');
    expect(badge().dataset['sipkitParameter']).toBe('sockets');
    expect(badge().querySelector('.sk-badge-text')?.getAttribute('title')).toContain(
      '"http://127.0.0.1:5062"',
    );
  },
  Offline: async () => {
    await elapse(500);
    expect(badge().textContent).toBe('Offline');
    expect(badge().dataset['sipkitConnection']).toBe('idle');
  },
});

describe('registrationText', () => {
  it('says where the connection is before there is a registration', () => {
    expect(
      registrationText({ status: 'unregistered', cause: undefined, connection: 'connecting' }),
    ).toBe('Connecting…');
    expect(
      registrationText({ status: 'registering', cause: undefined, connection: 'connected' }),
    ).toBe('Registering…');
    expect(
      registrationText({ status: 'unregistered', cause: undefined, connection: 'disconnected' }),
    ).toBe('Disconnected');
    expect(
      registrationText({
        status: 'unregistered',
        cause: 'Request Timeout',
        connection: 'connected',
      }),
    ).toBe('Not registered: Request Timeout');
  });
});
