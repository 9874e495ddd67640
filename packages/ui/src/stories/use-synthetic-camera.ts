import { useEffect, useState } from 'react';

/**
 * A moving test picture as a camera stream (a canvas's `captureStream`), so the video story
 * shows something without a camera or a permission prompt. Undefined where canvases cannot be
 * drawn and captured (happy-dom in the tests).
 *
 * @example const stream = useSyntheticCamera('You'); <VideoView stream={stream} source="local" />
 */
export function useSyntheticCamera(label: string): MediaStream | undefined {
  const [stream, setStream] = useState<MediaStream | undefined>(undefined);
  useEffect(() => {
    const canvas = document.createElement('canvas');
    const context = typeof canvas.captureStream === 'function' ? canvas.getContext('2d') : null;
    if (context === null) return;
    canvas.width = 320;
    canvas.height = 180;
    let frame = 0;
    const draw = (): void => {
      frame += 1;
      context.fillStyle = `hsl(${(frame * 2) % 360} 45% 35%)`;
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.fillStyle = '#ffffff';
      context.font = '28px system-ui, sans-serif';
      context.fillText(label, 24, 100);
    };
    draw();
    const timer = setInterval(draw, 100);
    const captured = canvas.captureStream(10);
    // On purpose: the stream exists only once the canvas does, after mount.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setStream(captured);
    return () => {
      clearInterval(timer);
      for (const track of captured.getTracks()) track.stop();
      setStream(undefined);
    };
  }, [label]);
  return stream;
}
