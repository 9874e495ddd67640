import {
  headerKey,
  splitHeaderList,
  type HeaderEntry,
  type IncomingMessage,
  type IncomingRequest,
  type OutgoingRequest,
  type OutgoingResponse,
} from '@sipkit/core';

// Edits a proxy makes to messages it forwards (RFC 3261 §16.6, §16.7). Messages are rebuilt from
// their raw headers, so everything the proxy does not touch goes out byte for byte.

/** The headers of a received message as `[name, value]`, in order. */
export function headerEntries(message: IncomingMessage): HeaderEntry[] {
  return message.rawHeaders.map((header) => [header.name, header.value] as const);
}

/** What a proxy changes in a request it forwards. */
export interface RequestEdit {
  /** New Request-URI (§16.6 step 2, a target from the location service). */
  readonly ruri?: string;
  /** Via to push on top (§16.6 step 8). */
  readonly via: string;
  /** Record-Route to push on top (§16.6 step 4). */
  readonly recordRoute?: string;
  /** Remove the first Route value: it named this proxy (§16.4). */
  readonly popRoute?: boolean;
}

/** A forwarded copy of `request` (§16.6): Via pushed, Max-Forwards decremented, Route popped. */
export function forwardRequest(request: IncomingRequest, edit: RequestEdit): OutgoingRequest {
  let headers = headerEntries(request);
  if (edit.popRoute === true) headers = removeFirstListValue(headers, 'route');
  headers = decrementMaxForwards(headers);
  if (edit.recordRoute !== undefined) {
    // After the Vias, before any Record-Route already there: the new one must come first (§16.6 step 4).
    const at = headers.findIndex(([name]) => headerKey(name) !== 'via');
    headers.splice(at === -1 ? headers.length : at, 0, ['Record-Route', edit.recordRoute]);
  }
  headers = [['Via', edit.via], ...headers];
  return {
    method: request.method,
    ruri: edit.ruri ?? request.requestUri,
    headers,
    body: request.body,
  };
}

/** A response with its top via-parm removed, to pass upstream (§16.7 step 3). */
export function responseWithoutTopVia(
  response: IncomingMessage & { status: number; reason: string },
): OutgoingResponse {
  return {
    status: response.status,
    reason: response.reason,
    headers: removeFirstListValue(headerEntries(response), 'via'),
    body: response.body,
  };
}

function decrementMaxForwards(headers: HeaderEntry[]): HeaderEntry[] {
  const index = headers.findIndex(([name]) => headerKey(name) === 'max-forwards');
  if (index === -1) return [...headers, ['Max-Forwards', '70']];
  const current = Number(headers[index]?.[1]);
  const next = Number.isFinite(current) ? Math.max(0, current - 1) : 70;
  return headers.map((entry, i) => (i === index ? [entry[0], String(next)] : entry));
}

/**
 * Removes the first value of a comma-list header, which may share a line with others
 * (`Via: a, b` is two via-parms, §7.3.1). A line left empty is dropped.
 */
export function removeFirstListValue(headers: HeaderEntry[], key: string): HeaderEntry[] {
  const index = headers.findIndex(([name]) => headerKey(name) === key);
  if (index === -1) return headers;
  const [name, value] = headers[index] as HeaderEntry;
  const rest = splitHeaderList(value).slice(1);
  const out = [...headers];
  if (rest.length === 0) out.splice(index, 1);
  else out[index] = [name, rest.join(', ')];
  return out;
}

/**
 * The first of `names` whose value does not parse, or undefined. A proxy must not pass on a
 * malformed Record-Route, Route or Contact: the far end would build its route set or remote target
 * from it (RFC 3261 §12.1.2, §16.6) and fail on it later, where nobody can answer.
 */
export function unparsableHeader(
  message: IncomingMessage,
  names: ReadonlyArray<'record-route' | 'route' | 'contact'>,
): string | undefined {
  for (const name of names) {
    try {
      message.parsed(name);
    } catch {
      return name;
    }
  }
  return undefined;
}
