// SPDX-License-Identifier: Apache-2.0
// Producing v0.3 bundles with @sigstore/sign: key-based through our own Signer, keyless
// through Fulcio, with optional Rekor and RFC 3161 witnesses.
import { createPublicKey, sign as signData } from 'node:crypto';
import { bundleToJSON } from '@sigstore/bundle';
import {
  bundleBuilderFromSigningConfig,
  DSSEBundleBuilder,
  FulcioSigner,
  MessageSignatureBundleBuilder,
  RekorWitness,
  TSAWitness,
} from '@sigstore/sign';
import { SigningConfig } from '@sigstore/protobuf-specs';

import { SigningError } from '../errors';
import { IN_TOTO_PAYLOAD_TYPE } from './in-toto';
import { keyHint } from './keys';
import { messages } from './messages';

import type { KeyObject } from 'node:crypto';
import type { Bundle, SerializedBundle } from '@sigstore/bundle';
import type { BundleBuilder, Signature, Signer, Witness } from '@sigstore/sign';

export type SigningMethod =
  | { kind: 'key'; privateKey: KeyObject }
  | { kind: 'keyless'; identityToken: string; fulcioUrl: string };

export interface SignOptions {
  method: SigningMethod;
  /** Upload to this Rekor; absent means no transparency log entry. */
  rekorUrl?: string;
  tsaUrl?: string;
  /** A SigningConfig (v0.2 JSON) choosing the services instead of the URLs (keyless only). */
  signingConfig?: string;
  /** Request timeout in milliseconds and retry count for the service calls. */
  timeoutMs?: number;
  retries?: number;
}

export interface SignResult {
  bundle: SerializedBundle;
  logIndex?: string;
  identity?: string;
}

const V03 = 'application/vnd.dev.sigstore.bundle.v0.3+json';

/** Signs bytes as a message signature (hashedrekord). */
export async function signBlob(data: Buffer, options: SignOptions): Promise<SignResult> {
  return build(data, undefined, options);
}

/** Signs an in-toto statement as a DSSE envelope. */
export async function signStatement(statement: Buffer, options: SignOptions): Promise<SignResult> {
  return build(statement, IN_TOTO_PAYLOAD_TYPE, options);
}

/** Sub-claim or email of an OIDC token, for messages; never the token itself. */
export function tokenSubject(token: string): string | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as {
      email?: unknown;
      sub?: unknown;
    };
    const subject = claims.email ?? claims.sub;
    return typeof subject === 'string' ? subject : undefined;
  } catch {
    // Not a JWT payload: the caller reports the token as invalid.
    return undefined;
  }
}

async function build(
  data: Buffer,
  type: string | undefined,
  options: SignOptions,
): Promise<SignResult> {
  const builder = makeBuilder(type === undefined ? 'messageSignature' : 'dsseEnvelope', options);
  let bundle: Bundle;
  try {
    bundle = await builder.create({ data, type });
  } catch (err) {
    // The cause may quote the token (@sigstore/sign does for unparsable ones): not kept.
    const detail = describeCause(err);
    throw new SigningError('SIGNING_ERROR', messages.signingFailed(detail), new Error(detail));
  }

  const serialized = bundleToJSON(toV03(bundle));
  const identity =
    options.method.kind === 'keyless' ? tokenSubject(options.method.identityToken) : undefined;
  const logIndex = bundle.verificationMaterial.tlogEntries[0]?.logIndex;
  return { bundle: serialized, logIndex, identity };
}

function makeBuilder(
  bundleType: 'messageSignature' | 'dsseEnvelope',
  options: SignOptions,
): BundleBuilder {
  const fetch = { timeout: options.timeoutMs ?? 30_000, retry: options.retries ?? 2 };
  const { method } = options;
  if (method.kind === 'keyless' && tokenSubject(method.identityToken) === undefined) {
    throw new SigningError('OIDC_ERROR', messages.tokenInvalid());
  }
  const identityProvider =
    method.kind === 'keyless' ? { getToken: async () => method.identityToken } : undefined;

  if (options.signingConfig !== undefined && identityProvider) {
    return bundleBuilderFromSigningConfig({
      signingConfig: parseSigningConfig(options.signingConfig),
      identityProvider,
      bundleType,
      fetchOptions: fetch,
    });
  }

  const signer: Signer = identityProvider
    ? new FulcioSigner({ identityProvider, fulcioBaseURL: fulcioUrl(method), ...fetch })
    : new KeySigner(keyOf(method));
  const witnesses: Witness[] = [];
  if (options.rekorUrl) {
    witnesses.push(new RekorWitness({ rekorBaseURL: options.rekorUrl, ...fetch }));
  }
  if (options.tsaUrl) witnesses.push(new TSAWitness({ tsaBaseURL: options.tsaUrl, ...fetch }));

  return bundleType === 'messageSignature'
    ? new MessageSignatureBundleBuilder({ signer, witnesses })
    : new DSSEBundleBuilder({ signer, witnesses });
}

/** Signs with a local private key; the bundle names the key by hint only. */
class KeySigner implements Signer {
  private readonly publicKeyPem: string;
  private readonly hint: string;

  constructor(private readonly privateKey: KeyObject) {
    const publicKey = createPublicKey(privateKey);
    this.publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
    this.hint = keyHint(publicKey);
  }

  async sign(data: Buffer): Promise<Signature> {
    return {
      signature: signData('sha256', data, this.privateKey),
      key: { $case: 'publicKey', publicKey: this.publicKeyPem, hint: this.hint },
    };
  }
}

// @sigstore/sign writes message-signature bundles as v0.2 with a one-element chain; v0.3
// carries the leaf certificate alone, which is what we promise to write.
function toV03(bundle: Bundle): Bundle {
  const content = bundle.verificationMaterial.content;
  if (content.$case !== 'x509CertificateChain') return { ...bundle, mediaType: V03 };
  const leaf = content.x509CertificateChain.certificates[0];
  if (!leaf) return bundle;
  return {
    ...bundle,
    mediaType: V03,
    verificationMaterial: {
      ...bundle.verificationMaterial,
      content: { $case: 'certificate', certificate: leaf },
    },
  } as Bundle;
}

function parseSigningConfig(text: string): SigningConfig {
  try {
    return SigningConfig.fromJSON(JSON.parse(text));
  } catch (err) {
    const message = messages.signingFailed('unreadable signing config');
    throw new SigningError('SIGNING_ERROR', message, err);
  }
}

function keyOf(method: SigningMethod): KeyObject {
  if (method.kind !== 'key') throw new SigningError('KEY_ERROR', messages.keyUnreadable('none'));
  return method.privateKey;
}

function fulcioUrl(method: SigningMethod): string {
  return method.kind === 'keyless' ? method.fulcioUrl : '';
}

// Service errors from @sigstore/sign carry the HTTP detail in their message; anything shaped
// like a JSON Web Token is cut out so a token never reaches output or logs.
function describeCause(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message
    .replace(/[\w-]{8,}\.[\w-]{8,}\.[\w-]*/g, '<token>')
    .replace(/\.$/, '')
    .slice(0, 300);
}
