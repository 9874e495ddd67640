import { render, type RenderOptions, type RenderResult } from '@testing-library/react';
import { StrictMode, type ReactElement } from 'react';

/**
 * Testing Library's `render` inside `<StrictMode>`, the default for this package's tests: double
 * render, double mount. `rerender` keeps the wrapper.
 */
export function renderStrict(
  ui: ReactElement,
  options: Omit<RenderOptions, 'wrapper'> = {},
): RenderResult {
  return render(ui, { ...options, wrapper: StrictMode });
}
