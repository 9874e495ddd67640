// Public API of event state publication (re-exported from the package root): RFC 3903 PUBLISH.
// Nothing here is reached from `UserAgent`, so an app that does not publish bundles none of it.
export { publisher } from './publications.js';
export {
  Publisher,
  type PublisherEvents,
  type PublisherOptions,
  type PublisherState,
  type PublishResult,
} from './publisher.js';
