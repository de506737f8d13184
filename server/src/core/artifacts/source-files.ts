// SPDX-License-Identifier: Apache-2.0
// SigstoreFiles over FileSources, so a bundle verification reads exactly what the check
// reads: the working tree, or the git index under `--staged`.
import { SscsError } from '../errors';
import { artifactMessages } from './messages';

import type { FileSource } from '../file-source';
import type { SigstoreFiles } from '../sigstore/files';

/** Bytes of `path` from `source`, or undefined when the source has no such file. */
export async function readSourceBytes(
  source: FileSource,
  path: string,
): Promise<Uint8Array | undefined> {
  if (source.readBytes) return source.readBytes(path);
  // Limit: a source without readBytes (editor buffers) holds text only; its files are
  // verified as their UTF-8 encoding, so a binary artifact read that way does not verify.
  const text = await source.read(path);
  return text === undefined ? undefined : new TextEncoder().encode(text);
}

/**
 * Read-only SigstoreFiles: paths for which `useOrganization` says yes (organization keys and
 * trusted roots) come from `organization`, every other path from `source`.
 */
export function sigstoreFilesOver(
  source: FileSource,
  organization: FileSource,
  useOrganization: (path: string) => boolean,
): SigstoreFiles {
  const read = (path: string) =>
    readSourceBytes(useOrganization(path) ? organization : source, path);
  return {
    read: async (path) => {
      const bytes = await read(path);
      if (bytes === undefined)
        throw new SscsError('INPUT_ERROR', artifactMessages.fileAbsent(path));
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    write: async (path) => {
      throw new SscsError('INPUT_ERROR', artifactMessages.readOnly(path));
    },
    exists: async (path) => (await read(path)) !== undefined,
  };
}
