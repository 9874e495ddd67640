/** @sipkit/dev-server: a local SIP registrar/proxy over WebSocket for development. */
export { startDevServer, type DevServer } from './dev-server.js';
export {
  DEFAULT_DEV_SERVER_LIMITS,
  DEFAULT_DEV_SERVER_OPTIONS,
  DevServerUsageError,
  parseDevServerArgs,
  parseMessageWaiting,
  parseOrigins,
  parseUsers,
  USAGE,
  type DevServerLimits,
  type DevServerOptions,
} from './dev-server-options.js';
