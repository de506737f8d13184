// SPDX-License-Identifier: Apache-2.0
// Fulcio, Rekor and a timestamp authority on 127.0.0.1, built from @sigstore/mock's CA, logs
// and request handlers, plus the trusted root that matches them. Tests start one per file.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import {
  fulcioHandler,
  initializeCA,
  initializeCTLog,
  initializeTLog,
  initializeTSA,
  rekorHandler,
  tsaHandler,
} from '@sigstore/mock';
import { TrustedRoot } from '@sigstore/protobuf-specs';

import type { AddressInfo } from 'node:net';
import type { HandlerFn } from '@sigstore/mock';

export interface MockServices {
  url: string;
  /** trusted_root.json text trusting exactly these services. */
  trustedRoot: string;
  close(): Promise<void>;
}

const VALID_FROM = new Date('2020-01-01T00:00:00Z');

/** Starts the services on an ephemeral loopback port. */
export async function startMockServices(): Promise<MockServices> {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const ecKey = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const ctlog = await initializeCTLog(ecKey());
  const ca = await initializeCA(ecKey(), ctlog);
  const tlog = await initializeTLog(url, ecKey());
  const tsa = await initializeTSA(ecKey());
  // The mock TSA encodes genTime through asn1js, which drops trailing zeros of the
  // milliseconds ('.12Z'), while @sigstore/core reads exactly three digits: one timestamp in
  // ten would fail to parse. Pin the milliseconds to three significant digits.
  (tsa as unknown as { getCurrentTime: () => Date }).getCurrentTime = () => {
    const now = new Date();
    now.setUTCMilliseconds(123);
    return now;
  };

  const routes = new Map<string, HandlerFn>();
  for (const handler of [fulcioHandler(ca), rekorHandler(tlog), tsaHandler(tsa)]) {
    routes.set(handler.path, handler.fn);
  }
  const rekor = rekorHandler(tlog);
  routes.set(rekor.path, (body) => rekor.fn(storedDsseShape(body)));
  server.on('request', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const fn = req.method === 'POST' ? routes.get(req.url ?? '') : undefined;
      if (!fn) {
        res.writeHead(404).end();
        return;
      }
      fn(Buffer.concat(chunks).toString('utf8')).then(
        ({ statusCode, response, contentType }) => {
          res.writeHead(statusCode, { 'Content-Type': contentType ?? 'application/json' });
          res.end(typeof response === 'string' ? response : Buffer.from(response.buffer));
        },
        (err: unknown) => res.writeHead(500).end(String(err)),
      );
    });
  });

  const root = TrustedRoot.fromJSON({
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [logEntry(url, tlog.publicKey)],
    ctlogs: [logEntry(url, ctlog.publicKey, Buffer.from(ctlog.logID.buffer))],
    certificateAuthorities: [authority(url, [ca.rootCertificate])],
    timestampAuthorities: [authority(url, [tsa.intCertificate, tsa.rootCertificate])],
  });

  return {
    url,
    trustedRoot: JSON.stringify(TrustedRoot.toJSON(root), null, 2),
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

// Rekor v1 stores a proposed dsse entry as hashes plus signatures; the mock logs proposals
// verbatim, so do that transformation here as the real service would.
function storedDsseShape(body: string): string {
  const proposal = JSON.parse(body) as {
    kind?: string;
    spec?: { proposedContent?: { envelope: string; verifiers: string[] } };
  };
  const content = proposal.spec?.proposedContent;
  if (proposal.kind !== 'dsse' || !content) return body;
  const envelope = JSON.parse(content.envelope) as {
    payload: string;
    signatures: { sig: string }[];
  };
  const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
  return JSON.stringify({
    apiVersion: '0.0.1',
    kind: 'dsse',
    spec: {
      envelopeHash: { algorithm: 'sha256', value: sha256(content.envelope) },
      payloadHash: { algorithm: 'sha256', value: sha256(Buffer.from(envelope.payload, 'base64')) },
      signatures: envelope.signatures.map((sig, index) => ({
        signature: sig.sig,
        verifier: content.verifiers[index] ?? content.verifiers[0],
      })),
    },
  });
}

function logEntry(url: string, publicKey: Buffer, logId?: Buffer) {
  return {
    baseUrl: url,
    hashAlgorithm: 'SHA2_256',
    publicKey: {
      rawBytes: publicKey.toString('base64'),
      keyDetails: 'PKIX_ECDSA_P256_SHA_256',
      validFor: { start: VALID_FROM.toISOString() },
    },
    logId: { keyId: (logId ?? createHash('sha256').update(publicKey).digest()).toString('base64') },
  };
}

function authority(url: string, certificates: ArrayBufferView<ArrayBuffer>[]) {
  return {
    subject: { organization: 'sscs-test', commonName: 'sscs-test' },
    uri: url,
    certChain: {
      certificates: certificates.map((cert) => ({
        rawBytes: Buffer.from(cert.buffer, cert.byteOffset, cert.byteLength).toString('base64'),
      })),
    },
    validFor: { start: VALID_FROM.toISOString() },
  };
}

/** An unsigned JWT; the mock Fulcio reads its claims without checking a signature. */
export function fakeIdentityToken(
  email = 'tester@example.com',
  issuer = 'https://oidc.example',
): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: issuer,
    sub: email,
    email,
    email_verified: true,
    aud: 'sigstore',
    iat: now,
    exp: now + 600,
  };
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.c2ln`;
}
