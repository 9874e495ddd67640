// A setup file of the react@18 and ui@18 projects: after each test file, React 18 is the only
// React that file loaded.
import { afterAll } from 'vitest';
import { expectOnlyReact18 } from './loaded-react.js';

afterAll(expectOnlyReact18);
