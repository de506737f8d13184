// SPDX-License-Identifier: Apache-2.0
// `sscs verify-provenance FILE_OR_DIGEST --bundle B --source-uri URI [--builder-id ID]
// [--source-branch B | --source-tag T] [--trusted-root F] [--certificate-oidc-issuer ISS]`.
import { verifyProvenanceFile } from '../../core/sigstore/verify-files';
import { EXIT_OK, UsageError } from '../io';
import { defaultRoot } from './sigstore-root';
import {
  cwdFiles,
  formatDetails,
  parseFlags,
  singlePositional,
  withVerificationExit,
} from './sigstore-common';

import type { CliIo } from '../io';

const HELP = `usage: sscs verify-provenance FILE_OR_DIGEST --bundle B --source-uri URI
           [--builder-id ID] [--source-branch B | --source-tag T] [--trusted-root F]
           [--certificate-oidc-issuer ISS]...

Checks the signature, the subject digest, the SLSA predicate type, the builder, the source
repository and ref. GitHub Actions and gitlab.com are accepted issuers; name a
self-managed GitLab with --certificate-oidc-issuer.
`;

const OPTIONS = {
  bundle: { type: 'string' },
  'source-uri': { type: 'string' },
  'builder-id': { type: 'string' },
  'source-branch': { type: 'string' },
  'source-tag': { type: 'string' },
  'trusted-root': { type: 'string' },
  'certificate-oidc-issuer': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `sscs verify-provenance`: exit 0 verified, 1 a check failed, 2 usage or input. */
export async function runVerifyProvenance(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, OPTIONS);
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const target = singlePositional(positionals, 'FILE_OR_DIGEST');
  if (!values.bundle) throw new UsageError('--bundle is required');
  const sourceUri = values['source-uri'];
  if (!sourceUri) throw new UsageError('--source-uri is required');
  if (values['source-branch'] !== undefined && values['source-tag'] !== undefined) {
    throw new UsageError('--source-branch and --source-tag exclude each other');
  }

  return withVerificationExit(io, async () => {
    const { result, facts } = await verifyProvenanceFile(
      cwdFiles(io),
      {
        target,
        bundlePath: values.bundle ?? '',
        trustedRootPath: values['trusted-root'],
        publicGoodRoot: defaultRoot(false, io),
      },
      {
        sourceUri,
        builderId: values['builder-id'],
        branch: values['source-branch'],
        tag: values['source-tag'],
        issuers: values['certificate-oidc-issuer'],
      },
    );
    io.stdout(
      `Verified provenance: ${target}\n` +
        formatDetails([
          ['identity', result.identity],
          ['issuer', facts.issuer],
          ['predicate type', facts.predicateType],
          ['builder', facts.builderId],
          ['source', facts.sourceUri],
          ['ref', facts.sourceRef],
          ['log index', result.logIndex],
          ['integrated time', result.integratedTime?.toISOString()],
        ]),
    );
    return EXIT_OK;
  });
}
