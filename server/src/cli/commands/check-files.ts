// SPDX-License-Identifier: Apache-2.0
// Which files `sscs check` analyzes, and where it reads them from: the working tree, the git
// index (`--staged`), or the working tree narrowed to what changed since a ref.
import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

import { isSupportedFile } from '../../core/analyze';
import { createDiskSource } from '../../node/disk-source';
import { PROJECT_POLICY_FILES } from '../../node/policy-loader';
import { changedSincePaths, createIndexSource, findRepoRoot, stagedPaths } from '../git-source';
import { UsageError } from '../io';

import type { FileSource } from '../../core/file-source';
import type { CliIo } from '../io';

export interface FileSelection {
  files: string[];
  source: FileSource;
}

export interface SelectionOptions {
  paths: string[];
  staged: boolean;
  changedSince?: string;
}

/** Lockfiles that sit beside a manifest and are read with it. */
const COMPANIONS = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml'];

export async function selectFiles(options: SelectionOptions, io: CliIo): Promise<FileSelection> {
  if (!options.staged && options.changedSince === undefined) {
    const source = createDiskSource();
    return { files: await collectFiles(options.paths, source), source };
  }

  const root = await findRepoRoot(io.cwd, io.env);
  const source = options.staged ? createIndexSource(root, io.env) : createDiskSource();
  const changed = options.staged
    ? await stagedPaths(root, io.env)
    : await changedSincePaths(root, options.changedSince ?? 'HEAD', io.env);
  const inScope = (path: string) =>
    options.paths.some((scope) => path === scope || path.startsWith(`${scope}/`));
  const files = await expandChanged(changed.filter(inScope), source);
  return { files, source };
}

// A changed manifest brings its lockfiles (as the source has them: for `--staged`, the
// committed copy when the lockfile change is not staged); a changed project policy brings
// every file it governs.
async function expandChanged(changed: string[], source: FileSource): Promise<string[]> {
  const out = new Set<string>();
  for (const path of changed) {
    if (isProjectPolicy(path)) {
      const root = dirname(dirname(path));
      for (const file of await source.list(root)) if (isSupportedFile(file)) out.add(file);
      continue;
    }
    if (!isSupportedFile(path)) continue;
    out.add(path);
    if (basename(path) === 'package.json') {
      for (const name of COMPANIONS) {
        const companion = join(dirname(path), name);
        if (!out.has(companion) && (await source.read(companion)) !== undefined) out.add(companion);
      }
    }
  }
  return [...out].sort();
}

function isProjectPolicy(path: string): boolean {
  return PROJECT_POLICY_FILES.some((file) => path.endsWith(`/${file}`));
}

async function collectFiles(paths: string[], source: FileSource): Promise<string[]> {
  const out = new Set<string>();
  for (const path of paths) {
    const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
      const reason = err.code === 'ENOENT' ? 'no such file' : err.message;
      throw new UsageError(`cannot read ${path}: ${reason}`);
    });
    if (!info.isDirectory()) {
      out.add(path);
      continue;
    }
    for (const file of await source.list(path)) if (isSupportedFile(file)) out.add(file);
  }
  return [...out].sort();
}
