// SPDX-License-Identifier: Apache-2.0
import assert from 'node:assert/strict';
import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, describe, test } from 'node:test';

import {
  GitError,
  changedSincePaths,
  createIndexSource,
  findRepoRoot,
  hooksDir,
  stagedPaths,
} from '../../server/src/cli/git-source';
import { makeRepo, makeTempDir } from './git-helpers';

import type { TempRepo } from './git-helpers';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

function newRepo(): TempRepo {
  repo = makeRepo('git-source');
  return repo;
}

describe('createIndexSource', () => {
  test('reads the staged content, not the working tree or HEAD', async () => {
    const r = newRepo();
    r.write('package.json', '{"v":1}\n');
    r.git('add', '.');
    r.git('commit', '-q', '-m', 'one');
    r.write('package.json', '{"v":2}\n');
    r.git('add', 'package.json');
    r.write('package.json', '{"v":3}\n');
    r.write('untracked.json', '{}\n');

    const source = createIndexSource(r.dir, r.env);
    const texts = await Promise.all([
      source.read(join(r.dir, 'package.json')),
      source.read(join(r.dir, 'untracked.json')),
      source.read(join(r.dir, '..', 'outside.json')),
    ]);

    assert.deepEqual(texts, ['{"v":2}\n', undefined, undefined]);
  });

  test('lists staged regular files only, skipping vendored folders', async () => {
    const r = newRepo();
    r.write('package.json', '{}\n');
    r.write('dir with space/é/package-lock.json', '{}\n');
    r.write('node_modules/a/package.json', '{}\n');
    r.write('vendor/b/package.json', '{}\n');
    symlinkSync('package.json', join(r.dir, 'link.json'));
    r.git('add', '-f', '.');
    r.write('new.json', '{}\n');

    const source = createIndexSource(r.dir, r.env);

    assert.deepEqual(await source.list(r.dir), [
      join(r.dir, 'dir with space/é/package-lock.json'),
      join(r.dir, 'package.json'),
    ]);
    assert.deepEqual(await source.list(join(r.dir, 'dir with space')), [
      join(r.dir, 'dir with space/é/package-lock.json'),
    ]);
    const nested = join(r.dir, 'dir with space/é/package-lock.json');
    assert.deepEqual(await source.read(nested), '{}\n');
  });

  test('a file deleted from the working tree is still read from the index', async () => {
    const r = newRepo();
    const path = r.write('sub/package.json', '{"staged":true}\n');
    r.git('add', '.');
    rmSync(join(r.dir, 'sub'), { recursive: true });

    const source = createIndexSource(r.dir, r.env);

    assert.deepEqual(
      [await source.list(r.dir), await source.read(path)],
      [[path], '{"staged":true}\n'],
    );
  });

  // Pins the Limit in git-source.ts: unmerged paths have no stage-0 entry.
  test('Limit: a path with merge conflicts is neither listed nor read', async () => {
    const r = newRepo();
    r.write('package.json', '{"v":"base"}\n');
    r.write('other.json', '{}\n');
    r.git('add', '.');
    r.git('commit', '-q', '-m', 'base');
    r.git('checkout', '-q', '-b', 'topic');
    r.write('package.json', '{"v":"topic"}\n');
    r.git('commit', '-q', '-am', 'topic');
    r.git('checkout', '-q', 'main');
    r.write('package.json', '{"v":"main"}\n');
    r.git('commit', '-q', '-am', 'main');
    assert.notEqual(r.tryGit('merge', '-q', 'topic').status, 0);

    const source = createIndexSource(r.dir, r.env);

    assert.deepEqual(
      [await source.list(r.dir), await source.read(join(r.dir, 'package.json'))],
      [[join(r.dir, 'other.json')], undefined],
    );
  });
});

