import { parseEvent, SipParseError } from '../message/index.js';
import { systemClock } from '../transport/index.js';
import { ConnectionWait } from '../ua/connection-wait.js';
import { InvalidOptionError } from '../ua/invalid-option-error.js';
import { checkContentType, checkExtraHeaders } from '../ua/option-checks.js';
import { normalizeTarget } from '../ua/target.js';
import type { UserAgent } from '../ua/user-agent.js';
import type { ExtensionParts, UserAgentExtension } from '../ua/user-agent-extension.js';
import { Publisher, type PublisherOptions } from './publisher.js';

/** The publishers of one UA, so `ua.stop()` removes what they published (RFC 3903 §4.5). */
class PublicationFeature implements UserAgentExtension {
  readonly allowedMethods: readonly string[] = [];
  readonly parts: ExtensionParts;
  readonly publishers = new Set<Publisher>();
  /** PUBLISHes made before the first connection wait on it. */
  readonly connection: ConnectionWait;

  constructor(parts: ExtensionParts) {
    this.parts = parts;
    this.connection = new ConnectionWait(parts);
  }

  receive(): boolean {
    return false;
  }

  reconnected(): void {}

  async close(): Promise<void> {
    await Promise.all([...this.publishers].map((p) => p.close()));
  }

  discard(): void {
    for (const publisher of [...this.publishers]) publisher.discard();
    this.connection.close();
  }
}

const installed = new WeakMap<UserAgent, PublicationFeature>();

/**
 * A publisher of `eventName` state (`presence`, ...) for `target` (usually our own AOR, where
 * the presence server lives), RFC 3903. Nothing is sent until `publish(body)`. Throws
 * `InvalidTargetError` / `InvalidOptionError` for a bad target, event or option.
 *
 * @example
 * const presence = publisher(ua, ua.configuration.uri, 'presence', { expires: 600 });
 * await presence.publish(buildPresence({ entity: ua.configuration.uri, open: true }));
 */
export function publisher(
  ua: UserAgent,
  target: string,
  eventName: string,
  options: PublisherOptions = {},
): Publisher {
  checkExtraHeaders(options.extraHeaders);
  if (options.contentType !== undefined) checkContentType(options.contentType, 'contentType');
  if (
    options.expires !== undefined &&
    !(Number.isInteger(options.expires) && options.expires > 0)
  ) {
    throw new InvalidOptionError('expires', 'must be a whole number of seconds above 0');
  }
  try {
    parseEvent(eventName);
  } catch (error) {
    if (!(error instanceof SipParseError)) throw error;
    throw new InvalidOptionError('eventName', 'must be an event package, e.g. "presence"');
  }
  let feature = installed.get(ua);
  if (feature === undefined) {
    feature = ua.extend((parts) => new PublicationFeature(parts));
    installed.set(ua, feature);
  }
  const { parts, publishers, connection } = feature;
  const created = new Publisher({
    parts,
    connection,
    clock: parts.options.clock ?? systemClock,
    target: normalizeTarget(target, parts.identity.aor.host),
    eventValue: eventName.trim(),
    options,
    ended: (p) => publishers.delete(p),
  });
  publishers.add(created);
  return created;
}
