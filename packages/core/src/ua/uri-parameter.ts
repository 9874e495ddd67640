import { formatUri, parseUri, SipParseError } from '../message/index.js';
import { ConfigurationError } from './configuration-error.js';
import { describeType } from './configuration-values.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** A validated SIP URI parameter: its canonical text plus the parts configuration rules need. */
export interface UriParameter {
  readonly text: string;
  readonly scheme: 'sip' | 'sips';
  readonly user: string | null;
  readonly host: string;
  readonly port: number | undefined;
}

/** Parses a configuration value that must be a `sip:` or `sips:` URI. */
export function sipUriParameter(parameter: string, value: unknown): UriParameter {
  // `got` reads ", got a number" or " (why the parser refused it)".
  const notSipUri = (got: string): ConfigurationError =>
    new ConfigurationError(
      parameter,
      DEV ? `expected a SIP URI such as "sip:alice@example.com"${got}` : `config.not-sip-uri${got}`,
    );
  if (typeof value !== 'string') throw notSipUri(`, got ${describeType(value)}`);
  try {
    const uri = parseUri(value.trim());
    if (uri.scheme === 'tel') throw notSipUri(', got a tel: URI');
    return {
      text: formatUri(uri),
      scheme: uri.scheme,
      user: uri.user ?? null,
      host: uri.host,
      port: uri.port,
    };
  } catch (error) {
    if (error instanceof SipParseError) {
      throw notSipUri(` (${error.message})`);
    }
    throw error;
  }
}

/** JsSIP's default registrar: the UA's own URI without its user part (host and port kept). */
export function registrarFromUri(uri: UriParameter): string {
  return formatUri({ scheme: uri.scheme, host: uri.host, port: uri.port });
}
