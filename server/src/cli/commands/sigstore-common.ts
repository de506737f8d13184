// SPDX-License-Identifier: Apache-2.0
// What the Sigstore commands share: flag parsing, file access relative to the working
// directory, passphrases, and turning verification failures into exit code 1.
import { access, readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { SigningError, VerificationError } from '../../core/errors';
import { messages } from '../../core/sigstore/messages';
import { EXIT_FINDINGS, UsageError } from '../io';

import type { ParseArgsConfig } from 'node:util';
import type { SigstoreFiles } from '../../core/sigstore/files';
import type { CliIo } from '../io';

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs in strict mode, with its errors turned into usage errors. */
export function parseFlags<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new UsageError(message.replace(/\.$/, '').replace(/^Unknown option/, 'unknown option'));
  }
}

/** The one positional argument a command takes. */
export function singlePositional(positionals: string[], what: string): string {
  if (positionals.length !== 1 || positionals[0] === undefined) {
    throw new UsageError(`expected exactly one ${what}`);
  }
  return positionals[0];
}

/** Files relative to the command's working directory. */
export function cwdFiles(io: CliIo): SigstoreFiles {
  const at = (path: string) => (isAbsolute(path) ? path : resolve(io.cwd, path));
  return {
    read: (path) => readFile(at(path)),
    write: (path, data, mode) => writeFile(at(path), data, { mode: mode ?? 0o644 }),
    exists: async (path) => {
      try {
        await access(at(path));
        return true;
      } catch {
        // Not there (or not reachable): the caller treats the name as something else.
        return false;
      }
    },
  };
}

/** Passphrase from SSCS_PASSWORD, COSIGN_PASSWORD or a terminal prompt, asked lazily. */
export function passphraseFrom(io: CliIo, confirm = false): () => Promise<string> {
  return async () => {
    const fromEnv = io.env.SSCS_PASSWORD ?? io.env.COSIGN_PASSWORD;
    if (fromEnv !== undefined) return fromEnv;
    if (!io.promptSecret) throw new SigningError('PASSPHRASE_ERROR', messages.passphraseMissing());
    const first = await io.promptSecret('Enter passphrase for the private key: ');
    if (!confirm) return first;
    const second = await io.promptSecret('Enter passphrase again: ');
    if (first !== second) throw new SigningError('PASSPHRASE_ERROR', messages.passphraseMismatch());
    return first;
  };
}

/**
 * Runs a command body; a failed verification prints its one sentence and exits 1, while
 * every other error goes on to the dispatcher (one sentence, exit 2).
 */
export async function withVerificationExit(io: CliIo, body: () => Promise<number>) {
  try {
    return await body();
  } catch (err) {
    if (!(err instanceof VerificationError)) throw err;
    io.stderr(`sscs: verification failed: ${err.message}\n`);
    return EXIT_FINDINGS;
  }
}

/** Formats labelled lines with aligned values. */
export function formatDetails(rows: [string, string | undefined][]): string {
  const shown = rows.filter((row): row is [string, string] => row[1] !== undefined);
  const width = Math.max(0, ...shown.map(([label]) => label.length));
  return shown.map(([label, value]) => `  ${`${label}:`.padEnd(width + 2)}${value}\n`).join('');
}
