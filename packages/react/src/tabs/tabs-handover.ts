import { resumeCall, watchCallState, type SharedCallState } from '@sipkit/core';
import type { TabsHandover } from './tabs-plugins.js';

/**
 * The core's call handover: each established call's `SharedCallState` kept current by the
 * owner; `resumeCall` in the tab that takes over.
 *
 * @example createSharedTabs({ handover: coreTabsHandover })
 */
export const coreTabsHandover: TabsHandover = {
  watchCallState: (session, listener) => watchCallState(session, listener),
  // The state came from the previous owner over the channel: `resumeCall` checks it field by
  // field (`readSharedCallState`) and names the one at fault.
  resumeCall: (ua, state, options) => resumeCall(ua, state as SharedCallState, options),
};
