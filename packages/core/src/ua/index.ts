// Public API of the UA layer (re-exported from the package root).
export { ConfigurationError } from './configuration-error.js';
export { InvalidOptionError } from './invalid-option-error.js';
export { newInstanceId } from './instance-id.js';
export { STACK_HEADERS } from './option-checks.js';
export {
  REDACTED as REDACTED_CONFIGURATION_VALUE,
  SECRET_PARAMETERS,
  type ConfigurationSecrets,
  type NormalizedConfiguration,
  type UAConfiguration,
} from './configuration.js';
export { normalizeConfiguration, type ValidatedConfiguration } from './normalize-configuration.js';
export { UA } from './ua.js';
export type { ContactParams } from './local-identity.js';
export { UserAgent, type UAStatus } from './user-agent.js';
export type {
  ReadableParameter,
  ReadableValues,
  SettableParameter,
  SettableValues,
} from './runtime-parameters.js';
export type { UAEvents } from './ua-events.js';
export {
  browserNetwork,
  NETWORK_PROBE_TIMEOUT_MS,
  type NetworkChange,
  type NetworkEnvironment,
} from './network-watch.js';
export { browserPageLifecycle, type PageLifecycle, type PageTransition } from './page-lifecycle.js';
export type { KeepAliveMethod } from './options-keep-alive.js';
export { DEFAULT_CALL_RECOVERY_TIMEOUT } from './call-recovery.js';
export type { UALogger, UAOptions } from './ua-options.js';
export { Causes, causeOfStatus, type Cause } from './causes.js';
export { ALLOWED_METHODS, NON_CALL_METHODS, SUPPORTED_EXTENSIONS } from './request-policy.js';
export { InvalidTargetError, normalizeTarget } from './target.js';
export type {
  Identity,
  OutOfDialogRequestOptions,
  RequestEventHandlers,
  RequestResult,
  SendMessageOptions,
} from './out-of-dialog-request.js';
export type {
  ExtensionParts,
  UserAgentExtension,
  UserAgentExtensionFactory,
} from './user-agent-extension.js';
