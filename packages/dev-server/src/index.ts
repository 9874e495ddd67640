/** @sipkit/dev-server: a local SIP registrar/proxy over WebSocket for development. */
export { startDevServer, type DevServer } from './dev-server.js';
export {
  DEFAULT_DEV_SERVER_OPTIONS,
  DevServerUsageError,
  parseDevServerArgs,
  parseUsers,
  USAGE,
  type DevServerOptions,
} from './dev-server-options.js';
