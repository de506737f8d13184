// SPDX-License-Identifier: Apache-2.0
// `sscs attest FILE --predicate PRED.json --type TYPE (--key KEY | --keyless) [--bundle OUT]
// [--generate]`: an in-toto Statement v1 about FILE, signed as a DSSE bundle.
import { isGitLabCi } from '../../core/sigstore/slsa';
import { messages } from '../../core/sigstore/messages';
import { attestFile } from '../../core/sigstore/sign-files';
import { EXIT_OK, UsageError } from '../io';
import { describeSigning, SIGNING_OPTIONS, signingInput } from './sign';
import { cwdFiles, parseFlags, singlePositional } from './sigstore-common';

import type { CliIo } from '../io';

const HELP = `usage: sscs attest FILE (--predicate PRED.json | --generate) --type TYPE
           (--key KEY | --keyless) [--bundle OUT] [signing options of 'sscs sign']

TYPE is a predicate type URI or one of slsaprovenance1, slsaprovenance02, spdxjson,
cyclonedx, openvex, vuln, custom. slsaprovenance1 predicates are checked against the SLSA
provenance v1 shape. --generate builds the provenance from a GitLab CI job's CI_* variables.
The bundle defaults to FILE.intoto.sigstore.json.
`;

const OPTIONS = {
  ...SIGNING_OPTIONS,
  predicate: { type: 'string' },
  type: { type: 'string' },
  generate: { type: 'boolean' },
} as const;

/** `sscs attest`: exit 0 with the bundle written, 2 on any failure. */
export async function runAttest(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, OPTIONS);
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const filePath = singlePositional(positionals, 'FILE');
  if (values.generate && values.predicate) {
    throw new UsageError('--predicate and --generate exclude each other');
  }
  if (!values.generate && !values.predicate) throw new UsageError('--predicate is required');
  if (values.generate && !isGitLabCi(io.env)) throw new UsageError(messages.generateNeedsCi());
  const type = values.type ?? (values.generate ? 'slsaprovenance1' : undefined);
  if (!type) throw new UsageError('--type is required');

  const result = await attestFile(cwdFiles(io), {
    ...signingInput(filePath, values, io),
    type,
    predicatePath: values.predicate,
    generateFrom: values.generate ? io.env : undefined,
  });
  io.stdout(describeSigning(result));
  return EXIT_OK;
}
