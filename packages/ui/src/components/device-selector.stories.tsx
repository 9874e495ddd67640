import type { Meta, StoryObj } from '@storybook/react-vite';
import { FakeDevices, device } from '../stories/fake-devices.js';
import { DeviceSelector } from './device-selector.js';

const named = [
  device('audioinput', 'mic-desk', 'Desk microphone'),
  device('audioinput', 'mic-headset', 'Headset microphone'),
  device('videoinput', 'cam-front', 'Front camera'),
  device('audiooutput', 'spk-headset', 'Headset'),
  device('audiooutput', 'spk-speakers', 'Speakers'),
];

/** Microphone, camera and speaker menus (the page's devices are faked, so they look alike everywhere). */
const meta = {
  title: 'Parts/DeviceSelector',
  component: DeviceSelector,
  parameters: { sip: { devices: named } },
} satisfies Meta<typeof DeviceSelector>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Devices with names (access was granted). */
export const WithDevices: Story = {};

/** Before access is granted, browsers hide the names: a button asks for access. */
export const Unnamed: Story = {
  parameters: {
    sip: { devices: named.map((entry) => ({ ...entry, label: '' })) },
  },
};

const unnamedDevices = named.map((entry) => ({ ...entry, label: '' }));

/** Access is refused (the microphone is blocked): "Show device names" says why and what to do. */
export const NamesRefused: Story = {
  parameters: { sip: { devices: unnamedDevices } },
  render: (args) => (
    <FakeDevices devices={unnamedDevices} refuse>
      <DeviceSelector {...args} />
    </FakeDevices>
  ),
};

/** Only a microphone menu. */
export const MicrophoneOnly: Story = { args: { kinds: ['microphone'], legend: 'Microphone' } };

/** No `navigator.mediaDevices` at all (plain HTTP, old browsers). */
export const Unsupported: Story = { parameters: { sip: { devices: 'unsupported' } } };
