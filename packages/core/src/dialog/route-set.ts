import { formatNameAddr, formatUri, type HeaderEntry, type NameAddr } from '../message/index.js';
import { ownString } from '../message/own-string.js';

/** Where an in-dialog request goes: its Request-URI and Route headers (RFC 3261 §12.2.1.1). */
export interface RequestTarget {
  readonly ruri: string;
  readonly routes: readonly HeaderEntry[];
}

/**
 * A dialog's route set as its requests use it, formatted once when the dialog is made (the route
 * set never changes, RFC 3261 §12.1) and copied out of the message it came in (see ownString).
 */
export interface PreparedRouteSet {
  /** Route header values, in order; after a strict router, without that first route. */
  readonly routes: readonly string[];
  /** With a strict router first (no `;lr`): its URI without headers, the Request-URI. */
  readonly strictRuri: string | undefined;
}

export function prepareRouteSet(routeSet: readonly NameAddr[]): PreparedRouteSet {
  const routes = routeSet.map((route) => ownString(formatNameAddr(route)));
  const first = routeSet[0];
  if (first === undefined || 'lr' in first.uri.params) return { routes, strictRuri: undefined };
  const { headers: _dropped, ...strict } = first.uri;
  return {
    routes: routes.slice(1),
    strictRuri: ownString(formatUri(strict)),
  };
}

/**
 * Request-URI and Route of a request inside a dialog (RFC 3261 §12.2.1.1): with an empty route
 * set, or a first route that is a loose router (`;lr`), the Request-URI is the remote target and
 * the route set goes in Route unchanged; with a strict router first, the Request-URI is that
 * route (without URI headers) and the remote target goes last in Route.
 */
export function preparedTarget(routeSet: PreparedRouteSet, remoteTarget: string): RequestTarget {
  const routes = routeSet.routes.map((route): HeaderEntry => ['Route', route]);
  if (routeSet.strictRuri === undefined) return { ruri: remoteTarget, routes };
  return { ruri: routeSet.strictRuri, routes: [...routes, ['Route', `<${remoteTarget}>`]] };
}

/** `preparedTarget` straight from parsed routes (Record-Route as the dialog orders it). */
export function requestTarget(routeSet: readonly NameAddr[], remoteTarget: string): RequestTarget {
  return preparedTarget(prepareRouteSet(routeSet), remoteTarget);
}
