// SPDX-License-Identifier: Apache-2.0
// cosign's encrypted private key format: a PEM block whose body is JSON holding the scrypt
// parameters, the NaCl secretbox nonce and the sealed PKCS#8 DER of the key.
import { createPrivateKey, generateKeyPairSync, randomBytes, scryptSync } from 'node:crypto';
import nacl from 'tweetnacl';

import { SigningError } from '../errors';
import { messages } from './messages';

import type { KeyObject } from 'node:crypto';

/** PEM label cosign 2 writes; cosign 1 wrote the COSIGN variant, which is still read. */
export const COSIGN_KEY_LABEL = 'ENCRYPTED SIGSTORE PRIVATE KEY';
const LEGACY_LABEL = 'ENCRYPTED COSIGN PRIVATE KEY';
const KDF_NAME = 'scrypt';
const CIPHER_NAME = 'nacl/secretbox';

// cosign's default work factor (go-securesystemslib "standard" scrypt parameters).
const DEFAULT_PARAMS = { N: 32768, r: 8, p: 1 };
// Limit: scrypt parameters above N=2^20 or r*p above 64 are refused; such keys fail with
// KEY_ERROR instead of using gigabytes of memory.
const MAX_N = 1 << 20;

interface EncryptedKeyJson {
  kdf: { name: string; params: { N: number; r: number; p: number }; salt: string };
  cipher: { name: string; nonce: string };
  ciphertext: string;
}

/** True when `text` holds a cosign-format encrypted private key. */
export function isCosignEncryptedKey(text: string): boolean {
  return text.includes(`BEGIN ${COSIGN_KEY_LABEL}`) || text.includes(`BEGIN ${LEGACY_LABEL}`);
}

/**
 * Opens a cosign encrypted private key.
 *
 * @throws SigningError KEY_ERROR for a malformed key, PASSPHRASE_ERROR for a wrong passphrase
 */
export function decryptCosignKey(text: string, passphrase: string): KeyObject {
  const body = pemBody(text);
  const json = parseKeyJson(body);
  const { N, r, p } = json.kdf.params;
  const salt = Buffer.from(json.kdf.salt, 'base64');
  const nonce = Buffer.from(json.cipher.nonce, 'base64');
  const sealed = Buffer.from(json.ciphertext, 'base64');
  if (nonce.length !== nacl.secretbox.nonceLength) {
    throw new SigningError('KEY_ERROR', messages.keyUnreadable('the nonce has the wrong length'));
  }

  const key = deriveKey(passphrase, salt, N, r, p);
  const opened = nacl.secretbox.open(sealed, nonce, key);
  if (!opened) throw new SigningError('PASSPHRASE_ERROR', messages.wrongPassphrase());
  try {
    return createPrivateKey({ key: Buffer.from(opened), format: 'der', type: 'pkcs8' });
  } catch (err) {
    throw new SigningError('KEY_ERROR', messages.keyUnreadable('not a PKCS#8 key'), err);
  }
}

/** Seals a private key in cosign's format under `passphrase`. */
export function encryptCosignKey(
  privateKey: KeyObject,
  passphrase: string,
  params = DEFAULT_PARAMS,
): string {
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  const salt = randomBytes(32);
  const nonce = randomBytes(nacl.secretbox.nonceLength);
  const key = deriveKey(passphrase, salt, params.N, params.r, params.p);
  const sealed = nacl.secretbox(new Uint8Array(der), new Uint8Array(nonce), key);

  const json: EncryptedKeyJson = {
    kdf: { name: KDF_NAME, params, salt: salt.toString('base64') },
    cipher: { name: CIPHER_NAME, nonce: nonce.toString('base64') },
    ciphertext: Buffer.from(sealed).toString('base64'),
  };
  return toPem(COSIGN_KEY_LABEL, Buffer.from(JSON.stringify(json)));
}

/** A new ECDSA P-256 key pair: cosign.key (encrypted) and cosign.pub (SPKI PEM) contents. */
export function generateCosignKeyPair(
  passphrase: string,
  params = DEFAULT_PARAMS,
): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    privateKeyPem: encryptCosignKey(privateKey, passphrase, params),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

function deriveKey(passphrase: string, salt: Buffer, N: number, r: number, p: number) {
  if (!Number.isInteger(N) || N < 2 || N > MAX_N || r * p > 64 || r < 1 || p < 1) {
    throw new SigningError('KEY_ERROR', messages.keyUnreadable('unsupported scrypt parameters'));
  }
  const maxmem = 256 * N * r + 1024 * 1024;
  return new Uint8Array(scryptSync(passphrase, salt, 32, { N, r, p, maxmem }));
}

function pemBody(text: string): Buffer {
  const match = /-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
  if (!match?.[2]) throw new SigningError('KEY_ERROR', messages.keyUnreadable('not PEM'));
  return Buffer.from(match[2].replace(/\s+/g, ''), 'base64');
}

function parseKeyJson(body: Buffer): EncryptedKeyJson {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new SigningError('KEY_ERROR', messages.keyUnreadable('the key body is not JSON'), err);
  }
  if (!isEncryptedKeyJson(json)) {
    throw new SigningError('KEY_ERROR', messages.keyUnreadable('unknown key encryption'));
  }
  return json;
}

function isEncryptedKeyJson(json: unknown): json is EncryptedKeyJson {
  if (typeof json !== 'object' || json === null) return false;
  const value = json as Partial<EncryptedKeyJson>;
  return (
    value.kdf?.name === KDF_NAME &&
    typeof value.kdf.salt === 'string' &&
    typeof value.kdf.params?.N === 'number' &&
    typeof value.kdf.params.r === 'number' &&
    typeof value.kdf.params.p === 'number' &&
    value.cipher?.name === CIPHER_NAME &&
    typeof value.cipher.nonce === 'string' &&
    typeof value.ciphertext === 'string'
  );
}

function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
