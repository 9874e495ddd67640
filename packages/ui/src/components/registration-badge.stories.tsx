import type { Meta, StoryObj } from '@storybook/react-vite';
import { RegistrationBadge } from './registration-badge.js';

/** Registration status as a live region, with the cause when it fails. */
const meta = {
  title: 'Parts/RegistrationBadge',
  component: RegistrationBadge,
  parameters: { sip: {} },
} satisfies Meta<typeof RegistrationBadge>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Registered with the in-memory registrar. */
export const Registered: Story = {};

/** Wrong password: the registrar answers 401 twice and gives up. */
export const Failed: Story = {
  parameters: { sip: { server: { users: { you: 'right' } }, you: { password: 'wrong' } } },
};

/** No password configured: "No Credentials", not a wrong password. */
export const NoPassword: Story = {
  parameters: { sip: { server: { users: { you: 'right' } } } },
};

/** The server URL is not a WebSocket URL: the configuration error names `sockets`. */
export const BadServerUrl: Story = {
  parameters: { sip: { you: { socketUrl: 'http://127.0.0.1:5062' } } },
};

/** The phone was never started. */
export const Offline: Story = { parameters: { sip: { autoStart: false } } };
