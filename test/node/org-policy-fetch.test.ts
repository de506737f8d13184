// SPDX-License-Identifier: Apache-2.0
// The organization policy by URL, against a real HTTP server on loopback: ETag revalidation,
// the last good copy when the server is gone, and the refusals.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { PolicyError } from '../../server/src/core/errors';
import { fetchOrgPolicy } from '../../server/src/node/org-policy-fetch';

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

const POLICY = '{ "version": 1, "defaultAction": "deny" }';

describe('fetchOrgPolicy', () => {
  let server: Server;
  let url: string;
  const seen: { ifNoneMatch?: string; authorization?: string }[] = [];

  before(async () => {
    server = createServer((req, res) => {
      seen.push({
        ifNoneMatch: req.headers['if-none-match'],
        authorization: req.headers.authorization,
      });
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304).end();
        return;
      }
      res.writeHead(200, { etag: '"v1"', 'content-type': 'application/json' }).end(POLICY);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/policy.jsonc`;
  });
  after(() => server.close());

  test('fetches, then revalidates with the ETag, then falls back to the last good copy', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'sscs-cache-'));
    assert.deepEqual(await fetchOrgPolicy(url, { cacheDir, token: 'secret' }), { text: POLICY });
    assert.deepEqual(await fetchOrgPolicy(url, { cacheDir }), { text: POLICY });
    assert.deepEqual(seen.slice(-2), [
      { ifNoneMatch: undefined, authorization: 'Bearer secret' },
      { ifNoneMatch: '"v1"', authorization: undefined },
    ]);

    const gone = url.replace(/:\d+\//, ':1/');
    const offline = await fetchOrgPolicy(url, { cacheDir, offline: true });
    assert.deepEqual(offline, { text: POLICY });
    const stale = await fetchOrgPolicy(gone, { cacheDir }).catch((err: unknown) => err);
    assert.ok(stale instanceof PolicyError, 'another URL has no cached copy');
    assert.equal(stale.code, 'POLICY_FETCH_ERROR');
  });

  test('uses the cached copy with a warning when the server cannot be reached', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'sscs-cache-'));
    const local = createServer((_req, res) => res.writeHead(200, { etag: '"a"' }).end(POLICY));
    await new Promise<void>((done) => local.listen(0, '127.0.0.1', done));
    const localUrl = `http://127.0.0.1:${(local.address() as AddressInfo).port}/org.jsonc`;
    await fetchOrgPolicy(localUrl, { cacheDir });
    await new Promise((done) => local.close(done));

    const result = await fetchOrgPolicy(localUrl, { cacheDir, timeoutMs: 2000 });
    assert.equal(result.text, POLICY);
    assert.match(
      result.warning ?? '',
      /^Could not fetch the organization policy from http:\/\/127\.0\.0\.1:\d+\/org\.jsonc \(.+\); using the copy fetched at \d{4}-.+\.$/,
    );
  });

  test('refuses plain http off loopback and has nothing offline without a cache', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'sscs-cache-'));
    const insecure = await fetchOrgPolicy('http://policy.example/org.jsonc', { cacheDir }).catch(
      (err: unknown) => err,
    );
    assert.ok(insecure instanceof PolicyError);
    assert.equal(
      insecure.message,
      'organization policy URL http://policy.example/org.jsonc is not https',
    );
    const offline = await fetchOrgPolicy(url, { cacheDir, offline: true }).catch((e: unknown) => e);
    assert.ok(offline instanceof PolicyError);
    assert.match(offline.message, /^no cached copy of .* for offline use$/);
  });
});
