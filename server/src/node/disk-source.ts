// SPDX-License-Identifier: Apache-2.0
// FileSource over the working tree.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { FileSource } from '../core/file-source';

/** Folders never walked: installed packages, VCS data, vendored code. */
export const SKIPPED_FOLDERS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'vendor',
  'bower_components',
  '.yarn',
  '.pnpm-store',
]);

export function createDiskSource(): FileSource {
  return {
    async read(path) {
      try {
        return await readFile(path, 'utf8');
      } catch (err) {
        if (isMissing(err)) return undefined;
        throw err;
      }
    },
    async readBytes(path) {
      try {
        return await readFile(path);
      } catch (err) {
        if (isMissing(err)) return undefined;
        throw err;
      }
    },
    async list(root) {
      const out: string[] = [];
      await walk(root, out);
      return out;
    },
  };
}

async function walk(dir: string, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if (isMissing(err)) return;
    throw err;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) await walk(path, out);
    } else if (entry.isFile()) {
      out.push(path);
    }
  }
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  // A folder where a file is expected reads as no such file: callers name the path.
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}
