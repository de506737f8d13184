// SPDX-License-Identifier: Apache-2.0
// `sscs generate-key-pair [--output-key-prefix P]`: cosign-compatible P.key and P.pub.
import { generateKeyPairFiles } from '../../core/sigstore/sign-files';
import { EXIT_OK } from '../io';
import { cwdFiles, parseFlags, passphraseFrom } from './sigstore-common';

import type { CliIo } from '../io';

const HELP = `usage: sscs generate-key-pair [--output-key-prefix P]

Writes P.key (ECDSA P-256, encrypted in cosign's format) and P.pub; P defaults to cosign.
The passphrase comes from SSCS_PASSWORD or COSIGN_PASSWORD, or is asked twice.
`;

const OPTIONS = {
  'output-key-prefix': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `sscs generate-key-pair`: exit 0 with both files written, 2 otherwise. */
export async function runGenerateKeyPair(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, OPTIONS);
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const passphrase = await passphraseFrom(io, true)();
  const { privateKeyPath, publicKeyPath } = await generateKeyPairFiles(
    cwdFiles(io),
    values['output-key-prefix'] ?? 'cosign',
    passphrase,
  );
  io.stdout(`Private key written to ${privateKeyPath}\nPublic key written to ${publicKeyPath}\n`);
  return EXIT_OK;
}
