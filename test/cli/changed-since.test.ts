// SPDX-License-Identifier: Apache-2.0
// `sscs check --changed-since REF` for merge-request pipelines: only what changed since the
// merge base with REF is analyzed, read from the working tree.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { makeRepo } from './git-helpers';

import type { TempRepo } from './git-helpers';

const CLI = resolve(__dirname, '..', '..', 'dist', 'cli.js');
const POLICY = JSON.stringify({
  version: 1,
  rules: [{ id: 'no-es', action: 'deny', package: 'pkg:npm/event-stream', versions: '3.3.6' }],
});

function manifest(version: string): string {
  return `${JSON.stringify({ name: 'app', dependencies: { 'event-stream': version } }, null, 2)}\n`;
}

describe('sscs check --changed-since', () => {
  let repo: TempRepo;

  before(() => {
    repo = makeRepo('changed-since');
    repo.write('.sscs/policy.jsonc', POLICY);
    // An old denial on main, in a project the branch does not touch.
    repo.write('legacy/package.json', manifest('3.3.6'));
    repo.write('app/package.json', manifest('3.3.4'));
    repo.git('add', '.');
    repo.git('commit', '-q', '-m', 'base');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('app/package.json', manifest('3.3.6'));
    repo.git('commit', '-q', '-am', 'bump event-stream');
  });
  after(() => repo.cleanup());

  function check(...args: string[]) {
    return spawnSync(process.execPath, [CLI, 'check', ...args], {
      cwd: repo.dir,
      env: repo.env,
      encoding: 'utf8',
    });
  }

  test('reports what the branch changed, not the rest of the repository', () => {
    const run = check('--changed-since', 'main', '--format', 'json');
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as {
      findings: { code: string; file: string; range: { start: { line: number } } }[];
      summary: { files: number };
    };
    assert.deepEqual(
      report.findings.map((f) => [f.code, f.file, f.range.start.line]),
      [['denied', 'app/package.json', 3]],
    );
    assert.equal(report.summary.files, 1);
  });

  test('nothing changed since the branch point: nothing to report, exit 0', () => {
    const run = check('--changed-since', 'feature');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      run.stdout,
      '0 problems (0 errors, 0 warnings, 0 infos) in 0 files, 0 packages.\n',
    );
  });

  test('an unknown ref and a combination with --staged are usage failures', () => {
    const unknown = check('--changed-since', 'no-such-branch');
    assert.equal(unknown.status, 2);
    assert.equal(unknown.stderr, "sscs: git cannot resolve the revision 'no-such-branch'.\n");
    const both = check('--staged', '--changed-since', 'main');
    assert.equal(both.status, 2);
    assert.equal(
      both.stderr,
      'sscs: usage: --staged and --changed-since cannot be used together.\n',
    );
  });
});
