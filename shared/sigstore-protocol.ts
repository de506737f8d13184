// SPDX-License-Identifier: Apache-2.0
// Custom LSP requests for Sigstore signing and verification (client → server). Passphrases
// and OIDC tokens travel in these params over the local IPC channel only; neither side may
// log the params of sscs/sign or sscs/attest.

/** Client → server: sign a file as a message signature, writing a v0.3 bundle. */
export const SIGN_REQUEST = 'sscs/sign';
/** Client → server: sign an in-toto statement about a file (DSSE bundle). */
export const ATTEST_REQUEST = 'sscs/attest';
/** Client → server: verify a file (or `sha256:` digest) against a bundle. */
export const VERIFY_REQUEST = 'sscs/verify';

export interface SignParams {
  /** Absolute path of the file to sign. */
  filePath: string;
  /** Where to write the bundle; default `<filePath>.sigstore.json`. */
  bundlePath?: string;
  /** Private key path (PEM or cosign encrypted); absent means keyless. */
  keyPath?: string;
  /** Passphrase of an encrypted key. Secret: never log. */
  passphrase?: string;
  /** OIDC token for keyless signing. Secret: never log. */
  identityToken?: string;
  fulcioUrl?: string;
  /** Key signing uploads to Rekor only when set; keyless uses the public-good Rekor. */
  rekorUrl?: string;
  tsaUrl?: string;
}

export interface AttestParams extends SignParams {
  /** Path of the predicate JSON. */
  predicatePath: string;
  /** Predicate type URI or short name (`slsaprovenance1`, `spdxjson`, ...). */
  predicateType: string;
}

export type SignOutcome =
  | {
      ok: true;
      bundlePath: string;
      logIndex?: string;
      /** Email or subject of the keyless signer. */
      identity?: string;
      /** Set when the bundle has no transparency log entry. */
      note?: string;
    }
  | SigstoreFailure;

export interface VerifyParams {
  /** Absolute file path, or `sha256:<hex>`. */
  target: string;
  bundlePath: string;
  keyPath?: string;
  certificateIdentity?: string;
  certificateIdentityRegexp?: string;
  certificateOidcIssuer?: string;
  trustedRootPath?: string;
}

export type VerifyOutcome =
  | {
      ok: true;
      signedWith: 'certificate' | 'key';
      identity?: string;
      issuer?: string;
      logIndex?: string;
      /** ISO 8601. */
      integratedTime?: string;
      predicateType?: string;
      note?: string;
    }
  | SigstoreFailure;

export interface SigstoreFailure {
  ok: false;
  /** Error code, e.g. IDENTITY_ERROR, SIGNATURE_ERROR, PASSPHRASE_ERROR, INPUT_ERROR. */
  code: string;
  /** One sentence saying which check or step failed. */
  message: string;
  /** True when a verification check failed (as opposed to unusable input). */
  verificationFailed: boolean;
}
