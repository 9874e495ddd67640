import { FakeMediaTrack, fakeStream } from './fake-media-track.js';

/**
 * getUserMedia and getDisplayMedia for Node tests: each call resolves with a stream of new
 * `FakeMediaTrack`s (a camera, a screen) and is recorded; `failNext` makes the next call of one
 * reject (a refused permission, no camera).
 *
 * @example
 * ```ts
 * const devices = fakeMediaDevices();
 * await addVideo(session, { getUserMedia: devices.getUserMedia });
 * devices.cameras[0]?.stops; // 0 while the camera is on
 * devices.failNext('getDisplayMedia', userDeniedMediaError());
 * ```
 */
export function fakeMediaDevices(): {
  readonly getUserMedia: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  readonly getDisplayMedia: (options?: DisplayMediaStreamOptions) => Promise<MediaStream>;
  /** Every camera track handed out, in order. */
  readonly cameras: FakeMediaTrack[];
  /** Every screen track handed out, in order. */
  readonly screens: FakeMediaTrack[];
  /** The constraints of every getUserMedia call. */
  readonly requests: MediaStreamConstraints[];
  failNext(api: 'getUserMedia' | 'getDisplayMedia', error: Error): void;
} {
  const cameras: FakeMediaTrack[] = [];
  const screens: FakeMediaTrack[] = [];
  const requests: MediaStreamConstraints[] = [];
  const failures = new Map<string, Error>();
  const fail = (api: string): Promise<never> | undefined => {
    const error = failures.get(api);
    if (error === undefined) return undefined;
    failures.delete(api);
    return Promise.reject(error);
  };
  return {
    cameras,
    screens,
    requests,
    getUserMedia: (constraints) => {
      requests.push(constraints);
      const failed = fail('getUserMedia');
      if (failed !== undefined) return failed;
      const tracks: MediaStreamTrack[] = [];
      if (constraints.video !== undefined && constraints.video !== false) {
        const camera = new FakeMediaTrack('video', 'camera');
        cameras.push(camera);
        tracks.push(camera.asTrack);
      }
      if (constraints.audio !== undefined && constraints.audio !== false)
        tracks.push(new FakeMediaTrack('audio', 'microphone').asTrack);
      return Promise.resolve(fakeStream(tracks));
    },
    getDisplayMedia: () => {
      const failed = fail('getDisplayMedia');
      if (failed !== undefined) return failed;
      const screen = new FakeMediaTrack('video', 'screen');
      screens.push(screen);
      return Promise.resolve(fakeStream([screen.asTrack]));
    },
    failNext: (api, error) => {
      failures.set(api, error);
    },
  };
}