describe('stagedPaths', () => {
  test('lists added, modified and renamed files but not deleted or unstaged ones', async () => {
    const r = newRepo();
    r.write('a.json', '1\n');
    r.write('c.json', '1\n');
    r.write('d.json', 'same content for rename\n');
    r.write('e.json', '1\n');
    r.git('add', '.');
    r.git('commit', '-q', '-m', 'one');
    r.write('a.json', '2\n');
    r.write('b.json', '1\n');
    r.git('add', 'a.json', 'b.json');
    r.git('rm', '-q', 'c.json');
    r.git('mv', 'd.json', 'renamed.json');
    r.write('e.json', 'unstaged\n');
    r.write('node_modules/x/package.json', '{}\n');
    r.git('add', '-f', 'node_modules');

    assert.deepEqual(await stagedPaths(r.dir, r.env), [
      join(r.dir, 'a.json'),
      join(r.dir, 'b.json'),
      join(r.dir, 'renamed.json'),
    ]);
  });

  test('works before the first commit', async () => {
    const r = newRepo();
    r.write('package.json', '{}\n');
    r.git('add', '.');

    assert.deepEqual(await stagedPaths(r.dir, r.env), [join(r.dir, 'package.json')]);
  });
});

describe('changedSincePaths', () => {
  function branchedRepo(): TempRepo {
    const r = newRepo();
    r.write('base.json', '1\n');
    r.write('edited.json', '1\n');
    r.write('gone.json', '1\n');
    r.git('add', '.');
    r.git('commit', '-q', '-m', 'base');
    r.git('checkout', '-q', '-b', 'feature');
    r.write('committed.json', '1\n');
    r.git('rm', '-q', 'gone.json');
    r.git('add', '.');
    r.git('commit', '-q', '-m', 'feature');
    r.git('checkout', '-q', 'main');
    r.write('main-only.json', '1\n');
    r.git('add', '.');
    r.git('commit', '-q', '-m', 'main moves on');
    r.git('checkout', '-q', 'feature');
    r.write('edited.json', 'local edit\n');
    r.write('untracked.json', '1\n');
    r.write('.gitignore', 'ignored.json\n');
    r.write('ignored.json', '1\n');
    return r;
  }

  test('lists what the branch changed since the merge base, plus local edits', async () => {
    const r = branchedRepo();

    assert.deepEqual(await changedSincePaths(r.dir, 'main', r.env), [
      join(r.dir, '.gitignore'),
      join(r.dir, 'committed.json'),
      join(r.dir, 'edited.json'),
      join(r.dir, 'untracked.json'),
    ]);
  });

  const errors = [
    { name: 'an unknown ref', ref: 'no-such-branch', code: 'UNKNOWN_REF' },
    { name: 'a ref that looks like an option', ref: '--output=x', code: 'UNKNOWN_REF' },
  ];
  for (const row of errors) {
    test(`rejects ${row.name}`, async () => {
      const r = branchedRepo();
      await assert.rejects(changedSincePaths(r.dir, row.ref, r.env), (err: unknown) => {
        assert.ok(err instanceof GitError);
        assert.equal(err.code, row.code);
        return true;
      });
    });
  }

  test('says when the histories share no commit', async () => {
    const r = branchedRepo();
    r.git('checkout', '-q', '--orphan', 'unrelated');
    r.git('commit', '-q', '-m', 'orphan');

    await assert.rejects(changedSincePaths(r.dir, 'main', r.env), (err: unknown) => {
      assert.ok(err instanceof GitError);
      assert.deepEqual(
        [err.code, err.message],
        [
          'NO_MERGE_BASE',
          "'main' and HEAD share no commit; " +
            'fetch more history in a shallow clone (GIT_DEPTH: 0 on GitLab)',
        ],
      );
      return true;
    });
  });
});

describe('findRepoRoot and hooksDir', () => {
  test('finds the top of the work tree from a subfolder', async () => {
    const r = newRepo();
    const sub = join(r.dir, 'a', 'b');
    r.write('a/b/file.txt', 'x');

    assert.equal(await findRepoRoot(sub, r.env), r.dir);
  });

  test('hooksDir follows core.hooksPath relative to the work tree top', async () => {
    const r = newRepo();
    const before = await hooksDir(r.dir, r.env);
    r.git('config', 'core.hooksPath', '.githooks');

    assert.deepEqual(
      [before, await hooksDir(r.dir, r.env)],
      [join(r.dir, '.git', 'hooks'), join(r.dir, '.githooks')],
    );
  });

  test('outside a repository it throws a GitError naming the folder', async () => {
    const { dir, env, cleanup } = makeTempDir('not-a-repo');
    after(cleanup);

    await assert.rejects(findRepoRoot(dir, env), (err: unknown) => {
      assert.ok(err instanceof GitError);
      assert.deepEqual(
        [err.code, err.message],
        ['NOT_A_REPOSITORY', `${dir} is not inside a git work tree`],
      );
      return true;
    });
  });
});
