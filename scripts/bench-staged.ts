// SPDX-License-Identifier: Apache-2.0
// `sscs check --staged` on a git repository holding every real lockfile of test/fixtures, all
// staged: the whole process (git index reads included) and the analysis the CLI reports.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

export async function benchStaged(): Promise<{ name: string; value: string }[]> {
  const repo = mkdtempSync(join(tmpdir(), 'sscs-bench-staged-'));
  cpSync(resolve(ROOT, 'test/fixtures/lockfiles/real'), repo, { recursive: true });
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  spawnSync('git', ['init', '-q'], { cwd: repo, env });
  spawnSync('git', ['add', '-A'], { cwd: repo, env });

  const cli = resolve(ROOT, 'dist/cli.js');
  const policy = resolve(ROOT, 'bench/org-policy.jsonc');
  const args = [cli, 'check', '--staged', '--org-policy', policy, '--format', 'json'];
  const samples: number[] = [];
  let files = 0;
  let packages = 0;
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    const run = spawnSync(process.execPath, args, { cwd: repo, env, encoding: 'utf8' });
    samples.push(performance.now() - start);
    const report = JSON.parse(run.stdout) as { summary: { files: number; packages: number } };
    files = report.summary.files;
    packages = report.summary.packages;
  }
  samples.sort((a, b) => a - b);
  return [
    { name: 'staged files analyzed', value: String(files) },
    { name: 'distinct packages', value: String(packages) },
    { name: 'sscs check --staged, whole process, median ms', value: samples[3].toFixed(0) },
    { name: 'sscs check --staged, whole process, min ms', value: samples[0].toFixed(0) },
  ];
}

// Run standalone with tsx; when bundled into out/bench.js only the export is used.
if (process.argv[1]?.endsWith('.ts') && require.main === module) {
  benchStaged().then(
    (rows) => rows.forEach((row) => process.stdout.write(`${row.name}: ${row.value}\n`)),
    (err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
