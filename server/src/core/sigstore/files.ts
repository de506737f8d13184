// SPDX-License-Identifier: Apache-2.0
// How the Sigstore operations reach the file system: injected, so the core stays pure and
// tests substitute it. Read and write failures become one-sentence INPUT_ERRORs.
import { SscsError } from '../errors';
import { messages } from './messages';

export interface SigstoreFiles {
  read(path: string): Promise<Buffer>;
  write(path: string, data: string, mode?: number): Promise<void>;
  exists(path: string): Promise<boolean>;
}

export async function readBytes(files: SigstoreFiles, path: string, what: string): Promise<Buffer> {
  try {
    return await files.read(path);
  } catch (err) {
    throw new SscsError('INPUT_ERROR', messages.fileUnreadable(what, path), err);
  }
}

export async function readText(files: SigstoreFiles, path: string, what: string): Promise<string> {
  return (await readBytes(files, path, what)).toString('utf8');
}

export async function writeText(
  files: SigstoreFiles,
  path: string,
  data: string,
  what: string,
  mode?: number,
): Promise<void> {
  try {
    await files.write(path, data, mode);
  } catch (err) {
    throw new SscsError('INPUT_ERROR', messages.fileUnwritable(what, path), err);
  }
}
