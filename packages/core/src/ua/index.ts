// Public API of the UA layer (re-exported from the package root).
export { ConfigurationError } from './configuration-error.js';
export {
  REDACTED as REDACTED_CONFIGURATION_VALUE,
  SECRET_PARAMETERS,
  type ConfigurationSecrets,
  type NormalizedConfiguration,
  type UAConfiguration,
} from './configuration.js';
export { normalizeConfiguration, type ValidatedConfiguration } from './normalize-configuration.js';
