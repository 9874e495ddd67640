// Vitest runs without globals, so Testing Library cannot register its own cleanup.
import { setProjectAnnotations } from '@storybook/react';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import preview from '../stories/preview.js';

// The stories' decorators and parameters, as Storybook applies them (portable stories).
setProjectAnnotations(preview);

afterEach(() => {
  cleanup();
});
