import { describe, expect, it } from 'vitest';
import { ContactAliases } from './contact-aliases.js';

const aliases = () => new ContactAliases(2, (host) => host === 'sip.test');

describe('ContactAliases', () => {
  it('a registration holds its host against other connections and other users', () => {
    const a = aliases();
    expect(a.register('b1.invalid', 'ws1', 'bob@sip.test')).toBeUndefined();
    expect(a.claim('B1.invalid', 'ws2')).toBe('held by another connection');
    expect(a.register('b1.invalid', 'ws2', 'mallory@sip.test')).toBe('held by another connection');
    expect(a.connectionFor('b1.INVALID')).toBe('ws1');
    // The same AOR re-registering from a new connection (a reconnected UA) takes it over.
    expect(a.register('b1.invalid', 'ws3', 'bob@sip.test')).toBeUndefined();
    expect(a.connectionFor('b1.invalid')).toBe('ws3');
  });

  it('a claim by another request is first come, and not taken by another user registering', () => {
    const a = aliases();
    expect(a.claim('c1.invalid', 'ws1')).toBeUndefined();
    expect(a.register('c1.invalid', 'ws2', 'mallory@sip.test')).toBe('held by another connection');
    expect(a.register('c1.invalid', 'ws1', 'carol@sip.test')).toBeUndefined();
    expect(a.connectionFor('c1.invalid')).toBe('ws1');
  });

  it('never aliases its own host or a registered domain, and bounds hosts per connection', () => {
    const a = aliases();
    expect(a.claim('sip.test', 'ws1')).toBe('a domain served here');
    a.addDomain('Example.com');
    expect(a.claim('example.com', 'ws1')).toBe('a domain served here');
    expect(a.connectionFor('example.com')).toBeUndefined();
    expect(a.claim('h1.invalid', 'ws1')).toBeUndefined();
    expect(a.claim('h2.invalid', 'ws1')).toBeUndefined();
    expect(a.claim('h3.invalid', 'ws1')).toBe('limit');
    expect(a.learnFromRequest([], 'ws1')).toEqual([]);
    a.removeConnection('ws1');
    expect(a.connectionFor('h1.invalid')).toBeUndefined();
    expect(a.claim('h3.invalid', 'ws1')).toBeUndefined();
  });
});
