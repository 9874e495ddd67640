import type { UALogger } from '@sipkit/core';

let pattern: RegExp | undefined;

function compile(namespaces: string): RegExp | undefined {
  const parts = namespaces
    .split(/[\s,]+/)
    .filter((part) => part !== '' && !part.startsWith('-'))
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*'));
  return parts.length === 0 ? undefined : new RegExp(`^(?:${parts.join('|')})$`);
}

/**
 * JsSIP's `debug` switch (the `debug` package's API): `enable('JsSIP:*')` sends every adapter
 * UA's log lines (SIP messages with secrets redacted, transport events) to the console under
 * `JsSIP:*` namespaces; `disable()` turns it off. Safe to call at any time, before or after UAs
 * exist; nothing is logged by default.
 *
 * @example JsSIP.debug.enable('JsSIP:*');
 */
export const debug = Object.freeze({
  enable(namespaces: string): void {
    pattern = compile(namespaces);
  },
  /** Turns logging off; returns the namespaces that were enabled (as `debug` does). */
  disable(): string {
    const was = pattern?.source ?? '';
    pattern = undefined;
    return was;
  },
  enabled(namespace: string): boolean {
    return pattern?.test(namespace) ?? false;
  },
});

/**
 * The logger an adapter UA hands SipKit: it checks the `debug` switch on every line, so enabling
 * logging later applies to UAs that already run.
 */
export function debugLogger(sink: Pick<Console, 'debug' | 'warn' | 'error'> = console): UALogger {
  const write =
    (level: 'debug' | 'warn' | 'error', namespace: string) =>
    (message: string, ...details: unknown[]): void => {
      if (debug.enabled(namespace)) sink[level](`${namespace} ${message}`, ...details);
    };
  return {
    debug: write('debug', 'JsSIP:UA'),
    warn: write('warn', 'JsSIP:WARN:UA'),
    error: write('error', 'JsSIP:ERROR:UA'),
  };
}
