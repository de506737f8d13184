// SPDX-License-Identifier: Apache-2.0
// Every sentence the Sigstore commands show to users, kept together for review and
// localisation. Sentence case, one sentence, ending with a period.

export const messages = {
  bundleUnreadable: (detail: string) => `The bundle is not a valid Sigstore bundle: ${detail}.`,
  bundleMediaType: (mediaType: string) =>
    `The bundle media type '${mediaType}' is not a supported Sigstore bundle version.`,
  trustRootInvalid: (detail: string) => `The trusted root cannot be used: ${detail}.`,
  tlogKeyWithoutStart: (url: string) =>
    `The trusted root lists the transparency log ${url} without a validity start, ` +
    'so its key cannot be trusted.',
  keyHasNoMatch: () =>
    'The bundle is signed with a key but no matching public key was given (use --key).',
  certificateBundleWithKey: () =>
    'The bundle is signed with a certificate, not a key; verify it with ' +
    '--certificate-identity and --certificate-oidc-issuer.',
  identityMismatch: (want: string, got: string) =>
    `The identity check failed: the certificate names '${got}', expected '${want}'.`,
  identityPatternMismatch: (pattern: string, got: string) =>
    `The identity check failed: the certificate names '${got}', which does not match ` +
    `the pattern '${pattern}'.`,
  issuerMismatch: (want: string, got: string) =>
    `The issuer check failed: the certificate was issued for '${got}', expected '${want}'.`,
  digestMismatch: (want: string) =>
    `The artifact check failed: the bundle does not sign the artifact with digest ${want}.`,
  subjectMismatch: (want: string) =>
    `The artifact check failed: no in-toto subject has the digest ${want}.`,
  digestAlgorithmUnsupported: (algorithm: string) =>
    `The artifact check failed: a ${algorithm} digest cannot be checked against this bundle.`,
  dsseNotInToto: (payloadType: string) =>
    `The artifact check failed: the DSSE payload type is '${payloadType}', not an in-toto ` +
    'statement, so its subjects cannot be compared.',
  dsseSignatureCount: (count: number) =>
    `The signature check failed: the DSSE envelope carries ${count} signatures, expected 1.`,
  signatureFailed: () => 'The signature check failed: the signature does not match the content.',
  certificateFailed: (detail: string) => `The certificate check failed: ${detail}.`,
  tlogFailed: (detail: string) => `The transparency log check failed: ${detail}.`,
  timestampFailed: (detail: string) => `The timestamp check failed: ${detail}.`,
  keyFailed: (detail: string) => `The public key check failed: ${detail}.`,
  prehashKeyUnsupported: () =>
    'The signature check failed: only ECDSA keys can be verified against a digest alone; ' +
    'pass the file instead.',
  noTlogEntry: () =>
    'No transparency log entry: the signature was not publicly logged and its time is not ' +
    'attested.',
  keyUnreadable: (detail: string) => `The key cannot be read: ${detail}.`,
  keyUnsupported: (kind: string) =>
    `The key type '${kind}' is not supported; use an ECDSA P-256 key.`,
  wrongPassphrase: () => 'The passphrase is wrong or the encrypted key is damaged.',
  passphraseMissing: () =>
    'The key is encrypted: set SSCS_PASSWORD or COSIGN_PASSWORD, or run on a terminal.',
  tokenMissing: () =>
    'Keyless signing needs an OIDC token: pass --identity-token or set SIGSTORE_ID_TOKEN.',
  tokenInvalid: () => 'The OIDC identity token is not a JSON Web Token.',
  signingFailed: (detail: string) => `Signing failed: ${detail}.`,
  predicateInvalid: (detail: string) => `The predicate is not valid: ${detail}.`,
  predicateUnreadable: (detail: string) => `The predicate is not a JSON object: ${detail}.`,
  generateNeedsCi: () =>
    '--generate needs a GitLab CI job (CI_* variables such as CI_PROJECT_URL are not set).',
  provenanceNotInToto: () =>
    'The provenance check failed: the bundle does not carry an in-toto statement.',
  predicateTypeMismatch: (got: string) =>
    `The predicate type check failed: '${got}' is not SLSA provenance v0.2 or v1.`,
  builderMismatch: (want: string, got: string) =>
    `The builder check failed: the provenance names builder '${got}', expected '${want}'.`,
  sourceMismatch: (want: string, got: string) =>
    `The source repository check failed: the provenance names '${got}', expected '${want}'.`,
  refMismatch: (want: string, got: string) =>
    `The source ref check failed: the provenance was built from '${got}', expected '${want}'.`,
  provenanceFieldMissing: (field: string) =>
    `The provenance check failed: the provenance does not state the ${field}.`,
  untrustedIssuer: (issuer: string) =>
    `The provenance check failed: the issuer '${issuer}' is not a known CI provider; ` +
    'pass --certificate-oidc-issuer for a self-managed instance.',
  fileUnreadable: (what: string, path: string) => `The ${what} ${path} cannot be read.`,
  fileUnwritable: (what: string, path: string) => `The ${what} ${path} cannot be written.`,
  keyPairExists: (path: string) => `${path} already exists; remove it or choose another prefix.`,
  passphraseMismatch: () => 'The passphrases do not match.',
} as const;
