// SPDX-License-Identifier: Apache-2.0
// Git access for `sscs check --staged`, merge-request pipelines and `sscs hook`: a FileSource
// over the git index and the path lists that decide what to analyze. Spawns the `git`
// executable; no git library, so repository formats and config behave as the user's git does.
import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

import { SscsError } from '../core/errors';
import { SKIPPED_FOLDERS } from '../node/disk-source';

import type { FileSource } from '../core/file-source';

export type GitErrorCode = 'NOT_A_REPOSITORY' | 'UNKNOWN_REF' | 'NO_MERGE_BASE' | 'GIT_FAILED';

/** A git command failed; the message is one sentence for the user. */
export class GitError extends SscsError<GitErrorCode> {}

/** Environment for the spawned git; hooks set GIT_INDEX_FILE and GIT_DIR, so pass them on. */
export type GitEnv = NodeJS.ProcessEnv;

interface GitOutput {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/**
 * Absolute path of the work tree that contains `cwd`, spelled like `cwd` where a symlinked
 * parent (macOS /tmp) would otherwise make paths under it compare unequal.
 * Throws `GitError` NOT_A_REPOSITORY outside a work tree.
 */
export async function findRepoRoot(cwd: string, env: GitEnv = process.env): Promise<string> {
  const out = await runGit(['rev-parse', '--show-toplevel'], cwd, env);
  if (out.code !== 0) {
    throw new GitError('NOT_A_REPOSITORY', `${cwd} is not inside a git work tree`, out.stderr);
  }
  const top = out.stdout.toString('utf8').replace(/\n$/, '');
  return spellLike(resolve(cwd), top);
}

/**
 * Files staged for the next commit: added, copied, modified or renamed in the index compared
 * with HEAD (or with nothing, before the first commit). Deleted files are left out, as there
 * is nothing to analyze. Absolute paths, skipping node_modules, .git and vendor folders.
 */
export async function stagedPaths(repoRoot: string, env: GitEnv = process.env): Promise<string[]> {
  const args = ['diff', '--cached', '--name-only', '-z', '--diff-filter=ACMR', '--no-renames'];
  const out = await runGit(args, repoRoot, env);
  if (out.code !== 0) throw gitFailure('diff --cached', out);
  return toAbsolute(repoRoot, splitZ(out.stdout));
}

/**
 * Files that differ between the merge base of `ref` and HEAD, and the working tree: what a
 * merge request adds or changes, plus local edits not yet committed and untracked files
 * that are not ignored. In a CI checkout the working tree equals HEAD, so this is exactly
 * `git diff --name-only ref...HEAD`. Deleted files are left out.
 * Throws `GitError` UNKNOWN_REF for a revision git cannot resolve, NO_MERGE_BASE when the
 * histories share no commit (typically a shallow clone).
 */
export async function changedSincePaths(
  repoRoot: string,
  ref: string,
  env: GitEnv = process.env,
): Promise<string[]> {
  if (ref === '' || ref.startsWith('-')) {
    throw new GitError('UNKNOWN_REF', `'${ref}' is not a git revision`);
  }
  const verifyArgs = ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`];
  const verify = await runGit(verifyArgs, repoRoot, env);
  if (verify.code !== 0) {
    throw new GitError('UNKNOWN_REF', `git cannot resolve the revision '${ref}'`, verify.stderr);
  }
  const commit = verify.stdout.toString('utf8').trim();

  const base = await runGit(['merge-base', commit, 'HEAD'], repoRoot, env);
  if (base.code !== 0) {
    const hint = 'fetch more history in a shallow clone (GIT_DEPTH: 0 on GitLab)';
    throw new GitError('NO_MERGE_BASE', `'${ref}' and HEAD share no commit; ${hint}`, base.stderr);
  }
  const baseCommit = base.stdout.toString('utf8').trim();

  const diffArgs = ['diff', '--name-only', '-z', '--diff-filter=ACMR', '--no-renames', baseCommit];
  const diff = await runGit(diffArgs, repoRoot, env);
  if (diff.code !== 0) throw gitFailure('diff', diff);
  const othersArgs = ['ls-files', '-z', '--others', '--exclude-standard', '--full-name'];
  const untracked = await runGit(othersArgs, repoRoot, env);
  if (untracked.code !== 0) throw gitFailure('ls-files --others', untracked);

  const names = new Set([...splitZ(diff.stdout), ...splitZ(untracked.stdout)]);
  return toAbsolute(repoRoot, [...names].sort());
}

/**
 * Absolute folder git runs hooks from: `core.hooksPath` when set (a relative value is taken
 * from the top of the work tree, as git does), else the repository's hooks folder, which
 * linked worktrees share with the main one.
 */
export async function hooksDir(repoRoot: string, env: GitEnv = process.env): Promise<string> {
  const out = await runGit(['rev-parse', '--git-path', 'hooks'], repoRoot, env);
  if (out.code !== 0) throw gitFailure('rev-parse --git-path hooks', out);
  return resolve(repoRoot, out.stdout.toString('utf8').replace(/\n$/, ''));
}

/**
 * FileSource reading the staged content (stage 0 of the index) instead of the working tree,
 * so `sscs check --staged` judges exactly what the commit will contain. Reads issued in the
 * same tick share one `git cat-file --batch` process; there is nothing to close.
 */
export function createIndexSource(repoRoot: string, env: GitEnv = process.env): FileSource {
  const reader = new BatchReader(repoRoot, env);
  const realRoot = safeRealpath(repoRoot);

  return {
    read: async (path) => {
      const rel = repoRelative(repoRoot, realRoot, path);
      const blob = rel === undefined ? undefined : await reader.read(rel);
      return blob?.toString('utf8');
    },
    // The blob as git stores it: no UTF-8 decoding, and no smudge filters or eol conversion,
    // which is what a signature over the committed content must cover.
    readBytes: async (path) => {
      const rel = repoRelative(repoRoot, realRoot, path);
      return rel === undefined ? undefined : reader.read(rel);
    },
    list: async (root) => {
      const rel = repoRelative(repoRoot, realRoot, root);
      if (rel === undefined) return [];
      // Literal pathspecs: a folder named `*` must not glob. `-s` exposes mode and stage.
      const args = ['ls-files', '-z', '--stage', '--full-name'];
      if (rel !== '') args.push('--', rel);
      const out = await runGit(args, repoRoot, { ...env, GIT_LITERAL_PATHSPECS: '1' });
      if (out.code !== 0) throw gitFailure('ls-files', out);
      return toAbsolute(repoRoot, splitZ(out.stdout).flatMap(regularStagedFile));
    },
  };
}

// Keeps regular files at stage 0. Symlinks (120000) and submodules (160000) have no manifest
// text of their own.
// Limit: an unmerged path (a merge stopped on conflicts) has no stage-0 entry; list skips it
// and read returns undefined, so the conflicted file is not analyzed.
function regularStagedFile(entry: string): string[] {
  const match = /^(\d{6}) [0-9a-f]+ (\d)\t(.*)$/s.exec(entry);
  if (!match) return [];
  const [, mode, stage, path] = match;
  return (mode === '100644' || mode === '100755') && stage === '0' ? [path] : [];
}

interface PendingRead {
  rel: string;
  resolve: (blob: Buffer | undefined) => void;
  reject: (err: unknown) => void;
}

/** Batches index reads: one `git cat-file --batch` per tick instead of one spawn per file. */
class BatchReader {
  private pending: PendingRead[] = [];

  constructor(
    private readonly repoRoot: string,
    private readonly env: GitEnv,
  ) {}

  read(rel: string): Promise<Buffer | undefined> {
    return new Promise((resolveRead, rejectRead) => {
      if (this.pending.length === 0) setImmediate(() => this.flush());
      this.pending.push({ rel, resolve: resolveRead, reject: rejectRead });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      // `:path` names stage 0 of the index. The batch protocol is line based, so a path with
      // a newline goes through its own `git cat-file blob` instead.
      const plain = batch.filter((item) => !item.rel.includes('\n'));
      const input = plain.map((item) => `:${item.rel}\n`).join('');
      const out =
        plain.length > 0
          ? await runGit(['cat-file', '--batch'], this.repoRoot, this.env, input)
          : undefined;
      if (out && out.code !== 0) throw gitFailure('cat-file --batch', out);
      const texts = out ? parseBatch(out.stdout, plain.length) : [];
      plain.forEach((item, i) => item.resolve(texts[i]));

      for (const item of batch.filter((entry) => entry.rel.includes('\n'))) {
        const one = await runGit(['cat-file', 'blob', `:${item.rel}`], this.repoRoot, this.env);
        item.resolve(one.code === 0 ? one.stdout : undefined);
      }
    } catch (err) {
      for (const item of batch) item.reject(err);
    }
  }
}

// Reads `<oid> <type> <size>\n<content>\n` records, or `<name> missing\n` (also `ambiguous`).
function parseBatch(stdout: Buffer, count: number): (Buffer | undefined)[] {
  const texts: (Buffer | undefined)[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const eol = stdout.indexOf(0x0a, at);
    if (eol < 0) throw new GitError('GIT_FAILED', 'git cat-file --batch ended early');
    const header = stdout.subarray(at, eol).toString('utf8');
    at = eol + 1;
    const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!match) {
      texts.push(undefined);
      continue;
    }
    const size = Number(match[2]);
    texts.push(match[1] === 'blob' ? stdout.subarray(at, at + size) : undefined);
    at += size + 1;
  }
  return texts;
}

function runGit(args: string[], cwd: string, env: GitEnv, input?: string): Promise<GitOutput> {
  return new Promise((resolveRun, rejectRun) => {
    const stdin = input === undefined ? 'ignore' : 'pipe';
    const child = spawn('git', args, { cwd, env, stdio: [stdin, 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let inputError: unknown;
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (err: NodeJS.ErrnoException) => {
      const message =
        err.code === 'ENOENT' ? 'git is not installed or not on PATH' : `cannot run git in ${cwd}`;
      rejectRun(new GitError('GIT_FAILED', message, err));
    });
    child.on('close', (code) => {
      // A git that exits early breaks the pipe; its exit code and stderr tell why.
      if (code === 0 && inputError !== undefined) {
        const message = `git ${args[0]} stopped reading its input`;
        rejectRun(new GitError('GIT_FAILED', message, inputError));
        return;
      }
      resolveRun({
        code: code ?? 1,
        stdout: Buffer.concat(stdout),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
    if (child.stdin) {
      child.stdin.on('error', (err) => {
        inputError = err;
      });
      child.stdin.end(input);
    }
  });
}

function gitFailure(what: string, out: GitOutput): GitError {
  const detail =
    out.stderr
      .trim()
      .split('\n')[0]
      ?.replace(/^(fatal|error): /, '') ?? '';
  const suffix = detail ? `: ${detail}` : '';
  return new GitError('GIT_FAILED', `git ${what} failed${suffix}`, out.stderr);
}

function splitZ(stdout: Buffer): string[] {
  return stdout
    .toString('utf8')
    .split('\0')
    .filter((name) => name !== '');
}

// Paths from git are relative to the top of the work tree with `/` separators.
function toAbsolute(repoRoot: string, names: string[]): string[] {
  return names
    .filter((name) => !name.split('/').some((part) => SKIPPED_FOLDERS.has(part)))
    .map((name) => join(repoRoot, ...name.split('/')));
}

// `path` relative to the work tree top with `/` separators; '' for the top itself, undefined
// outside the repository. Tries the root as spelled, then its real path.
function repoRelative(repoRoot: string, realRoot: string, path: string): string | undefined {
  const absolute = resolve(path);
  for (const [root, candidate] of [
    [repoRoot, absolute],
    [realRoot, safeRealpath(absolute)],
  ]) {
    const rel = relative(root, candidate);
    if (rel === '') return '';
    if (!rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
  }
  return undefined;
}

// The real path when the file exists; the path itself otherwise (a file deleted in the work
// tree can still be staged).
function safeRealpath(path: string): string {
  try {
    return realpathSync.native(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return path;
    throw err;
  }
}

// git prints the resolved top; give it back with the caller's spelling of the same folder.
function spellLike(cwd: string, top: string): string {
  const realCwd = safeRealpath(cwd);
  const rel = relative(top, realCwd);
  if (rel === '') return cwd;
  if (rel.startsWith('..') || isAbsolute(rel)) return top;
  const suffix = sep + rel;
  return cwd.endsWith(suffix) ? cwd.slice(0, -suffix.length) : top;
}
