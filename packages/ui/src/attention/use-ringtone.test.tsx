import { act, render } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeAudio, type FakeAudio } from '../stories/fake-audio.js';
import { RINGTONE } from './tone-pattern.js';
import { useRingtone, type UseRingtoneResult } from './use-ringtone.js';

let result: UseRingtoneResult | undefined;
const seen = (latest: UseRingtoneResult): void => {
  result = latest;
};
function Probe(props: {
  active: boolean;
  id?: string;
  audio: FakeAudio;
  onResult: (result: UseRingtoneResult) => void;
}) {
  props.onResult(
    useRingtone({
      active: props.active,
      sound: RINGTONE,
      key: props.id,
      audioContext: props.audio.factory,
    }),
  );
  return null;
}

describe('useRingtone (outside a provider, under StrictMode)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('rings while active, silences until the next call, and leaves nothing running', async () => {
    const audio = fakeAudio({ autoplay: true });
    const view = render(
      <StrictMode>
        <Probe active id="call-1" audio={audio} onResult={seen} />
      </StrictMode>,
    );
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(result?.state).toBe('playing');
    // StrictMode's extra mount closed its context: only one rings.
    expect(audio.contexts.filter((context) => context.state !== 'closed')).toHaveLength(1);

    act(() => result?.silence());
    expect(result?.state).toBe('off');
    expect(result?.silenced).toBe(true);
    expect(audio.live()).toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);

    // Another call rings again.
    view.rerender(
      <StrictMode>
        <Probe active id="call-2" audio={audio} onResult={seen} />
      </StrictMode>,
    );
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(result?.state).toBe('playing');
    expect(result?.silenced).toBe(false);

    view.unmount();
    expect(audio.live()).toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('says blocked when autoplay is refused, and plays after enableSound()', async () => {
    const audio = fakeAudio({ autoplay: false });
    render(
      <StrictMode>
        <Probe active audio={audio} onResult={seen} />
      </StrictMode>,
    );
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(result?.state).toBe('blocked');
    await act(async () => {
      result?.enableSound();
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(result?.state).toBe('playing');
  });

  it('is off when not active', async () => {
    const audio = fakeAudio({ autoplay: true });
    render(<Probe active={false} audio={audio} onResult={seen} />);
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(result?.state).toBe('off');
    expect(audio.contexts).toHaveLength(0);
  });
});
