// The project annotations live in @sipkit/ui, where the story tests use them too.
export { default } from '../packages/ui/src/stories/preview.js';
