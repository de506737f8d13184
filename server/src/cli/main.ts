// SPDX-License-Identifier: Apache-2.0
// Dispatches `sscs <command>` to the command modules and turns every thrown error into one
// sentence on stderr with exit code 2 (a stack trace only with --debug).
import { describeError } from '../core/errors';
import { EXIT_FAILURE, UsageError } from './io';

import type { CliIo, CommandRunner } from './io';

// Loaded on demand so `sscs check` does not pay for the Sigstore libraries at start-up.
const commands: Record<string, () => Promise<CommandRunner>> = {
  check: async () => (await import('./commands/check')).runCheck,
  sign: async () => (await import('./commands/sign')).runSign,
  attest: async () => (await import('./commands/attest')).runAttest,
  verify: async () => (await import('./commands/verify')).runVerify,
  'verify-provenance': async () =>
    (await import('./commands/verify-provenance')).runVerifyProvenance,
  'generate-key-pair': async () =>
    (await import('./commands/generate-key-pair')).runGenerateKeyPair,
  hook: async () => (await import('./commands/hook')).runHook,
};

const USAGE = `usage: sscs <command> [options]

commands:
  check               analyze manifests and lockfiles against the firewall policy
  sign                sign a file with a key or keyless, writing a Sigstore bundle
  attest              sign an in-toto statement about a file (DSSE bundle)
  verify              verify a file or digest against a Sigstore bundle
  verify-provenance   verify SLSA provenance for a file or digest
  generate-key-pair   write a cosign-compatible encrypted key pair
  hook install        install the pre-commit hook

Run 'sscs <command> --help' for a command's options.
`;

/** Runs one CLI invocation and returns its exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((arg) => arg !== '--debug');
  const [name, ...rest] = args;

  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(USAGE);
    return name === undefined ? EXIT_FAILURE : 0;
  }
  if (name === '--version') {
    io.stdout('sscs 0.1.0\n');
    return 0;
  }

  const load = commands[name];
  if (!load) {
    io.stderr(`sscs: unknown command '${name}'. Run 'sscs --help' for the list.\n`);
    return EXIT_FAILURE;
  }

  try {
    const run = await load();
    return await run(rest, io);
  } catch (err) {
    const prefix = err instanceof UsageError ? 'sscs: usage: ' : 'sscs: ';
    io.stderr(`${prefix}${sentence(describeError(err))}\n`);
    if (debug && err instanceof Error && err.stack) io.stderr(`${err.stack}\n`);
    return EXIT_FAILURE;
  }
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
