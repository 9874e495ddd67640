import { react18Project } from './react-18-project.js';

// The unit tests and story tests of @sipkit/ui (packages/ui/vitest.config.ts), on React 18.
export default react18Project({ name: 'ui@18', packageDir: 'packages/ui', testTimeout: 30_000 });
