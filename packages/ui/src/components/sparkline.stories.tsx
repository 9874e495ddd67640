import type { Meta, StoryObj } from '@storybook/react-vite';
import { Sparkline } from './sparkline.js';

/** A small SVG line chart, coloured by CSS (`currentColor`). */
const meta = {
  title: 'Diagnostics/Sparkline',
  component: Sparkline,
  args: { label: 'Jitter, last 12 samples', values: [4, 5, 4, 6, 9, 7, 5, 5, 4, 6, 5, 4] },
} satisfies Meta<typeof Sparkline>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A line through every sample. */
export const Line: Story = {};

/** Missing samples leave gaps. */
export const WithGaps: Story = { args: { values: [3, 4, undefined, undefined, 6, 5, 7] } };

/** Nothing measured yet: a dashed baseline and "No data yet", not a blank box. */
export const Empty: Story = { args: { values: [] } };

/** A flat line is drawn in the middle of its range, not clipped at an edge. */
export const Flat: Story = { args: { values: [5, 5, 5, 5] } };
