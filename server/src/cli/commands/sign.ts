// SPDX-License-Identifier: Apache-2.0
// `sscs sign FILE (--key KEY | --keyless) [--bundle OUT] [--fulcio-url U] [--rekor-url U]
// [--tsa-url U] [--identity-token T] [--signing-config F] [--no-tlog]`.
import { messages } from '../../core/sigstore/messages';
import { DEFAULT_REKOR_URL, signFile } from '../../core/sigstore/sign-files';
import { EXIT_OK, UsageError } from '../io';
import {
  cwdFiles,
  formatDetails,
  parseFlags,
  passphraseFrom,
  singlePositional,
} from './sigstore-common';

import type { SignFileInput, SignFileResult } from '../../core/sigstore/sign-files';
import type { CliIo } from '../io';

const HELP = `usage: sscs sign FILE (--key KEY | --keyless) [--bundle OUT] [--fulcio-url U]
           [--rekor-url U] [--tsa-url U] [--identity-token T] [--signing-config F] [--no-tlog]

Writes a Sigstore bundle (v0.3) to --bundle, default FILE.sigstore.json. With --key the
bundle gets a transparency log entry only when --rekor-url is given; keyless signing logs
to Rekor unless --no-tlog. The key passphrase comes from SSCS_PASSWORD or COSIGN_PASSWORD,
or a prompt; the OIDC token from --identity-token or SIGSTORE_ID_TOKEN.
`;

export const SIGNING_OPTIONS = {
  key: { type: 'string' },
  keyless: { type: 'boolean' },
  bundle: { type: 'string' },
  'fulcio-url': { type: 'string' },
  'rekor-url': { type: 'string' },
  'tsa-url': { type: 'string' },
  'identity-token': { type: 'string' },
  'signing-config': { type: 'string' },
  'no-tlog': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface SigningValues {
  key?: string;
  keyless?: boolean;
  bundle?: string;
  'fulcio-url'?: string;
  'rekor-url'?: string;
  'tsa-url'?: string;
  'identity-token'?: string;
  'signing-config'?: string;
  'no-tlog'?: boolean;
}

/** `sscs sign`: exit 0 with the bundle written, 2 on any failure. */
export async function runSign(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, SIGNING_OPTIONS);
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const filePath = singlePositional(positionals, 'FILE');
  const result = await signFile(cwdFiles(io), signingInput(filePath, values, io));
  io.stdout(describeSigning(result));
  return EXIT_OK;
}

/** Common signing inputs of `sign` and `attest`, checked for usage errors. */
export function signingInput(filePath: string, values: SigningValues, io: CliIo): SignFileInput {
  if ((values.key === undefined) === (values.keyless !== true)) {
    throw new UsageError('pass exactly one of --key KEY and --keyless');
  }
  if (values['no-tlog'] && values['rekor-url']) {
    throw new UsageError('--no-tlog and --rekor-url exclude each other');
  }
  const keyless = values.keyless === true;
  const token = values['identity-token'] ?? io.env.SIGSTORE_ID_TOKEN;
  if (keyless && !token) throw new UsageError(messages.tokenMissing());

  const defaultRekor = keyless && !values['no-tlog'] ? DEFAULT_REKOR_URL : undefined;
  return {
    filePath,
    bundlePath: values.bundle,
    keyPath: values.key,
    passphrase: passphraseFrom(io),
    identityToken: keyless ? token : undefined,
    fulcioUrl: values['fulcio-url'],
    rekorUrl: values['rekor-url'] ?? defaultRekor,
    tsaUrl: values['tsa-url'],
    signingConfigPath: values['signing-config'],
  };
}

/** What was written and whether it was logged, with the no-log case said plainly. */
export function describeSigning(result: SignFileResult): string {
  return (
    `Wrote bundle ${result.bundlePath}\n` +
    formatDetails([
      ['signed as', result.identity],
      ['log index', result.logIndex],
      ['note', result.logIndex === undefined ? messages.noTlogEntry() : undefined],
    ])
  );
}
