import { SipSerializeError } from './sip-serialize-error.js';
import { isToken } from './chars.js';
import {
  emptyParams,
  findParam,
  paramsFromList,
  readHeaderParamList,
  type Params,
} from './params.js';
import { formatHost, formatPort, scanHost } from './host.js';
import { formatHeaderParams } from './name-addr.js';
import { ValueScanner } from './value-scanner.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * One via-parm (RFC 3261 §20.42). `protocol` is `name/version` without LWS (`SIP/2.0`),
 * `transport` is uppercased (`UDP`, `WSS`), `host` keeps IPv6 brackets. `params` hold every
 * parameter as written (names lowercased), including `branch`, `received` and `rport`.
 *
 * @example parseViaList('SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK776')[0]?.branch
 */
export interface Via {
  readonly protocol: string;
  readonly transport: string;
  readonly host: string;
  readonly port: number | undefined;
  readonly branch: string | undefined;
  readonly params: Params;
}

/** What `formatVia` accepts. */
export interface ViaInit {
  /** Defaults to `SIP/2.0`. */
  readonly protocol?: string | undefined;
  readonly transport: string;
  readonly host: string;
  readonly port?: number | undefined;
  readonly branch?: string | undefined;
  readonly params?: Params | undefined;
}

/**
 * Parses a Via header value holding one or more comma-separated via-parms.
 * Throws SipParseError if any is malformed.
 *
 * @example parseViaList('SIP/2.0/UDP a.example, SIP/2.0/TCP b.example:5061').length // 2
 */
export function parseViaList(value: string, start: number = 0, end: number = value.length): Via[] {
  const vias: Via[] = [];
  const scanner = new ValueScanner(value, start, end);
  for (;;) {
    vias.push(readVia(scanner));
    scanner.skipWhitespace();
    if (scanner.done) return vias;
    scanner.expect(0x2c, ', between Via values');
  }
}

/**
 * Parses a Via value that must hold exactly one via-parm.
 *
 * @example parseVia('SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1').port // 5060
 */
export function parseVia(value: string): Via {
  const scanner = new ValueScanner(value);
  const via = readVia(scanner);
  scanner.expectEnd();
  return via;
}

function readVia(scanner: ValueScanner): Via {
  scanner.skipWhitespace();
  // RFC 3261 §20.42: sent-protocol = protocol-name SLASH protocol-version SLASH transport.
  const name = scanner.token('protocol name');
  scanner.expect(0x2f, '/');
  const version = scanner.token('protocol version');
  scanner.expect(0x2f, '/');
  const transport = upperCase(scanner.token('transport'));
  const transportEnd = scanner.pos;
  const hostStart = scanner.skipWhitespace().pos;
  if (hostStart === transportEnd)
    scanner.fail(DEV ? 'expected space before sent-by' : 'parse.via-space');
  const hostEnd = scanHost(scanner.text, hostStart, scanner.end);
  if (hostEnd === -1) scanner.fail(DEV ? 'invalid Via host' : 'parse.via-host');
  const host = scanner.text.slice(hostStart, hostEnd);
  scanner.pos = hostEnd;
  let port: number | undefined;
  if (scanner.accept(0x3a)) port = scanner.number('port', 65535);
  const paramList = readHeaderParamList(scanner);
  const protocol = name === 'SIP' && version === '2.0' ? 'SIP/2.0' : `${name}/${version}`;
  return new ParsedVia(protocol, transport, host, port, paramList);
}

// Parameters are validated eagerly but the record is built on first access (hot path).
class ParsedVia implements Via {
  readonly branch: string | undefined;
  #paramList: string[] | undefined;
  #params: Params | undefined;

  constructor(
    readonly protocol: string,
    readonly transport: string,
    readonly host: string,
    readonly port: number | undefined,
    paramList: string[] | undefined,
  ) {
    this.#paramList = paramList;
    this.branch = findParam(paramList, 'branch');
  }

  get params(): Params {
    return (this.#params ??= paramsFromList(this.#paramList));
  }

  toJSON(): object {
    const { protocol, transport, host, port, branch, params } = this;
    return { protocol, transport, host, port, branch, params };
  }
}

// Transports are nearly always sent uppercase; skip the runtime call then.
function upperCase(token: string): string {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) return token.toUpperCase();
  }
  return token;
}

/**
 * Formats one via-parm. `branch` is written first among parameters (RFC 3261 §8.1.1.7).
 *
 * @example formatVia({ transport: 'WSS', host: 'x.invalid', branch: 'z9hG4bK1' }) // 'SIP/2.0/WSS x.invalid;branch=z9hG4bK1'
 */
export function formatVia(via: ViaInit): string {
  const protocol = via.protocol ?? 'SIP/2.0';
  const [name, version, extra] = protocol.split('/');
  if (
    name === undefined ||
    version === undefined ||
    extra !== undefined ||
    !isToken(name) ||
    !isToken(version)
  ) {
    throw new SipSerializeError(
      'Via protocol',
      DEV ? `invalid '${protocol}'` : `serialize.via ${protocol}`,
    );
  }
  if (!isToken(via.transport))
    throw new SipSerializeError('Via transport', DEV ? 'must be a token' : 'serialize.token');
  let out = `${protocol}/${via.transport} ${formatHost(via.host, 'Via host')}`;
  if (via.port !== undefined) out += formatPort(via.port, 'Via port');
  if (via.branch !== undefined) out += formatHeaderParams({ branch: via.branch });
  if (via.params !== undefined) {
    const rest = emptyParams();
    for (const key in via.params) {
      if (key !== 'branch' || via.branch === undefined) rest[key] = via.params[key] ?? '';
    }
    out += formatHeaderParams(rest);
  }
  return out;
}
