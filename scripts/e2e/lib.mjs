// Pieces shared by the code-server runners: the cache folder written by setup.sh, a scratch
// folder per run, a free loopback port, code-server in its own process group, and headless
// Chromium driven by playwright-core.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repo = fileURLToPath(new URL('../..', import.meta.url));
export const cache = process.env.SSCS_E2E_CACHE || join(homedir(), '.cache', 'sscs-e2e');
export const nodeBin = join(cache, 'node-v24', 'bin');
export const codeServer = join(cache, 'code-server', 'bin', 'code-server');

const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function log(message) {
  process.stdout.write(`e2e: ${message}\n`);
}

/** Fails with one sentence when setup.sh has not been run on this machine. */
export function checkInstalled() {
  const missing = [
    [join(nodeBin, 'node'), 'Node 24'],
    [codeServer, 'code-server'],
    ['/usr/bin/chromium', 'Chromium'],
  ].filter(([path]) => !existsSync(path));
  if (missing.length > 0) {
    const names = missing.map(([, name]) => name).join(', ');
    throw new Error(`${names} not found; run scripts/e2e/setup.sh first (cache: ${cache})`);
  }
}

export function run(command, args, options = {}) {
  log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: repo, stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}`);
}

/** Builds the bundles, the test suite and the .vsix; returns the .vsix path. */
export function buildAll() {
  run('npm', ['run', 'build']);
  run(process.execPath, ['scripts/e2e/bundle-suite.mjs']);
  run('npm', ['run', 'package'], { stdio: ['ignore', 'inherit', 'inherit'] });
  const version = JSON.parse(spawnSync('npm', ['pkg', 'get', 'version'], { cwd: repo }).stdout);
  const vsix = join(repo, `sscs-vscode-${version}.vsix`);
  if (!existsSync(vsix)) throw new Error(`npm run package did not write ${vsix}`);
  return vsix;
}

/**
 * A fresh scratch folder: HOME, TMPDIR, user data, extensions, the browser profile and a copy
 * of examples/npm-demo (tests edit it), with the organization policy kept outside the
 * workspace and named in the user settings, as an organization would deploy it.
 */
export function makeScratch({ trusted = true, workspaceSettings, userSettings } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'sscs-e2e-'));
  const dirs = {};
  for (const name of ['home', 'tmp', 'user-data', 'extensions', 'browser', 'org']) {
    dirs[name] = join(root, name);
    mkdirSync(dirs[name], { recursive: true });
  }
  const workspace = join(root, 'npm-demo');
  cpSync(join(repo, 'examples', 'npm-demo'), workspace, { recursive: true });
  const orgPolicy = join(dirs.org, 'org-policy.jsonc');
  cpSync(join(workspace, 'org-policy.jsonc'), orgPolicy);

  const settings = {
    'sscs.policy.organization': orgPolicy,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'update.mode': 'none',
    // Untrusted runs open the folder in restricted mode without asking.
    'security.workspace.trust.enabled': !trusted,
    'security.workspace.trust.startupPrompt': 'never',
    ...userSettings,
  };
  if (workspaceSettings) {
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify(workspaceSettings));
  }
  // code-server windows are remote ones: settings scoped `machine`/`machine-overridable` (the
  // organization policy is one) count only from the Machine settings, so both files get them.
  for (const scope of ['User', 'Machine']) {
    mkdirSync(join(dirs['user-data'], scope), { recursive: true });
    writeFileSync(join(dirs['user-data'], scope, 'settings.json'), JSON.stringify(settings));
  }
  return { root, workspace, orgPolicy, trusted, ...dirs };
}

export function scratchEnv(scratch) {
  return {
    ...process.env,
    HOME: scratch.home,
    TMPDIR: scratch.tmp,
    PATH: `${nodeBin}:${process.env.PATH}`,
    npm_config_cache: join(scratch.root, 'npm-cache'),
  };
}

export function installVsix(scratch, vsix) {
  run(
    join(nodeBin, 'node'),
    [
      codeServer,
      '--user-data-dir',
      scratch['user-data'],
      '--extensions-dir',
      scratch.extensions,
      '--install-extension',
      vsix,
    ],
    { env: scratchEnv(scratch), stdio: ['ignore', 'inherit', 'inherit'] },
  );
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server in its own process group and resolves once it prints that it listens.
 * Returns the child and a stop function that ends the whole group (the extension host
 * otherwise outlives the server).
 */
export async function startCodeServer(scratch, port, { smokeDriver = true } = {}) {
  const timeoutMs = 60_000;
  const args = [
    codeServer,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--user-data-dir',
    scratch['user-data'],
    '--extensions-dir',
    scratch.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    ...(scratch.trusted ? ['--disable-workspace-trust'] : []),
    ...(smokeDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    scratch.workspace,
  ];
  const child = spawn(join(nodeBin, 'node'), args, {
    env: scratchEnv(scratch),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = [];
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch (error) {
      if (error.code !== 'ESRCH') throw error;
    }
    await exited;
  };

  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`code-server did not listen within ${timeoutMs} ms:\n${output.join('')}`));
    }, timeoutMs);
    const onData = (chunk) => {
      output.push(chunk.toString());
      if (/HTTP server listening on/.test(output.join(''))) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited ${code} before listening:\n${output.join('')}`));
    });
  });
  return { child, stop, output };
}

export async function launchBrowser(scratch) {
  return chromium.launchPersistentContext(scratch.browser, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: chromiumFlags,
    viewport: { width: 1440, height: 900 },
  });
}
