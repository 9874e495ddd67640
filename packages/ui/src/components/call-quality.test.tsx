import { composeStories } from '@storybook/react';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FAKE_MEDIA_STATS } from '@sipkit/testing';
import { describeStories, elapse, eventually } from '../testing/story-test.js';
import { qualityOf } from './call-quality.js';
import * as stories from './call-quality.stories.js';

const quality = (): HTMLElement => screen.getByRole('region', { name: 'Call quality' });

describeStories('CallQuality', composeStories(stories), {
  Live: async () => {
    await eventually(() => expect(quality().dataset['sipkitState']).toBe('live'));
    await elapse(5000);
    expect(quality().dataset['sipkitQuality']).not.toBe('unknown');
    const rtt = within(quality()).getByText('Round trip').parentElement as HTMLElement;
    expect(rtt.querySelector('.sk-quality-value')?.textContent).toMatch(/^\d+ ms$/);
    const line = within(rtt).getByRole('img');
    expect(line.getAttribute('aria-label')).toMatch(/^Round trip, last \d+ samples$/);
    expect(line.querySelector('path')?.getAttribute('d')).toMatch(
      /^M0\.0 [\d.]+(L[\d.]+ [\d.]+){3,}$/,
    );
  },
  NoAudio: async () => {
    await eventually(() => expect(quality().dataset['sipkitState']).toBe('live'));
    await elapse(3000);
    expect(quality().dataset['sipkitQuality']).toBe('unknown');
    expect(within(quality()).getByText('No audio yet')).toBeTruthy();
    expect(within(quality()).queryByText(/Quality: good/)).toBeNull();
    const loss = within(quality()).getByText('Packet loss').parentElement as HTMLElement;
    expect(loss.querySelector('.sk-quality-value')?.textContent).toBe('–');
  },
  Idle: async () => {
    await elapse(3000);
    expect(quality().dataset['sipkitState']).toBe('idle');
    expect(screen.getByText('No measurements yet')).toBeTruthy();
  },
});

describe('qualityOf', () => {
  it('grades loss, round trip and jitter', () => {
    expect(qualityOf(undefined)).toBe('unknown');
    expect(qualityOf(FAKE_MEDIA_STATS)).toBe('good');
    expect(qualityOf({ ...FAKE_MEDIA_STATS, packetLoss: 0.02 })).toBe('fair');
    expect(qualityOf({ ...FAKE_MEDIA_STATS, roundTripTime: 0.4 })).toBe('poor');
    expect(qualityOf({ ...FAKE_MEDIA_STATS, jitter: 0.06 })).toBe('poor');
  });

  it('counts a missing value as unknown, not as 0', () => {
    const nothing = {
      ...FAKE_MEDIA_STATS,
      sendBitrate: undefined,
      receiveBitrate: undefined,
      packetsReceived: undefined,
      packetsLost: undefined,
      packetLoss: undefined,
      jitter: undefined,
      roundTripTime: undefined,
    };
    expect(qualityOf(nothing)).toBe('unknown');
    // Nothing received: no verdict, whatever the round trip of our own packets says.
    expect(qualityOf({ ...nothing, packetsReceived: 0, roundTripTime: 0.05 })).toBe('unknown');
    // Audio arrives, nothing measured about it yet: still unknown.
    expect(qualityOf({ ...nothing, packetsReceived: 50 })).toBe('unknown');
    expect(qualityOf({ ...nothing, packetsReceived: 50, jitter: 0.004 })).toBe('good');
    // What is measured still counts when the rest is missing.
    expect(qualityOf({ ...nothing, roundTripTime: 0.4 })).toBe('poor');
    expect(qualityOf({ ...nothing, packetsReceived: 50, packetLoss: 0.02 })).toBe('fair');
  });
});
