import type { Decorator, Meta, StoryObj } from '@storybook/react-vite';
import { bobAnswersAtOnce } from '../stories/parties.js';
import { useSyntheticCamera } from '../stories/use-synthetic-camera.js';
import { VideoView, type VideoViewProps } from './video-view.js';

function SyntheticCamera(props: VideoViewProps) {
  const stream = useSyntheticCamera('You');
  return <VideoView {...props} {...(stream === undefined ? {} : { stream })} />;
}

const narrow: Decorator = (Story) => (
  <div style={{ maxWidth: 360 }}>
    <Story />
  </div>
);

/** A call's local or remote video, attached with `srcObject`. */
const meta = {
  title: 'Parts/VideoView',
  component: VideoView,
  parameters: { sip: { bots: [bobAnswersAtOnce], script: [{ dial: 'bob' }] } },
  decorators: [narrow],
} satisfies Meta<typeof VideoView>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Your own camera (a synthetic moving picture here), mirrored. */
export const LocalCamera: Story = {
  args: { source: 'local' },
  render: (args) => <SyntheticCamera {...args} />,
};

/** The far end's stream in an audio-only call: "No video". */
export const RemoteAudioOnly: Story = { args: { source: 'remote' } };

/** No call and no stream. */
export const Empty: Story = { parameters: { sip: { bots: [], script: [] } } };
