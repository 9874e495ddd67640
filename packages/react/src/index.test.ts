import { describe, expect, it } from 'vitest';
import { useShallow as zustandUseShallow } from 'zustand/react/shallow';
import * as sipkitReact from './index.js';

describe('@sipkit/react entry', () => {
  // Under pnpm's strict layout an app cannot import zustand (our dependency, not its own), so
  // the `useShallow` the docs recommend must come from this package.
  it('re-exports zustand useShallow', () => {
    expect(sipkitReact.useShallow).toBe(zustandUseShallow);
  });
});
