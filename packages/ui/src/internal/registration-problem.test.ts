import { Causes } from '@sipkit/core';
import { describe, expect, it } from 'vitest';
import { registrationProblem } from './registration-problem.js';

const fine = {
  status: 'registered',
  cause: undefined,
  statusCode: undefined,
  reasonPhrase: undefined,
  connection: 'connected',
  connectionFailure: undefined,
  error: undefined,
} as const;

describe('registrationProblem', () => {
  it('is undefined while all is well', () => {
    expect(registrationProblem(fine)).toBeUndefined();
    expect(registrationProblem({ ...fine, status: 'registering' })).toBeUndefined();
  });

  it('puts the configuration error first, naming the parameter', () => {
    const error = {
      name: 'ConfigurationError',
      message: 'Invalid configuration parameter "uri": expected a SIP URI',
      parameter: 'uri',
    };
    expect(
      registrationProblem({ ...fine, status: 'unregistered', connection: 'idle', error }),
    ).toEqual({
      title: 'Cannot start: check “uri”',
      detail: error.message,
      parameter: 'uri',
      retry: undefined,
      editAccount: true,
    });
    const noParameter = { ...error, name: 'Error', parameter: undefined };
    expect(registrationProblem({ ...fine, error: noParameter })?.title).toBe('Cannot start: Error');
  });

  it('tells a missing password from a refused one, with the answer', () => {
    const failed = {
      ...fine,
      status: 'failed',
      statusCode: 401,
      reasonPhrase: 'Unauthorized',
    } as const;
    const missing = registrationProblem({ ...failed, cause: Causes.NO_CREDENTIALS });
    expect(missing?.parameter).toBe('password');
    expect(missing?.detail).toContain('(401 Unauthorized) and none are configured');
    const refused = registrationProblem({ ...failed, cause: Causes.AUTHENTICATION_ERROR });
    expect(refused?.title).toBe('Registration failed: credentials refused');
    expect(refused?.detail).toContain('check “password” and “authorization_user”');
    // The next actions: fix the account, or register again once it is fixed on the server.
    expect(refused).toMatchObject({ retry: 'registration', editAccount: true });
    expect(missing).toMatchObject({ retry: undefined, editAccount: true });
    const forbidden = registrationProblem({
      ...failed,
      cause: Causes.REJECTED,
      statusCode: 403,
      reasonPhrase: 'x'.repeat(10_000),
    });
    expect(forbidden?.title).toBe('Registration failed: Rejected');
    expect(forbidden?.detail.length).toBeLessThan(300);
    const timeout = registrationProblem({
      ...fine,
      status: 'failed',
      cause: Causes.REQUEST_TIMEOUT,
    });
    expect(timeout?.detail).toContain('did not answer');
    expect(timeout).toMatchObject({ retry: 'registration', editAccount: false });
  });

  it('names the server that cannot be reached until connected again', () => {
    const connectionFailure = { url: 'ws://127.0.0.1:5062', code: 1006, reason: '' };
    const down = registrationProblem({
      ...fine,
      status: 'unregistered',
      connection: 'connecting',
      connectionFailure,
    });
    expect(down?.title).toBe('Cannot reach ws://127.0.0.1:5062');
    expect(down?.detail).toContain('failed or timed out (close code 1006)');
    expect(down?.parameter).toBe('sockets');
    expect(down).toMatchObject({ retry: 'connection', editAccount: true });
    const refusedReason = registrationProblem({
      ...fine,
      connection: 'disconnected',
      connectionFailure: { ...connectionFailure, reason: 'connection refused' },
    });
    expect(refusedReason?.detail).toContain('(close code 1006): connection refused;');
    expect(registrationProblem({ ...fine, connectionFailure })).toBeUndefined();
  });
});
