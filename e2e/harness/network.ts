import { networkInterfaces } from 'node:os';
import { TEST_LINK_PREFIX } from './caller-namespace.js';

/**
 * Throws unless every network interface this process can see is loopback. The WebRTC scenarios
 * call it first: Chromium gathers ICE candidates on every interface, so outside the private
 * namespace that `pnpm test:e2e` enters (scripts/netns.sh) media could go to a non-loopback
 * address of the machine. Nothing here may leave 127.0.0.1, or the veth links a test creates
 * between namespaces of its own (named `skt…`, `harness/caller-namespace.ts`), which can only
 * exist once the suite runs in its private namespace.
 */
export function assertLoopbackOnly(): void {
  const outside = Object.entries(networkInterfaces()).flatMap(([name, addresses]) =>
    name.startsWith(TEST_LINK_PREFIX)
      ? []
      : (addresses ?? []).filter((a) => !a.internal).map((a) => `${name} ${a.address}`),
  );
  if (outside.length > 0) {
    throw new Error(
      `WebRTC scenarios need a network namespace with loopback only, and this one also has ` +
        `${outside.join(', ')}. Run them through \`pnpm test:e2e\` (scripts/netns.sh), ` +
        `which needs unshare and ip (iproute2).`,
    );
  }
}
