// SPDX-License-Identifier: Apache-2.0
// Neovim as a second, unrelated LSP client: its headless run of test/nvim/diagnostics.lua must
// receive from dist/server.js the same findings, on the same lines, as `sscs check` reports for
// examples/npm-demo. Needs `nvim` (Debian's neovim, installed by .ci/run) and a built dist/.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

const repo = join(__dirname, '..', '..');
const workspace = join(repo, 'examples', 'npm-demo');
const orgPolicy = join(workspace, 'org-policy.jsonc');
const files = ['package.json', 'package-lock.json'];
const severities: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

interface NvimDiagnostic {
  code: string;
  severity: number;
  source: string;
  message: string;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

interface NvimResult {
  status: string;
  message: string;
  files: Record<string, NvimDiagnostic[]>;
}

interface CliFinding {
  code: string;
  severity: string;
  message: string;
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

function runNvim(scratch: string): NvimResult {
  const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (version.error) {
    assert.fail(
      `nvim is not installed (${version.error.message}); install Debian's neovim ` +
        '(scripts/e2e/setup.sh or .ci/apt-packages.txt) to run the Neovim client test',
    );
  }

  const out = join(scratch, 'diagnostics.json');
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const dir of ['home', 'cache', 'state', 'data', 'config']) {
    mkdirSync(join(scratch, dir), { recursive: true });
  }
  Object.assign(env, {
    HOME: join(scratch, 'home'),
    XDG_CACHE_HOME: join(scratch, 'cache'),
    XDG_STATE_HOME: join(scratch, 'state'),
    XDG_DATA_HOME: join(scratch, 'data'),
    XDG_CONFIG_HOME: join(scratch, 'config'),
    SSCS_SERVER: join(repo, 'dist', 'server.js'),
    SSCS_WORKSPACE: workspace,
    SSCS_ORG_POLICY: orgPolicy,
    SSCS_OUT: out,
  });
  const script = join(repo, 'test', 'nvim', 'diagnostics.lua');
  const run = spawnSync(
    'nvim',
    ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${script}`],
    { env, encoding: 'utf8', timeout: 60_000 },
  );

  let result: NvimResult | undefined;
  try {
    result = JSON.parse(readFileSync(out, 'utf8')) as NvimResult;
  } catch (error) {
    assert.fail(`nvim wrote no result (exit ${run.status}): ${run.stderr} ${String(error)}`);
  }
  assert.equal(run.status, 0, `nvim exited ${run.status}: ${result.status} ${result.message}`);
  return result;
}

function runCli(): CliFinding[] {
  const cli = join(repo, 'dist', 'cli.js');
  const args = [cli, 'check', '.', '--format', 'json', '--fail-on', 'never'];
  const run = spawnSync(process.execPath, [...args, '--org-policy', orgPolicy], {
    cwd: workspace,
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, `sscs check exited ${run.status}: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { findings: CliFinding[] }).findings;
}

function lineOf(file: string, needle: string): number {
  const lines = readFileSync(join(workspace, file), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(needle));
  assert.ok(index >= 0, `${needle} not found in ${file}`);
  return index;
}

describe('Neovim 0.7 as an LSP client of dist/server.js', () => {
  let scratch = '';
  let nvim: NvimResult | undefined;
  let cli: CliFinding[] | undefined;
  let setupError: unknown;

  // A failed run is reported by every test below rather than by the hook, so the runner
  // counts failures instead of cancelled tests.
  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'sscs-nvim-'));
    try {
      nvim = runNvim(scratch);
      cli = runCli();
    } catch (error) {
      setupError = error;
    }
  });

  function outcome(): { result: NvimResult; findings: CliFinding[] } {
    if (setupError !== undefined) throw setupError;
    assert.ok(nvim && cli);
    return { result: nvim, findings: cli };
  }

  after(() => rmSync(scratch, { recursive: true, force: true }));

  test('denied sits on the event-stream entries of both files', () => {
    const { result } = outcome();
    const want = [
      { file: 'package.json', line: lineOf('package.json', '"event-stream"') },
      {
        file: 'package-lock.json',
        line: lineOf('package-lock.json', '"node_modules/event-stream"'),
      },
    ];
    for (const { file, line } of want) {
      const denied = result.files[file].filter((d) => d.code === 'denied').map((d) => d.line);
      assert.ok(denied.includes(line), `${file}: denied on lines ${denied}, want ${line}`);
    }
  });

  for (const file of files) {
    test(`${file}: same codes, severities, ranges and messages as sscs check`, () => {
      const { result, findings } = outcome();
      const got = result.files[file]
        .map((d) => {
          const where = `${d.line}:${d.character}-${d.endLine}:${d.endCharacter}`;
          return `${d.code} ${severities[d.severity]} ${where} ${d.source} ${d.message}`;
        })
        .sort();
      const want = findings
        .filter((f) => f.file === file)
        .map((f) => {
          const r = f.range;
          const where = `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
          return `${f.code} ${f.severity} ${where} sscs ${f.message}`;
        })
        .sort();
      assert.ok(want.length > 0, `sscs check reports nothing for ${file}`);
      assert.deepEqual(got, want);
    });
  }
});
