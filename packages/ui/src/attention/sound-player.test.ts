import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeAudio } from '../stories/fake-audio.js';
import { playSound, type SoundState } from './sound-player.js';
import { CALL_WAITING_BEEP, RINGBACK, RINGTONE, cycleLength } from './tone-pattern.js';

describe('playSound', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const start = (autoplay: boolean, sound = RINGTONE, sinkId?: string) => {
    const audio = fakeAudio({ autoplay });
    const states: SoundState[] = [];
    const playing = playSound(sound, {
      sinkId,
      onState: (state) => states.push(state),
      audioContext: audio.factory,
    });
    return { audio, states, playing };
  };

  it('plays the ringtone cadence and repeats it every cycle until stopped', async () => {
    const { audio, states, playing } = start(true);
    await vi.advanceTimersByTimeAsync(0);
    const context = audio.live();
    expect(states.at(-1)).toBe('playing');
    // Two bursts of a two-frequency warble per cycle.
    expect(context?.tones.map((tone) => tone.frequency)).toEqual([660, 880, 660, 880]);
    expect(context?.tones.map((tone) => [tone.start, tone.stop])).toEqual([
      [0, 0.4],
      [0, 0.4],
      [0.6, 1],
      [0.6, 1],
    ]);
    await vi.advanceTimersByTimeAsync(cycleLength(RINGTONE));
    expect(context?.tones).toHaveLength(8);
    // The finished cycle's oscillators were let go: a long ring holds one cycle's worth.
    expect(context?.tones.filter((tone) => tone.connected)).toHaveLength(4);
    playing?.stop();
    expect(context?.state).toBe('closed');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('plays a call-waiting beep once, with no timer left behind', async () => {
    const { audio, playing } = start(true, CALL_WAITING_BEEP);
    await vi.advanceTimersByTimeAsync(0);
    expect(audio.live()?.tones.map((tone) => [tone.frequency, tone.stop])).toEqual([[440, 0.3]]);
    expect(vi.getTimerCount()).toBe(0);
    playing?.stop();
  });

  it('reports blocked while the browser keeps the context suspended, playing after unblock()', async () => {
    const { audio, states, playing } = start(false, RINGBACK);
    await vi.advanceTimersByTimeAsync(0);
    expect(states).toEqual(['blocked']);
    playing?.unblock();
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)).toBe('playing');
    expect(audio.live()?.sounding).toEqual([440, 480]);
    playing?.stop();
  });

  it('routes generated tones to the chosen speaker and follows a new choice', async () => {
    const { audio, playing } = start(true, RINGTONE, 'headset');
    expect(audio.live()?.sinkId).toBe('headset');
    playing?.setSink(undefined);
    expect(audio.live()?.sinkId).toBe('');
    playing?.stop();
  });

  it('plays an app element, reports a refused play() as blocked and retries on unblock()', async () => {
    let allowed = false;
    const element = {
      loop: true,
      currentTime: 3,
      sinkId: '',
      play: vi.fn(() =>
        allowed
          ? Promise.resolve()
          : Promise.reject(Object.assign(new Error('no'), { name: 'NotAllowedError' })),
      ),
      pause: vi.fn(),
      removeAttribute: vi.fn(),
      setSinkId(id: string) {
        this.sinkId = id;
        return Promise.resolve();
      },
    };
    const states: SoundState[] = [];
    const playing = playSound(element as unknown as HTMLAudioElement, {
      sinkId: 'speaker-2',
      onState: (state) => states.push(state),
      audioContext: () => undefined,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(states).toEqual(['blocked']);
    expect(element.sinkId).toBe('speaker-2');
    allowed = true;
    playing?.unblock();
    await vi.advanceTimersByTimeAsync(0);
    expect(states).toEqual(['blocked', 'playing']);
    playing?.stop();
    expect(element.pause).toHaveBeenCalled();
    expect(element.currentTime).toBe(0);
    // The app's element keeps its src for the next call.
    expect(element.removeAttribute).not.toHaveBeenCalled();
  });

  it('plays nothing where there is no Web Audio', () => {
    expect(
      playSound(RINGTONE, {
        sinkId: undefined,
        onState: () => undefined,
        audioContext: () => undefined,
      }),
    ).toBeUndefined();
  });
});
