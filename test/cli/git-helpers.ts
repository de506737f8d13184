// SPDX-License-Identifier: Apache-2.0
// Temporary git repositories for tests: isolated from the user's git config and from any
// GIT_* variables of a surrounding hook, with an identity so commits work anywhere.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import type { SpawnSyncReturns } from 'node:child_process';

export interface TempRepo {
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Runs git in the repository and returns stdout; throws when git fails. */
  git(...args: string[]): string;
  /** Runs git and returns the whole result, for commands expected to fail. */
  tryGit(...args: string[]): SpawnSyncReturns<string>;
  write(rel: string, text: string): string;
  cleanup(): void;
}

/** An empty folder outside any repository, with a home of its own. */
export function makeTempDir(prefix: string): {
  dir: string;
  env: NodeJS.ProcessEnv;
  cleanup: () => void;
} {
  const base = realpathSync(mkdtempSync(join(tmpdir(), `sscs-${prefix}-`)));
  const home = join(base, 'home');
  const dir = join(base, 'work');
  mkdirSync(home);
  mkdirSync(dir);
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('GIT_') && key !== 'SSCS_BIN') env[key] = value;
  }
  Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CEILING_DIRECTORIES: base,
    GIT_AUTHOR_NAME: 'Test Author',
    GIT_AUTHOR_EMAIL: 'author@example.com',
    GIT_COMMITTER_NAME: 'Test Committer',
    GIT_COMMITTER_EMAIL: 'committer@example.com',
  });
  return { dir, env, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

export function makeRepo(prefix: string): TempRepo {
  const { dir, env, cleanup } = makeTempDir(prefix);
  const tryGit = (...args: string[]) => spawnSync('git', args, { cwd: dir, env, encoding: 'utf8' });
  const git = (...args: string[]) => {
    const out = tryGit(...args);
    if (out.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${out.stderr}`);
    return out.stdout;
  };
  git('-c', 'init.defaultBranch=main', 'init', '-q');
  return {
    dir,
    env,
    git,
    tryGit,
    write(rel, text) {
      const path = join(dir, rel);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      return path;
    },
    cleanup,
  };
}
