import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A certificate authority made for one run, and a server certificate for 127.0.0.1 it signed. */
export interface TestCa {
  readonly caCertificate: string;
  readonly certificate: string;
  readonly key: string;
}

/**
 * Makes a CA (CA:TRUE, keyCertSign) and a server certificate signed by it (CA:FALSE, serverAuth,
 * subjectAltName IP:127.0.0.1 and DNS:localhost): what a real deployment gets from its CA, here
 * from openssl. Browsers trust the server only once they trust the CA (`trustInNss`).
 */
export async function makeTestCa(dir: string): Promise<TestCa> {
  mkdirSync(dir, { recursive: true });
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => run('openssl', args, { cwd: dir });
  writeFileSync(
    file('server.ext'),
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '',
    ].join('\n'),
  );
  await openssl(
    ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2'],
    ...['-keyout', file('ca.key'), '-out', file('ca.pem')],
    ...['-subj', '/CN=SipKit e2e test CA'],
    ...['-addext', 'basicConstraints=critical,CA:TRUE'],
    ...['-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
  );
  await openssl(
    ...['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('server.key')],
    ...['-out', file('server.csr'), '-subj', '/CN=127.0.0.1'],
  );
  await openssl(
    ...['x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem')],
    ...['-CAkey', file('ca.key'), '-CAcreateserial', '-days', '2'],
    ...['-extfile', file('server.ext'), '-out', file('server.pem')],
  );
  return {
    caCertificate: file('ca.pem'),
    certificate: file('server.pem'),
    key: file('server.key'),
  };
}

/**
 * Trusts `caCertificate` for TLS servers the way a Linux user or an administrator does for
 * Chromium: in the NSS database `$HOME/.pki/nssdb` (certutil, trust flags `C,,`). Chromium
 * launched with this HOME accepts the server with no flag such as --ignore-certificate-errors.
 * An empty database (`caCertificate` undefined) is a browser that does not trust it.
 */
export async function makeNssHome(home: string, caCertificate?: string): Promise<void> {
  const db = join(home, '.pki', 'nssdb');
  mkdirSync(db, { recursive: true });
  await run('certutil', ['-d', `sql:${db}`, '-N', '--empty-password']);
  if (caCertificate !== undefined) {
    await run('certutil', [
      ...['-d', `sql:${db}`, '-A', '-t', 'C,,'],
      ...['-n', 'SipKit e2e test CA', '-i', caCertificate],
    ]);
  }
}
