// A setup file of the react@18 and ui@18 projects: after each test file, Node has loaded one
// copy of react and one of react-dom, both React 18 (two copies of React fail hooks with
// "Invalid hook call"; a React 19 would mean the file did not run on React 18 at all).
import { version as reactVersion } from 'react';
import { version as reactDomVersion } from 'react-dom';
import { afterAll, expect } from 'vitest';
import { loadedReactCopies } from './loaded-react.js';

afterAll(() => {
  expect(reactVersion).toMatch(/^18\./);
  expect(loadedReactCopies().map(({ name, version }) => `${name}@${version}`)).toEqual(
    expect.arrayContaining([`react@${reactVersion}`, `react-dom@${reactDomVersion}`]),
  );
  expect(loadedReactCopies()).toHaveLength(2);
});
