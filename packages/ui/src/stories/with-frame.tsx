import type { Decorator } from '@storybook/react-vite';

/**
 * Wraps a story in the theme and writing direction chosen in the toolbar (globals `theme`,
 * `direction`), or set by the story's own `globals`: the frame is the kit's theme root
 * (`data-sipkit-theme`), as an app's own root would be.
 *
 * @example export const Arabic = { globals: { direction: 'rtl' } };
 */
export const withFrame: Decorator = (Story, context) => {
  const theme = context.globals['theme'] as string | undefined;
  const direction = context.globals['direction'] === 'rtl' ? 'rtl' : 'ltr';
  return (
    <div
      className="sk-story"
      data-sipkit-theme={theme === 'light' || theme === 'dark' ? theme : 'system'}
      dir={direction}
    >
      <Story />
    </div>
  );
};
