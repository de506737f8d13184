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
  /** Manifests and lockfiles to analyze. */
  files: string[];
  /**
   * Other files in scope: candidates for the policies' `verify` entries, kept out of the
   * manifest analysis. Under `--staged`, the staged ones.
   */
  artifacts: string[];
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
    return { ...(await collectFiles(options.paths, source)), source };
  }

  const root = await findRepoRoot(io.cwd, io.env);
  const source = options.staged ? createIndexSource(root, io.env) : createDiskSource();
  const changed = options.staged
    ? await stagedPaths(root, io.env)
    : await changedSincePaths(root, options.changedSince ?? 'HEAD', io.env);
  const inScope = (path: string) =>
    options.paths.some((scope) => path === scope || path.startsWith(`${scope}/`));
  return { ...(await expandChanged(changed.filter(inScope), source)), source };
}

type Selected = Pick<FileSelection, 'files' | 'artifacts'>;

// A changed manifest brings its lockfiles (as the source has them: for `--staged`, the
// committed copy when the lockfile change is not staged); a changed project policy brings
// every file it governs, artifacts included.
async function expandChanged(changed: string[], source: FileSource): Promise<Selected> {
  const out = new Set<string>();
  const artifacts = new Set<string>();
  for (const path of changed) {
    if (isProjectPolicy(path)) {
      const root = dirname(dirname(path));
      for (const file of await source.list(root)) {
        (isSupportedFile(file) ? out : artifacts).add(file);
      }
      continue;
    }
    if (!isSupportedFile(path)) {
      artifacts.add(path);
      continue;
    }
    out.add(path);
    if (basename(path) === 'package.json') {
      for (const name of COMPANIONS) {
        const companion = join(dirname(path), name);
        if (!out.has(companion) && (await source.read(companion)) !== undefined) out.add(companion);
      }
    }
  }
  return { files: [...out].sort(), artifacts: [...artifacts].sort() };
}

function isProjectPolicy(path: string): boolean {
  return PROJECT_POLICY_FILES.some((file) => path.endsWith(`/${file}`));
}

async function collectFiles(paths: string[], source: FileSource): Promise<Selected> {
  const out = new Set<string>();
  const artifacts = new Set<string>();
  for (const path of paths) {
    const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
      const reason = err.code === 'ENOENT' ? 'no such file' : err.message;
      throw new UsageError(`cannot read ${path}: ${reason}`);
    });
    // A file named explicitly is analyzed as before, and may also be a signed artifact.
    if (!info.isDirectory()) {
      out.add(path);
      if (!isSupportedFile(path)) artifacts.add(path);
      continue;
    }
    for (const file of await source.list(path)) {
      (isSupportedFile(file) ? out : artifacts).add(file);
    }
  }
  return { files: [...out].sort(), artifacts: [...artifacts].sort() };
}
