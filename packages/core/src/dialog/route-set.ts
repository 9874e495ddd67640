import { formatNameAddr, type HeaderEntry, type NameAddr } from '../message/index.js';

/** Where an in-dialog request goes: its Request-URI and Route headers (RFC 3261 §12.2.1.1). */
export interface RequestTarget {
  readonly ruri: string;
  readonly routes: readonly HeaderEntry[];
}

/**
 * Request-URI and Route of a request inside a dialog (RFC 3261 §12.2.1.1): with an empty route
 * set, or a first route that is a loose router (`;lr`), the Request-URI is the remote target and
 * the route set goes in Route unchanged; with a strict router first, the Request-URI is that
 * route (without URI headers) and the remote target goes last in Route.
 */
export function requestTarget(routeSet: readonly NameAddr[], remoteTarget: string): RequestTarget {
  const first = routeSet[0];
  const asRoute = (route: NameAddr): HeaderEntry => ['Route', formatNameAddr(route)];
  if (first === undefined || 'lr' in first.uri.params) {
    return { ruri: remoteTarget, routes: routeSet.map(asRoute) };
  }
  const { headers: _dropped, ...strict } = first.uri;
  return {
    ruri: formatNameAddr({ uri: strict }).slice(1, -1),
    routes: [...routeSet.slice(1).map(asRoute), ['Route', `<${remoteTarget}>`]],
  };
}
