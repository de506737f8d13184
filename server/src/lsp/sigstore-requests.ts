// SPDX-License-Identifier: Apache-2.0
// Handles the sscs/sign, sscs/attest and sscs/verify requests by calling the core. Failures
// come back as results naming the failed check; request params are never logged because
// they may carry a passphrase or an OIDC token.
import { readFile, writeFile, access } from 'node:fs/promises';

import { describeError, SscsError, VerificationError } from '../core/errors';
import { messages } from '../core/sigstore/messages';
import { ATTEST_REQUEST, SIGN_REQUEST, VERIFY_REQUEST } from '../../../shared/sigstore-protocol';

import type { Connection } from 'vscode-languageserver/node';
import type { SigstoreFiles } from '../core/sigstore/files';
import type { SignFileInput } from '../core/sigstore/sign-files';
import type {
  AttestParams,
  SignOutcome,
  SignParams,
  SigstoreFailure,
  VerifyOutcome,
  VerifyParams,
} from '../../../shared/sigstore-protocol';

const DEFAULT_REKOR_URL = 'https://rekor.sigstore.dev';

const diskFiles: SigstoreFiles = {
  read: (path) => readFile(path),
  write: (path, data, mode) => writeFile(path, data, { mode: mode ?? 0o644 }),
  exists: async (path) => {
    try {
      await access(path);
      return true;
    } catch {
      // Absent or unreachable: the core then reads the name as a digest or fails to read it.
      return false;
    }
  },
};

/** Registers the Sigstore request handlers on the connection. */
export function registerSigstoreRequests(connection: Connection): void {
  connection.onRequest(SIGN_REQUEST, async (params: SignParams): Promise<SignOutcome> => {
    try {
      const { signFile } = await import('../core/sigstore/sign-files');
      const result = await signFile(diskFiles, signInput(params));
      connection.console.info(`sscs: signed ${params.filePath} -> ${result.bundlePath}`);
      return signOutcome(result);
    } catch (err) {
      return failure(connection, 'sign', params.filePath, err);
    }
  });

  connection.onRequest(ATTEST_REQUEST, async (params: AttestParams): Promise<SignOutcome> => {
    try {
      const { attestFile } = await import('../core/sigstore/sign-files');
      const result = await attestFile(diskFiles, {
        ...signInput(params),
        type: params.predicateType,
        predicatePath: params.predicatePath,
      });
      connection.console.info(`sscs: attested ${params.filePath} -> ${result.bundlePath}`);
      return signOutcome(result);
    } catch (err) {
      return failure(connection, 'attest', params.filePath, err);
    }
  });

  connection.onRequest(VERIFY_REQUEST, async (params: VerifyParams): Promise<VerifyOutcome> => {
    try {
      const { verifyFile } = await import('../core/sigstore/verify-files');
      const hasIdentity =
        params.certificateIdentity !== undefined || params.certificateIdentityRegexp !== undefined;
      const result = await verifyFile(diskFiles, {
        target: params.target,
        bundlePath: params.bundlePath,
        keyPath: params.keyPath,
        trustedRootPath: params.trustedRootPath,
        policy: hasIdentity
          ? {
              identity: params.certificateIdentity,
              identityPattern: params.certificateIdentityRegexp,
              issuer: params.certificateOidcIssuer,
            }
          : undefined,
      });
      return {
        ok: true,
        signedWith: result.signedWith,
        identity: result.identity,
        issuer: result.issuer,
        logIndex: result.logIndex,
        integratedTime: result.integratedTime?.toISOString(),
        predicateType: result.statement?.predicateType,
        note: result.logIndex === undefined ? messages.noTlogEntry() : undefined,
      };
    } catch (err) {
      return failure(connection, 'verify', params.target, err);
    }
  });
}

function signInput(params: SignParams): SignFileInput {
  const passphrase = params.passphrase;
  return {
    filePath: params.filePath,
    bundlePath: params.bundlePath,
    keyPath: params.keyPath,
    passphrase: async () => {
      if (passphrase === undefined) {
        throw new SscsError('PASSPHRASE_ERROR', messages.passphraseMissing());
      }
      return passphrase;
    },
    identityToken: params.keyPath ? undefined : params.identityToken,
    fulcioUrl: params.fulcioUrl,
    rekorUrl: params.rekorUrl ?? (params.keyPath ? undefined : DEFAULT_REKOR_URL),
    tsaUrl: params.tsaUrl,
  };
}

function signOutcome(result: {
  bundlePath: string;
  logIndex?: string;
  identity?: string;
}): SignOutcome {
  return {
    ok: true,
    bundlePath: result.bundlePath,
    logIndex: result.logIndex,
    identity: result.identity,
    note: result.logIndex === undefined ? messages.noTlogEntry() : undefined,
  };
}

// Expected failures (typed errors) are answered with their sentence; anything else is a
// bug and is logged with its stack. Only the path is logged, never the params.
function failure(
  connection: Connection,
  action: string,
  path: string,
  err: unknown,
): SigstoreFailure {
  const typed = err instanceof SscsError;
  if (typed) {
    connection.console.warn(`sscs: ${action} ${path} failed: ${err.message}`);
  } else {
    const stack = err instanceof Error && err.stack ? `\n${err.stack}` : '';
    const detail = `${describeError(err)}${stack}`;
    connection.console.error(`sscs: ${action} ${path} failed unexpectedly: ${detail}`);
  }
  return {
    ok: false,
    code: typed ? err.code : 'INTERNAL_ERROR',
    message: describeError(err),
    verificationFailed: err instanceof VerificationError,
  };
}
