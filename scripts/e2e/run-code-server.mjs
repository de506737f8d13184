// `npm run test:e2e`: runs the extension-host suite (test/vscode/suite) inside code-server's
// real workbench and extension host, driven by headless Chromium. It builds the bundles and
// the .vsix, unpacks the .vsix as the extension under test (so the suite checks what ships),
// and exits with the suite's code after a closing `N passed, N failed` line.
//   --no-build       reuse dist/, out/test/vscode/ and the .vsix already built
//   --screenshots    instead of the suite, write docs/images/*.png (see screenshots.mjs)
//   --keep           keep the scratch folder even when the run passes
import { createWriteStream, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { format } from 'node:util';

import {
  buildAll,
  checkInstalled,
  freePort,
  launchBrowser,
  log,
  makeScratch,
  repo,
  startCodeServer,
} from './lib.mjs';
import { takeScreenshots } from './screenshots.mjs';

const overallMs = Number(process.env.SSCS_E2E_TIMEOUT_MS || 180_000);
const argv = new Set(process.argv.slice(2));

function existingVsix() {
  const version = JSON.parse(spawnSync('npm', ['pkg', 'get', 'version'], { cwd: repo }).stdout);
  return join(repo, `sscs-vscode-${version}.vsix`);
}

// Unpacks the .vsix so the suite runs against the packaged files, not the work tree.
function unpackVsix(vsix, into) {
  const result = spawnSync('unzip', ['-q', vsix, 'extension/*', '-d', into], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`unzip ${vsix} failed`);
  return join(into, 'extension');
}

function summaryFrom(lines) {
  for (const line of lines) {
    const match = /sscs-suite: (\d+) passed, (\d+) failed/.exec(line);
    if (match) return { passed: Number(match[1]), failed: Number(match[2]) };
  }
  return undefined;
}

async function runSuite(scratch, vsix) {
  const extensionDir = unpackVsix(vsix, scratch.root);
  const port = await freePort();
  const server = await startCodeServer(scratch, port);
  log(`code-server listening on 127.0.0.1:${port}, scratch ${scratch.root}`);
  const context = await launchBrowser(scratch);
  const lines = [];

  try {
    const page = context.pages()[0] ?? (await context.newPage());
    let reportExit;
    const exitCode = new Promise((resolve) => {
      reportExit = resolve;
    });
    await page.exposeFunction('codeAutomationExit', (code) => reportExit(Number(code)));
    // The host's console arrives here, the workbench's own noise included (marketplace,
    // telemetry and sign-in errors are expected offline): all of it goes to host.log; stdout
    // gets the suite's report, from its start line on, minus the workbench's tagged lines.
    const hostLog = createWriteStream(join(scratch.root, 'host.log'));
    let started = false;
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      lines.push(text);
      hostLog.write(`[${type}] ${text}\n`);
      started ||= text.startsWith('sscs-suite: start');
      if (started && !/^\[[\w.-]+\]/.test(text)) process.stdout.write(`${text}\n`);
    });

    const remote = `vscode-remote://127.0.0.1:${port}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', `${remote}${extensionDir}`],
      ['extensionTestsPath', `${remote}${join(repo, 'out', 'test', 'vscode', 'index.js')}`],
    ]);
    const url =
      `http://127.0.0.1:${port}/?folder=${encodeURIComponent(scratch.workspace)}` +
      `&payload=${encodeURIComponent(payload)}`;

    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), overallMs);
    });
    await page.goto(url);
    const outcome = await Promise.race([exitCode, timeout]);
    clearTimeout(timer);

    if (outcome === 'timeout') {
      await page.screenshot({ path: join(scratch.root, 'timeout.png') });
      log(`the suite did not finish within ${overallMs} ms; see ${scratch.root}/timeout.png`);
      process.stdout.write(server.output.join('').slice(-4000));
      return { code: 1, summary: summaryFrom(lines) };
    }
    return { code: outcome, summary: summaryFrom(lines) };
  } finally {
    await context.close();
    await server.stop();
  }
}

// Pass one opens the example trusted (the main suite); pass two opens it in restricted mode,
// with a workspace setting that tries to swap the organization policy for a lax one.
const passes = [
  { name: 'trusted', options: { trusted: true } },
  {
    name: 'restricted',
    options: {
      trusted: false,
      workspaceSettings: { 'sscs.policy.organization': 'lax-policy.jsonc' },
    },
    laxPolicy: true,
  },
];

async function runPass(pass, vsix) {
  const scratch = makeScratch(pass.options);
  if (pass.laxPolicy) {
    writeFileSync(
      join(scratch.workspace, 'lax-policy.jsonc'),
      JSON.stringify({ version: 1, mode: 'advisory', defaultAction: 'allow', rules: [] }),
    );
  }
  log(`pass "${pass.name}"`);
  const { code, summary } = await runSuite(scratch, vsix);
  if (code === 0 && !argv.has('--keep')) rmSync(scratch.root, { recursive: true, force: true });
  else log(`scratch folder kept: ${scratch.root}`);
  const counts = summary ?? { passed: 0, failed: 1 };
  return { ok: code === 0 && counts.failed === 0, ...counts };
}

async function main() {
  checkInstalled();
  const vsix = argv.has('--no-build') ? existingVsix() : buildAll();

  if (argv.has('--screenshots')) {
    await takeScreenshots(vsix);
    return 0;
  }

  const total = { ok: true, passed: 0, failed: 0 };
  for (const pass of passes) {
    const result = await runPass(pass, vsix);
    total.ok &&= result.ok;
    total.passed += result.passed;
    total.failed += result.failed;
  }
  if (!total.ok && total.failed === 0) total.failed = 1;
  process.stdout.write(`${total.passed} passed, ${total.failed} failed\n`);
  return total.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`e2e: ${error instanceof Error ? error.message : String(error)}\n`);
    process.stdout.write('0 passed, 1 failed\n');
    process.exit(1);
  },
);
