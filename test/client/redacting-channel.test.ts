// SPDX-License-Identifier: Apache-2.0
// LSP traces of sscs/sign pass through this filter: secrets must not reach the output channel.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { redactSecrets } from '../../client/src/redacting-channel';

const ROWS = [
  {
    name: 'a traced sign request',
    input: `Params: {\n    "filePath": "/w/a.tgz",\n    "keyPath": "/k/cosign.key",\n    "passphrase": "hunter2 \\"quoted\\""\n}`,
    want: `Params: {\n    "filePath": "/w/a.tgz",\n    "keyPath": "/k/cosign.key",\n    "passphrase": "[redacted]"\n}`,
  },
  {
    name: 'a keyless token on one line',
    input: '{"filePath":"/w/a","identityToken":"eyJhbGciOi.eyJzdWIi.c2ln"}',
    want: '{"filePath":"/w/a","identityToken":"[redacted]"}',
  },
  {
    name: 'text without secrets is unchanged',
    input: '{"target":"/w/a","bundlePath":"/w/a.sigstore.json"}',
    want: '{"target":"/w/a","bundlePath":"/w/a.sigstore.json"}',
  },
];

for (const row of ROWS) {
  test(`redactSecrets: ${row.name}`, () => {
    assert.equal(redactSecrets(row.input), row.want);
  });
}
