// SPDX-License-Identifier: Apache-2.0
// Loading keys: private keys for signing (PEM PKCS#8/SEC1 or cosign's encrypted format) and
// public keys for verification (SPKI PEM, or a keyring such as npm's keys.json).
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';

import { SigningError, VerificationError } from '../errors';
import { decryptCosignKey, isCosignEncryptedKey } from './cosign-key';
import { messages } from './messages';

import type { KeyObject } from 'node:crypto';

/** A public key given by the user: one key for any hint, or keys selected by hint. */
export type VerificationKey =
  { kind: 'single'; key: KeyObject } | { kind: 'keyring'; keys: KeyringEntry[] };

export interface KeyringEntry {
  hint: string;
  key: KeyObject;
  validFor: { start?: Date; end?: Date };
}

/** Supplies the passphrase only when the key turns out to be encrypted. */
export type PassphraseSource = () => Promise<string>;

const SUPPORTED_CURVES = new Set(['prime256v1', 'secp384r1']);

/**
 * Reads a private signing key. Encrypted keys ask `passphrase` for their passphrase.
 *
 * @throws SigningError KEY_ERROR or PASSPHRASE_ERROR
 */
export async function loadPrivateKey(
  text: string,
  passphrase: PassphraseSource,
): Promise<KeyObject> {
  let key: KeyObject;
  if (isCosignEncryptedKey(text)) {
    key = decryptCosignKey(text, await passphrase());
  } else if (text.includes('BEGIN ENCRYPTED PRIVATE KEY')) {
    const secret = await passphrase();
    try {
      key = createPrivateKey({ key: text, format: 'pem', passphrase: secret });
    } catch (err) {
      throw new SigningError('PASSPHRASE_ERROR', messages.wrongPassphrase(), err);
    }
  } else {
    try {
      key = createPrivateKey({ key: text, format: 'pem' });
    } catch (err) {
      throw new SigningError('KEY_ERROR', messages.keyUnreadable('not a PEM private key'), err);
    }
  }
  assertSupportedKey(key);
  return key;
}

/** True when loading this key text will ask for a passphrase. */
export function isEncryptedPrivateKey(text: string): boolean {
  return isCosignEncryptedKey(text) || text.includes('BEGIN ENCRYPTED PRIVATE KEY');
}

/**
 * Reads a verification key: SPKI PEM, or a JSON keyring (`{"keys":[{"keyId", "keyUsage",
 * "publicKey":{"rawBytes","validFor"}}]}`, the npm registry's keys.json shape).
 *
 * @throws VerificationError KEY_ERROR
 */
export function parseVerificationKey(text: string, usage = 'npm:attestations'): VerificationKey {
  if (text.trimStart().startsWith('{')) return parseKeyring(text, usage);
  try {
    return { kind: 'single', key: createPublicKey({ key: text, format: 'pem' }) };
  } catch (err) {
    throw new VerificationError('KEY_ERROR', messages.keyUnreadable('not a PEM public key'), err);
  }
}

/** The hint written into key-signed bundles: base64 SHA-256 of the SPKI DER. */
export function keyHint(publicKey: KeyObject): string {
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return createHash('sha256').update(der).digest('base64');
}

function assertSupportedKey(key: KeyObject): void {
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType !== 'ec' || !curve || !SUPPORTED_CURVES.has(curve)) {
    const kind = key.asymmetricKeyType === 'ec' ? `ec ${curve ?? ''}` : key.asymmetricKeyType;
    throw new SigningError('KEY_ERROR', messages.keyUnsupported(kind ?? 'unknown'));
  }
}

function parseKeyring(text: string, usage: string): VerificationKey {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new VerificationError('KEY_ERROR', messages.keyUnreadable('not JSON'), err);
  }
  const list = (json as { keys?: unknown }).keys;
  if (!Array.isArray(list)) {
    throw new VerificationError('KEY_ERROR', messages.keyUnreadable('no "keys" list'));
  }

  const keys: KeyringEntry[] = [];
  for (const item of list as unknown[]) {
    const entry = toKeyringEntry(item, usage);
    if (entry) keys.push(entry);
  }
  if (keys.length === 0) {
    throw new VerificationError('KEY_ERROR', messages.keyUnreadable(`no ${usage} keys`));
  }
  return { kind: 'keyring', keys };
}

function toKeyringEntry(item: unknown, usage: string): KeyringEntry | undefined {
  const record = item as {
    keyId?: unknown;
    keyUsage?: unknown;
    publicKey?: { rawBytes?: unknown; validFor?: { start?: unknown; end?: unknown } };
  };
  if (typeof record.keyId !== 'string' || typeof record.publicKey?.rawBytes !== 'string') {
    return undefined;
  }
  if (record.keyUsage !== undefined && record.keyUsage !== usage) return undefined;

  const der = Buffer.from(record.publicKey.rawBytes, 'base64');
  let key: KeyObject;
  try {
    key = createPublicKey({ key: der, format: 'der', type: 'spki' });
  } catch (err) {
    throw new VerificationError('KEY_ERROR', messages.keyUnreadable(record.keyId), err);
  }
  const validFor = record.publicKey.validFor ?? {};
  return {
    hint: record.keyId,
    key,
    validFor: { start: toDate(validFor.start), end: toDate(validFor.end) },
  };
}

function toDate(value: unknown): Date | undefined {
  return typeof value === 'string' ? new Date(value) : undefined;
}
