// SPDX-License-Identifier: Apache-2.0
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import {
  decryptCosignKey,
  encryptCosignKey,
  generateCosignKeyPair,
  isCosignEncryptedKey,
} from '../../../server/src/core/sigstore/cosign-key';
import { loadPrivateKey, parseVerificationKey } from '../../../server/src/core/sigstore/keys';
import { verifyPrehashed } from '../../../server/src/core/sigstore/prehash';

// A small work factor keeps the tests fast; cosign's own N=32768 is exercised once below.
const FAST = { N: 1024, r: 8, p: 1 };

describe('cosign encrypted keys', () => {
  it('round-trips a key through the cosign format with the default work factor', () => {
    const pair = generateCosignKeyPair('secret');
    assert.ok(pair.privateKeyPem.startsWith('-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n'));
    assert.ok(pair.publicKeyPem.startsWith('-----BEGIN PUBLIC KEY-----\n'));
    const body = pair.privateKeyPem.split('\n').slice(1, -2).join('');
    const json = JSON.parse(Buffer.from(body, 'base64').toString('utf8')) as {
      kdf: { name: string; params: object };
      cipher: { name: string };
    };
    assert.deepEqual(
      { kdf: json.kdf.name, params: json.kdf.params, cipher: json.cipher.name },
      { kdf: 'scrypt', params: { N: 32768, r: 8, p: 1 }, cipher: 'nacl/secretbox' },
    );
    const key = decryptCosignKey(pair.privateKeyPem, 'secret');
    assert.equal(key.asymmetricKeyDetails?.namedCurve, 'prime256v1');
  });

  it('reads the cosign 1 label too', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const pem = encryptCosignKey(privateKey, 'pw', FAST).replaceAll('SIGSTORE', 'COSIGN');
    assert.equal(isCosignEncryptedKey(pem), true);
    const opened = decryptCosignKey(pem, 'pw');
    assert.deepEqual(opened.export({ format: 'jwk' }), privateKey.export({ format: 'jwk' }));
  });

  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const sealed = encryptCosignKey(privateKey, 'right', FAST);
  const rows = [
    { name: 'wrong passphrase', text: sealed, passphrase: 'wrong', code: 'PASSPHRASE_ERROR' },
    { name: 'not PEM', text: 'hello', passphrase: 'x', code: 'KEY_ERROR' },
    {
      name: 'body not JSON',
      text: '-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\naGVsbG8=\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n',
      passphrase: 'x',
      code: 'KEY_ERROR',
    },
    {
      // Limit: scrypt N above 2^20 is refused rather than allocating gigabytes.
      name: 'oversized scrypt parameters',
      text: encryptCosignKey(privateKey, 'right', FAST).replace(/[\s\S]*/, (pem) => {
        const body = pem.split('\n').slice(1, -2).join('');
        const json = JSON.parse(Buffer.from(body, 'base64').toString('utf8')) as {
          kdf: { params: { N: number } };
        };
        json.kdf.params.N = 1 << 22;
        const b64 = Buffer.from(JSON.stringify(json)).toString('base64');
        return `-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n${b64}\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n`;
      }),
      passphrase: 'right',
      code: 'KEY_ERROR',
    },
  ];
  for (const row of rows) {
    it(`fails on ${row.name}`, () => {
      assert.throws(() => decryptCosignKey(row.text, row.passphrase), {
        name: 'SigningError',
        code: row.code,
      });
    });
  }
});

describe('loadPrivateKey', () => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const pkcs8 = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

  it('reads plain PKCS#8 PEM without asking for a passphrase', async () => {
    const key = await loadPrivateKey(pkcs8, () => Promise.reject(new Error('not asked')));
    assert.deepEqual(key.export({ format: 'jwk' }), privateKey.export({ format: 'jwk' }));
  });

  it('asks for the passphrase of PKCS#8 encrypted PEM', async () => {
    const pem = privateKey
      .export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'pw' })
      .toString();
    const key = await loadPrivateKey(pem, async () => 'pw');
    assert.equal(key.asymmetricKeyType, 'ec');
    await assert.rejects(
      loadPrivateKey(pem, async () => 'bad'),
      { code: 'PASSPHRASE_ERROR' },
    );
  });

  it('refuses RSA keys', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    const pem = rsa.export({ format: 'pem', type: 'pkcs8' }).toString();
    await assert.rejects(
      loadPrivateKey(pem, async () => ''),
      {
        name: 'SigningError',
        code: 'KEY_ERROR',
        message: "The key type 'rsa' is not supported; use an ECDSA P-256 key.",
      },
    );
  });
});

describe('parseVerificationKey', () => {
  it('reads SPKI PEM as a key for any hint', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const parsed = parseVerificationKey(
      publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    );
    assert.equal(parsed.kind, 'single');
  });

  it('reads an npm keys.json keyring, keeping only npm:attestations keys', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const rawBytes = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    const keyring = JSON.stringify({
      keys: [
        { keyId: 'a', keyUsage: 'npm:signatures', publicKey: { rawBytes } },
        {
          keyId: 'a',
          keyUsage: 'npm:attestations',
          publicKey: { rawBytes, validFor: { start: '2022-12-01T00:00:00.000Z' } },
        },
      ],
    });
    const parsed = parseVerificationKey(keyring);
    assert.equal(parsed.kind, 'keyring');
    assert.deepEqual(
      parsed.kind === 'keyring' ? parsed.keys.map((k) => [k.hint, k.validFor]) : [],
      [['a', { start: new Date('2022-12-01T00:00:00.000Z'), end: undefined }]],
    );
  });

  it('fails on text that is neither', () => {
    assert.throws(() => parseVerificationKey('nope'), {
      name: 'VerificationError',
      code: 'KEY_ERROR',
    });
  });
});

describe('verifyPrehashed', () => {
  for (const namedCurve of ['prime256v1', 'secp384r1']) {
    it(`checks an ECDSA ${namedCurve} signature against a sha256 digest`, () => {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve });
      const data = Buffer.from('artifact');
      const signature = sign('sha256', data, privateKey);
      const digest = createHash('sha256').update(data).digest();
      assert.deepEqual(
        [
          verifyPrehashed(publicKey, digest, signature),
          verifyPrehashed(publicKey, createHash('sha256').update('other').digest(), signature),
          verifyPrehashed(publicKey, digest, Buffer.from('not der')),
        ],
        [true, false, false],
      );
    });
  }

  it('has no answer for Ed25519 keys', () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    assert.equal(verifyPrehashed(publicKey, Buffer.alloc(32), Buffer.alloc(64)), undefined);
  });
});
