// SPDX-License-Identifier: Apache-2.0
// Typed errors of the core: one base class with a code per domain, cause kept as unknown.
import type { TextRange } from './types';

export type ParseErrorCode = 'PARSE_ERROR' | 'UNSUPPORTED_FORMAT' | 'INPUT_TOO_LARGE';
export type PolicyErrorCode = 'POLICY_READ_ERROR' | 'POLICY_INVALID' | 'POLICY_FETCH_ERROR';
export type VerificationErrorCode =
  | 'BUNDLE_PARSE_ERROR'
  | 'SIGNATURE_ERROR'
  | 'IDENTITY_ERROR'
  | 'DIGEST_ERROR'
  | 'TRUST_ROOT_ERROR'
  | 'PROVENANCE_ERROR'
  | 'TLOG_ERROR'
  | 'CERTIFICATE_ERROR'
  | 'TIMESTAMP_ERROR'
  | 'KEY_ERROR';
export type SigningErrorCode =
  'KEY_ERROR' | 'PASSPHRASE_ERROR' | 'SIGNING_ERROR' | 'OIDC_ERROR' | 'PREDICATE_ERROR';

export class SscsError<C extends string = string> extends Error {
  readonly code: C;
  override readonly cause: unknown;

  constructor(code: C, message: string, cause?: unknown) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.cause = cause;
  }
}

/** The file cannot be parsed at all; `path` names it, `range` points at the fault if known. */
export class ParseError extends SscsError<ParseErrorCode> {
  constructor(
    readonly path: string,
    message: string,
    cause?: unknown,
    code: ParseErrorCode = 'PARSE_ERROR',
    readonly range?: TextRange,
  ) {
    super(code, message, cause);
  }
}

export class PolicyError extends SscsError<PolicyErrorCode> {}
export class VerificationError extends SscsError<VerificationErrorCode> {}
export class SigningError extends SscsError<SigningErrorCode> {}

/** Message of any thrown value, for one-sentence error output. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
