/**
 * @sipkit/testing: an in-memory SIP network (virtual sockets, a registrar/proxy, fault injection)
 * for unit tests, Storybook stories and the demo's dev server.
 */
export {
  matches,
  FaultPlan,
  type Direction,
  type FaultAction,
  type FaultOptions,
  type MessageMatcher,
} from './network/fault-plan.js';
export type { ServerConnection, SipServerEndpoint } from './network/server-connection.js';
export { SipNetwork, type SipNetworkOptions } from './network/sip-network.js';
export { TrafficLog, type MessageFate, type TrafficEntry } from './network/traffic-log.js';
export { VirtualSocket } from './network/virtual-socket.js';
export { SipProxyServer, type SipProxyServerOptions } from './server/sip-proxy-server.js';
export { DEFAULT_SIP_PROXY_LIMITS, type SipProxyLimits } from './server/sip-proxy-options.js';
export { LocationService, type Binding } from './server/location-service.js';
export {
  PresenceAgent,
  MAX_TRACKED_CALLS,
  type PresenceAgentLimits,
} from './server/presence/presence-agent.js';
export {
  MessageWaitingError,
  type MessageWaitingCounts,
  type PresenceAgentOptions,
} from './server/presence/presence-agent-options.js';
export * from './media/fake-media-handler.js';
export { FakeIceCredentialsState } from './media/fake-ice.js';
export { FakeMediaTrack, fakeStream } from './media/fake-media-track.js';
export { fakeMediaDevices } from './media/fake-media-devices.js';
export { FakeVideoSlots } from './media/fake-video-slots.js';
export { iceUfrag, type FakeIceCredentials } from './media/fake-sdp.js';
export { fakePageLifecycle, type FakePageLifecycle } from './page/fake-page-lifecycle.js';
export {
  createFakeTabEnvironment,
  type FakeTab,
  type FakeTabEnvironment,
} from './tabs/fake-tab-environment.js';
export type { PostedTabMessage } from './tabs/fake-channel-hub.js';
