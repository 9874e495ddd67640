import { useCallMedia } from '@sipkit/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { RemoteVideo, ScreenShareView } from '../components/remote-video.js';
import { answerAfter } from '../stories/bot-script.js';
import { bobAnswersAtOnce, type StoryBot } from '../stories/parties.js';
import { CallState } from '../stories/story-helpers.js';
import { syntheticStream } from '../stories/synthetic-camera.js';
import { ScreenShareButton } from './screen-share-button.js';
import { VideoButton } from './video-button.js';

/** What the call carries as video, in words (`useCallMedia`). */
function MediaLine() {
  const { localVideo, remoteVideo, screenShare } = useCallMedia();
  return (
    <p className="sk-story-note" data-testid="call-media">
      {`you: ${localVideo ? 'video' : 'audio only'} · Bob: ${remoteVideo ? 'video' : 'audio only'} · screen: ${screenShare ?? 'none'}`}
    </p>
  );
}

function Controls({ refuseScreen = false }: { readonly refuseScreen?: boolean }) {
  return (
    <div style={{ display: 'grid', gap: 8, justifyItems: 'start' }}>
      <CallState />
      <MediaLine />
      <VideoButton videoOptions={{ getUserMedia: () => syntheticStream('You') }} />
      <ScreenShareButton
        shareOptions={{
          getDisplayMedia: refuseScreen
            ? () =>
                Promise.reject(
                  Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' }),
                )
            : () => syntheticStream('Your screen'),
        }}
      />
      <RemoteVideo className="sk-story-video" />
      <ScreenShareView className="sk-story-video" />
    </div>
  );
}

/** Bob answers, then shares his screen half a second into the call. */
const bobSharesHisScreen: StoryBot = {
  ...bobAnswersAtOnce,
  script: [
    ...answerAfter(0, 0).slice(0, 4),
    { wait: 500 },
    { do: 'share-screen' },
    { wait: 600_000 },
  ],
};

/**
 * Mid-call media changes (issue 24): an audio call with Bob where you turn your camera on and
 * off and share your screen (`<VideoButton>`, `<ScreenShareButton>`), and Bob's screen shown by
 * `<ScreenShareView>`. Cameras and screens are synthetic pictures: no device, no prompt.
 */
const meta = {
  title: 'Parts/Video and screen share',
  component: VideoButton,
  parameters: { sip: { bots: [bobAnswersAtOnce], script: [{ dial: 'bob' }] } },
} satisfies Meta<typeof VideoButton>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Turn on video upgrades the audio call (re-INVITE); Share screen adds a second video stream. */
export const VideoAndScreenShare: Story = { render: () => <Controls /> };

/** Bob shares his screen: it is shown, labelled as a shared screen. */
export const RemoteScreenShare: Story = {
  parameters: { sip: { bots: [bobSharesHisScreen], script: [{ dial: 'bob' }] } },
  render: () => <Controls />,
};

/** The screen picker was refused: the advice is shown, the call goes on as it was. */
export const ScreenShareRefused: Story = { render: () => <Controls refuseScreen /> };
