import type { Preview } from '@storybook/react-vite';
import '../styles.css';
import './story-frame.css';
import { withFrame } from './with-frame.js';
import { withSipStage } from './with-sip-stage.js';

/**
 * The project annotations of the Storybook (re-exported by `.storybook/preview.ts`) and of the
 * story tests (`setProjectAnnotations` in `src/testing/setup.ts`), so both run stories alike.
 */
const preview: Preview = {
  // The frame is outermost: the theme applies to everything a stage renders.
  decorators: [withSipStage, withFrame],
  globalTypes: {
    theme: {
      description: 'Colour theme',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'auto', title: 'System' },
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
    direction: {
      description: 'Writing direction',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'auto', direction: 'ltr' },
  parameters: {
    layout: 'fullscreen',
    controls: { expanded: true },
  },
};

export default preview;
