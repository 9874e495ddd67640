import { formatUri, type IncomingRequest, type NameAddr, type SipUri } from '@sipkit/core';
import type { FlowTarget } from './flow-aliases.js';
import type { LocationService } from './location-service.js';

/** Where a request goes: to connections (with a new Request-URI each), or answered here. */
export type RoutingDecision =
  | {
      readonly kind: 'forward';
      readonly targets: readonly Target[];
      readonly popRoute: boolean;
      /** What chose the targets: a Route, a contact host, a GRUU, or an AOR's registrations. */
      readonly by: 'route' | 'contact' | 'gruu' | 'aor';
    }
  | { readonly kind: 'reply'; readonly status: number; readonly reason: string }
  | { readonly kind: 'local' };

export interface Target {
  readonly connectionId: string;
  /** Request-URI to use; undefined keeps the received one. */
  readonly ruri?: string;
}

/** What the router needs to know about the proxy it works for. */
export interface RoutingContext {
  readonly location: LocationService;
  /** True when the URI names this proxy (its host). */
  isSelf(uri: SipUri): boolean;
  /** True when the host is a domain this proxy is responsible for. */
  isLocalDomain(host: string): boolean;
  /**
   * The connection that reaches a UA's contact host (a `.invalid` host on WebSocket); never one
   * for this proxy's own host or a domain it serves, so no Contact can capture an AOR's requests.
   */
  connectionFor(host: string): string | undefined;
  /** True when the AOR is a known user (registered once, or configured), for 480 vs 404. */
  isKnownUser(aor: string): boolean;
  /** Where a Request-URI's `alias` leads, when the proxy routes by flow (`FlowAliases`). */
  flowFor?(token: string): FlowTarget;
}

/**
 * Request routing (RFC 3261 §16.4-§16.5): loose-route past our own Route entry, follow the next
 * Route, else the Request-URI: a GRUU (RFC 5627 §5.4), a known contact (in-dialog requests), or an
 * AOR of ours via the location service, forking to every binding.
 */
export function routeRequest(request: IncomingRequest, context: RoutingContext): RoutingDecision {
  const routes: readonly NameAddr[] = request.parsed('route') ?? [];
  const popRoute = routes[0] !== undefined && context.isSelf(routes[0].uri);
  const next = popRoute ? routes[1] : routes[0];
  if (next !== undefined) return viaHost(next.uri.host, context, popRoute);

  const ruri = request.ruri;
  if (ruri.scheme === 'tel') return { kind: 'reply', status: 404, reason: 'Not Found' };
  if (ruri.params['gr'] !== undefined) return viaGruu(ruri, context, popRoute);
  const alias = ruri.params['alias'];
  const flow = alias === undefined ? undefined : context.flowFor?.(alias);
  // RFC 5626 §5.3: the flow this target was reached over closed; no other may stand in for it.
  if (flow === 'gone') return { kind: 'reply', status: 430, reason: 'Flow Failed' };
  if (flow !== undefined) return { kind: 'forward', targets: [flow], popRoute, by: 'contact' };
  const direct = context.connectionFor(ruri.host);
  if (direct !== undefined)
    return { kind: 'forward', targets: [{ connectionId: direct }], popRoute, by: 'contact' };
  if (!context.isLocalDomain(ruri.host) && !context.isSelf(ruri)) {
    return { kind: 'reply', status: 404, reason: 'Not Found' };
  }
  if (ruri.user === undefined) return { kind: 'local' };
  return viaLocation(`${ruri.user}@${ruri.host.toLowerCase()}`, context, popRoute);
}

function viaHost(host: string, context: RoutingContext, popRoute: boolean): RoutingDecision {
  const connectionId = context.connectionFor(host);
  if (connectionId === undefined)
    return { kind: 'reply', status: 404, reason: 'Route Target Unknown' };
  return { kind: 'forward', targets: [{ connectionId }], popRoute, by: 'route' };
}

function viaGruu(ruri: SipUri, context: RoutingContext, popRoute: boolean): RoutingDecision {
  const gruu = formatUri({
    scheme: ruri.scheme,
    user: ruri.user,
    host: ruri.host,
    params: { gr: ruri.params['gr'] ?? '' },
  });
  const binding = context.location.findByGruu(gruu);
  if (binding === undefined)
    return { kind: 'reply', status: 480, reason: 'Temporarily Unavailable' };
  return {
    kind: 'forward',
    targets: [{ connectionId: binding.connectionId, ruri: binding.contactUri }],
    popRoute,
    by: 'gruu',
  };
}

function viaLocation(aor: string, context: RoutingContext, popRoute: boolean): RoutingDecision {
  const bindings = context.location.lookup(aor);
  if (bindings.length === 0) {
    return context.isKnownUser(aor)
      ? { kind: 'reply', status: 480, reason: 'Temporarily Unavailable' }
      : { kind: 'reply', status: 404, reason: 'Not Found' };
  }
  return {
    kind: 'forward',
    targets: bindings.map((b) => ({ connectionId: b.connectionId, ruri: b.contactUri })),
    popRoute,
    by: 'aor',
  };
}
