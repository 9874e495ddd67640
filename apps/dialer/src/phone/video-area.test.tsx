import type { CallState } from '@sipkit/react';
import { fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { VideoArea } from './video-area.js';

// The fake media handler's streams carry no tracks, so the call the area reads is given here: a
// confirmed video call whose camera is on or off.
const call = vi.hoisted(() => ({
  cameraOff: false,
  mute: vi.fn(),
  unmute: vi.fn(),
}));

vi.mock('@sipkit/react', () => {
  const withVideo = { getVideoTracks: () => [{}] } as unknown as MediaStream;
  return {
    useCall: () => ({
      state: {
        status: 'confirmed',
        localStream: withVideo,
        remoteStream: withVideo,
        muted: { audio: false, video: call.cameraOff },
      } as unknown as CallState,
      mute: call.mute,
      unmute: call.unmute,
    }),
  };
});
vi.mock('@sipkit/ui', () => ({ VideoView: () => null }));

const camera = (): HTMLButtonElement =>
  screen.getByRole('button', { name: 'Camera' }) as HTMLButtonElement;

describe('<VideoArea>', () => {
  beforeEach(() => {
    call.mute.mockClear();
    call.unmute.mockClear();
  });

  it('reads "Camera, pressed" while the camera is on, and turns it off', () => {
    call.cameraOff = false;
    render(<VideoArea />);
    expect(camera().getAttribute('aria-pressed')).toBe('true');
    expect(camera().dataset['sipkitState']).toBe('on');
    fireEvent.click(camera());
    expect(call.mute).toHaveBeenCalledWith({ video: true });
  });

  it('reads "Camera, not pressed" while the camera is off, and turns it on', () => {
    call.cameraOff = true;
    render(<VideoArea />);
    expect(camera().getAttribute('aria-pressed')).toBe('false');
    expect(camera().dataset['sipkitState']).toBe('off');
    fireEvent.click(camera());
    expect(call.unmute).toHaveBeenCalledWith({ video: true });
  });
});
