// SPDX-License-Identifier: Apache-2.0
// `sign`, `attest` and `generate-key-pair` from file paths to written files.
import { basename } from 'node:path';

import { SigningError, SscsError } from '../errors';
import { generateCosignKeyPair } from './cosign-key';
import { readBytes, readText, writeText } from './files';
import { buildStatement } from './in-toto';
import { loadPrivateKey } from './keys';
import { messages } from './messages';
import { signBlob, signStatement } from './sign';
import {
  gitLabProvenance,
  resolvePredicateType,
  SLSA_PROVENANCE_V1,
  validateSlsaProvenanceV1,
} from './slsa';

import type { SigstoreFiles } from './files';
import type { PassphraseSource } from './keys';
import type { SignOptions, SignResult, SigningMethod } from './sign';

export const DEFAULT_FULCIO_URL = 'https://fulcio.sigstore.dev';
export const DEFAULT_REKOR_URL = 'https://rekor.sigstore.dev';

export interface SignFileInput {
  filePath: string;
  bundlePath?: string;
  /** Private key path; absent means keyless with `identityToken`. */
  keyPath?: string;
  passphrase: PassphraseSource;
  identityToken?: string;
  fulcioUrl?: string;
  rekorUrl?: string;
  tsaUrl?: string;
  signingConfigPath?: string;
  timeoutMs?: number;
  retries?: number;
}

export interface AttestFileInput extends SignFileInput {
  type: string;
  predicatePath?: string;
  /** Build the predicate from these GitLab CI variables instead of reading one. */
  generateFrom?: Record<string, string | undefined>;
}

export interface SignFileResult extends SignResult {
  bundlePath: string;
}

/**
 * Signs a file as a message signature and writes the bundle (default FILE.sigstore.json).
 *
 * @throws SigningError; SscsError INPUT_ERROR for unreadable or unwritable files
 */
export async function signFile(
  files: SigstoreFiles,
  input: SignFileInput,
): Promise<SignFileResult> {
  const data = await readBytes(files, input.filePath, 'file');
  const options = await signOptions(files, input);
  const result = await signBlob(data, options);
  return writeBundle(files, input.bundlePath ?? `${input.filePath}.sigstore.json`, result);
}

/**
 * Builds an in-toto statement whose subject is the file's sha256 and signs it as DSSE.
 *
 * @throws SigningError PREDICATE_ERROR for a predicate that is not JSON or not the type's shape
 */
export async function attestFile(
  files: SigstoreFiles,
  input: AttestFileInput,
): Promise<SignFileResult> {
  const data = await readBytes(files, input.filePath, 'file');
  const predicateType = resolvePredicateType(input.type);
  const predicate = input.generateFrom
    ? gitLabProvenance(input.generateFrom)
    : parsePredicate(await readText(files, input.predicatePath ?? '', 'predicate'));
  if (predicateType === SLSA_PROVENANCE_V1) validateSlsaProvenanceV1(predicate);

  const statement = buildStatement(basename(input.filePath), data, predicateType, predicate);
  const options = await signOptions(files, input);
  const result = await signStatement(Buffer.from(JSON.stringify(statement)), options);
  return writeBundle(files, input.bundlePath ?? `${input.filePath}.intoto.sigstore.json`, result);
}

/** Writes `<prefix>.key` (cosign encrypted, mode 0600) and `<prefix>.pub`; never overwrites. */
export async function generateKeyPairFiles(
  files: SigstoreFiles,
  prefix: string,
  passphrase: string,
): Promise<{ privateKeyPath: string; publicKeyPath: string }> {
  const privateKeyPath = `${prefix}.key`;
  const publicKeyPath = `${prefix}.pub`;
  for (const path of [privateKeyPath, publicKeyPath]) {
    if (await files.exists(path)) throw new SscsError('INPUT_ERROR', messages.keyPairExists(path));
  }
  const pair = generateCosignKeyPair(passphrase);
  await writeText(files, privateKeyPath, pair.privateKeyPem, 'private key', 0o600);
  await writeText(files, publicKeyPath, pair.publicKeyPem, 'public key');
  return { privateKeyPath, publicKeyPath };
}

async function signOptions(files: SigstoreFiles, input: SignFileInput): Promise<SignOptions> {
  let method: SigningMethod;
  if (input.keyPath) {
    const text = await readText(files, input.keyPath, 'key');
    method = { kind: 'key', privateKey: await loadPrivateKey(text, input.passphrase) };
  } else if (input.identityToken) {
    method = {
      kind: 'keyless',
      identityToken: input.identityToken,
      fulcioUrl: input.fulcioUrl ?? DEFAULT_FULCIO_URL,
    };
  } else {
    throw new SigningError('OIDC_ERROR', messages.tokenMissing());
  }
  const signingConfig = input.signingConfigPath
    ? await readText(files, input.signingConfigPath, 'signing config')
    : undefined;
  return {
    method,
    rekorUrl: input.rekorUrl,
    tsaUrl: input.tsaUrl,
    signingConfig,
    timeoutMs: input.timeoutMs,
    retries: input.retries,
  };
}

async function writeBundle(
  files: SigstoreFiles,
  path: string,
  result: SignResult,
): Promise<SignFileResult> {
  await writeText(files, path, `${JSON.stringify(result.bundle, null, 2)}\n`, 'bundle');
  return { ...result, bundlePath: path };
}

function parsePredicate(text: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SigningError('PREDICATE_ERROR', messages.predicateUnreadable('not JSON'), err);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new SigningError('PREDICATE_ERROR', messages.predicateUnreadable('not an object'));
  }
  return json as Record<string, unknown>;
}
