// `npm run test:vscode`: the extension-host suite in desktop VS Code through
// @vscode/test-electron, for machines that can download VS Code (or have it: set
// VSCODE_EXECUTABLE to its binary). Where the download cannot happen it stops with one
// sentence instead of hanging; `npm run test:e2e` runs the same suite in code-server.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const downloadMs = Number(process.env.SSCS_VSCODE_DOWNLOAD_TIMEOUT_MS || 120_000);

function fail(sentence) {
  process.stderr.write(`test:vscode: ${sentence}\n`);
  process.stdout.write('0 passed, 1 failed\n');
  process.exit(1);
}

function build() {
  for (const args of [
    ['run', 'build'],
    ['exec', '--', 'node', 'scripts/e2e/bundle-suite.mjs'],
  ]) {
    const result = spawnSync('npm', args, { cwd: repo, stdio: 'inherit' });
    if (result.status !== 0) fail(`npm ${args.join(' ')} exited ${result.status}.`);
  }
}

// Same layout as the code-server runner: a copy of the example and the organization policy
// outside it, named in the user settings of a fresh user-data-dir.
function makeScratch() {
  const root = mkdtempSync(join(tmpdir(), 'sscs-vscode-'));
  const workspace = join(root, 'npm-demo');
  cpSync(join(repo, 'examples', 'npm-demo'), workspace, { recursive: true });
  const orgPolicy = join(root, 'org-policy.jsonc');
  cpSync(join(workspace, 'org-policy.jsonc'), orgPolicy);
  const userData = join(root, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  const settings = { 'sscs.policy.organization': orgPolicy, 'workbench.startupEditor': 'none' };
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(settings));
  return { workspace, userData };
}

async function main() {
  build();
  const scratch = makeScratch();
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), downloadMs);
  });

  try {
    const code = await Promise.race([
      runTests({
        extensionDevelopmentPath: repo,
        extensionTestsPath: join(repo, 'out', 'test', 'vscode', 'index.js'),
        vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
        launchArgs: [
          scratch.workspace,
          '--user-data-dir',
          scratch.userData,
          '--disable-extensions',
          '--disable-workspace-trust',
        ],
      }),
      timeout,
    ]);
    clearTimeout(timer);
    return code;
  } catch (error) {
    clearTimeout(timer);
    const reason = error instanceof Error ? error.message : String(error);
    fail(
      'VS Code could not be downloaded or started here' +
        ` (${reason.split('\n')[0]}); run \`npm run test:e2e\` (code-server) instead, or set` +
        ' VSCODE_EXECUTABLE to a local VS Code binary.',
    );
  }
}

main().then((code) => process.exit(code));
