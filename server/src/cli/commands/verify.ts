// SPDX-License-Identifier: Apache-2.0
// `sscs verify FILE_OR_DIGEST --bundle B (--key PUB | --certificate-identity[-regexp] ID
// --certificate-oidc-issuer ISS) [--trusted-root F] [--offline]`.
import { verifyFile } from '../../core/sigstore/verify-files';
import { messages } from '../../core/sigstore/messages';
import { EXIT_OK, UsageError } from '../io';
import { defaultRoot } from './sigstore-root';
import {
  cwdFiles,
  formatDetails,
  parseFlags,
  singlePositional,
  withVerificationExit,
} from './sigstore-common';

import type { IdentityPolicy } from '../../core/sigstore/identity';
import type { VerificationResult } from '../../core/sigstore/verify';
import type { CliIo } from '../io';

const HELP = `usage: sscs verify FILE_OR_DIGEST --bundle B [--key PUB]
           [--certificate-identity ID | --certificate-identity-regexp RE]
           [--certificate-oidc-issuer ISS] [--trusted-root F] [--offline]

FILE_OR_DIGEST is a digest when it reads sha256:<64 hex> and names no existing file.
Identity and issuer are compared exactly; the regexp must match the whole identity.
`;

const OPTIONS = {
  bundle: { type: 'string' },
  key: { type: 'string' },
  'certificate-identity': { type: 'string' },
  'certificate-identity-regexp': { type: 'string' },
  'certificate-oidc-issuer': { type: 'string' },
  'trusted-root': { type: 'string' },
  // Without --trusted-root: the public-good root, refreshed over TUF unless --offline.
  offline: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `sscs verify`: exit 0 verified, 1 a check failed, 2 usage or unreadable input. */
export async function runVerify(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, OPTIONS);
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const target = singlePositional(positionals, 'FILE_OR_DIGEST');
  if (!values.bundle) throw new UsageError('--bundle is required');
  const policy = identityPolicy(values);

  return withVerificationExit(io, async () => {
    const result = await verifyFile(cwdFiles(io), {
      target,
      bundlePath: values.bundle ?? '',
      keyPath: values.key,
      policy,
      trustedRootPath: values['trusted-root'],
      publicGoodRoot: defaultRoot(values.offline === true, io),
    });
    io.stdout(`Verified OK: ${target}\n${describeResult(result)}`);
    return EXIT_OK;
  });
}

/** Lines naming the signer, issuer, log index and time of a verified bundle. */
export function describeResult(result: VerificationResult): string {
  const logged = result.logIndex !== undefined;
  const stamped = result.rfc3161Timestamps;
  return formatDetails([
    ['signed with', result.signedWith === 'key' ? 'public key' : 'certificate'],
    ['identity', result.identity],
    ['issuer', result.issuer],
    ['log index', result.logIndex],
    ['integrated time', result.integratedTime?.toISOString()],
    ['timestamps', stamped > 0 ? `${stamped} (RFC 3161)` : undefined],
    ['predicate type', result.statement?.predicateType],
    ['note', logged ? undefined : messages.noTlogEntry()],
  ]);
}

function identityPolicy(values: {
  key?: string;
  'certificate-identity'?: string;
  'certificate-identity-regexp'?: string;
  'certificate-oidc-issuer'?: string;
}): IdentityPolicy | undefined {
  const identity = values['certificate-identity'];
  const identityPattern = values['certificate-identity-regexp'];
  const issuer = values['certificate-oidc-issuer'];
  if (identity !== undefined && identityPattern !== undefined) {
    throw new UsageError(
      '--certificate-identity and --certificate-identity-regexp exclude each other',
    );
  }
  if (values.key !== undefined) return undefined;
  if (identity === undefined && identityPattern === undefined) {
    throw new UsageError('pass --key, or --certificate-identity with --certificate-oidc-issuer');
  }
  if (issuer === undefined) throw new UsageError('--certificate-oidc-issuer is required');
  if (identityPattern !== undefined) assertPattern(identityPattern);
  return { identity, identityPattern, issuer };
}

function assertPattern(pattern: string): void {
  try {
    new RegExp(pattern);
  } catch (err) {
    throw new UsageError(`--certificate-identity-regexp is not a valid pattern: ${String(err)}`);
  }
}
