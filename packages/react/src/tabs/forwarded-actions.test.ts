import { describe, expect, it } from 'vitest';
import { actionFailureOf, plainData } from './forwarded-actions.js';

describe('action forwarding data', () => {
  it('copies only what can cross to another tab: no functions, no class instances', () => {
    class Stream {}
    const options = {
      mediaStream: new Stream(),
      eventHandlers: { failed: () => undefined },
      extraHeaders: ['X-Ticket: 42'],
      mediaConstraints: { audio: true, video: false },
    };
    expect(plainData(['bob', options])).toEqual([
      'bob',
      {
        eventHandlers: {},
        extraHeaders: ['X-Ticket: 42'],
        mediaConstraints: { audio: true, video: false },
      },
    ]);
  });

  it("an error crosses as its name, message and parameter (a typed error's, when it has one)", () => {
    class InvalidOptionError extends Error {
      override readonly name = 'InvalidOptionError';
      readonly parameter = 'contentType';
    }
    expect(actionFailureOf(new InvalidOptionError('contentType must be a MIME type'))).toEqual({
      name: 'InvalidOptionError',
      message: 'contentType must be a MIME type',
      parameter: 'contentType',
    });
    expect(actionFailureOf('boom')).toEqual({
      name: 'Error',
      message: 'boom',
      parameter: undefined,
    });
  });
});
