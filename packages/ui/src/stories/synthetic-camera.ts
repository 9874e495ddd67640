/**
 * A camera stream for stories of video calls, with no camera or permission prompt: in a browser
 * a moving canvas picture (`captureStream`); where canvases cannot be captured (happy-dom in the
 * tests) an empty `MediaStream` reporting one video track, so the views see a video call.
 * Undefined where there is no `MediaStream` at all.
 *
 * @example const stream = syntheticCamera('Bob'); <VideoView stream={stream} />
 */
export function syntheticCamera(label: string): MediaStream | undefined {
  if (typeof MediaStream === 'undefined') return undefined;
  const canvas = document.createElement('canvas');
  const context = typeof canvas.captureStream === 'function' ? canvas.getContext('2d') : null;
  if (context === null) return withStandInTrack(new MediaStream());
  canvas.width = 320;
  canvas.height = 180;
  let frame = 0;
  const draw = (): void => {
    frame += 1;
    context.fillStyle = `hsl(${(frame * 2 + label.length * 40) % 360} 45% 35%)`;
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.fillStyle = '#ffffff';
    context.font = '28px system-ui, sans-serif';
    context.fillText(label, 24, 100);
  };
  draw();
  const stream = canvas.captureStream(10);
  const timer = setInterval(draw, 100);
  // Drawn while its track lives: the call's end stops the tracks, and with them the timer.
  const [track] = stream.getVideoTracks();
  track?.addEventListener('ended', () => clearInterval(timer));
  const stop = track?.stop.bind(track);
  if (track !== undefined && stop !== undefined) {
    track.stop = () => {
      clearInterval(timer);
      stop();
    };
  }
  return stream;
}

function withStandInTrack(stream: MediaStream): MediaStream {
  const track = standInTrack();
  stream.getVideoTracks = () => [track];
  stream.getTracks = () => [track];
  return stream;
}

/**
 * A synthetic camera or screen for `getUserMedia` / `getDisplayMedia` options in stories: the
 * picture of `syntheticCamera`, or in Node a stream with one stand-in video track.
 *
 * @example await addVideo(session, { getUserMedia: () => syntheticStream('Bob') });
 */
export function syntheticStream(label: string): Promise<MediaStream> {
  const stream = syntheticCamera(label);
  if (stream !== undefined) return Promise.resolve(stream);
  const track = standInTrack();
  const standIn = { getVideoTracks: () => [track], getTracks: () => [track] };
  return Promise.resolve(standIn as unknown as MediaStream);
}

function standInTrack(): MediaStreamTrack {
  const track = {
    kind: 'video',
    enabled: true,
    stop: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  };
  return track as unknown as MediaStreamTrack;
}
