import { react18Project } from './react-18-project.js';

// The unit tests of @sipkit/react (packages/react/vitest.config.ts), on React 18.
export default react18Project({
  name: 'react@18',
  packageDir: 'packages/react',
  testTimeout: 30_000,
});
