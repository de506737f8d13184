// `npm run test:e2e -- --screenshots`: opens the workbench as a user would, with the .vsix
// installed into a fresh extensions folder, drives it with keyboard shortcuts and writes
// docs/images/*.png: the Problems view, a hover, the quick fix menu and a verification
// notification. Every step waits for the element it needs; a missing one fails the run.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  freePort,
  installVsix,
  launchBrowser,
  log,
  makeScratch,
  repo,
  startCodeServer,
} from './lib.mjs';

const images = join(repo, 'docs', 'images');
const stepMs = 30_000;

// A key pair and a file signed with the CLI, so the verify command finds the bundle by name.
function prepareSignedFile(workspace) {
  const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const keyDir = join(workspace, 'keys');
  mkdirSync(keyDir);
  const privateKey = pair.privateKey.export({ type: 'pkcs8', format: 'pem' });
  writeFileSync(join(keyDir, 'release.key'), privateKey);
  const publicKey = pair.publicKey.export({ type: 'spki', format: 'pem' });
  writeFileSync(join(keyDir, 'release.pub'), publicKey);
  writeFileSync(join(workspace, 'release.txt'), 'sscs demo release\n');
  const cli = join(repo, 'dist', 'cli.js');
  const signed = spawnSync(
    process.execPath,
    [cli, 'sign', 'release.txt', '--key', join(keyDir, 'release.key')],
    { cwd: workspace, encoding: 'utf8' },
  );
  if (signed.status !== 0) throw new Error(`sscs sign failed: ${signed.stderr}`);
  return join(keyDir, 'release.pub');
}

function lineOf(file, needle) {
  const index = readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`${needle} not found in ${file}`);
  return index + 1;
}

async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: stepMs });
  await page.keyboard.type(name);
  // Pick the row named exactly `name`: package.json also matches package-lock.json.
  const exact = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const label = page.locator('.label-name', { hasText: exact });
  await page.locator('.quick-input-list .monaco-list-row').filter({ has: label }).first().click();
  await page.locator(`.tab.active[aria-label^="${name}"]`).waitFor({ timeout: stepMs });
}

async function goTo(page, line, column) {
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: stepMs });
  await page.keyboard.type(`${line}:${column}`);
  // Enter counts only once the picker has read the line number.
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: `line ${line} ` });
  await row.first().waitFor({ timeout: stepMs });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: stepMs });
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: stepMs });
  await page.keyboard.type(title);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: title })
    .first()
    .waitFor({ timeout: stepMs });
  await page.keyboard.press('Enter');
}

async function shoot(page, name) {
  const path = join(images, `${name}.png`);
  await page.screenshot({ path });
  log(`wrote ${path}`);
}

async function capture(page, scratch, publicKey) {
  const lockfile = join(scratch.workspace, 'package-lock.json');
  const manifest = join(scratch.workspace, 'package.json');
  await page.locator('.monaco-workbench').waitFor({ timeout: stepMs });

  await openFile(page, 'package-lock.json');
  await page.keyboard.press('Control+Shift+M');
  const rows = page.locator('.markers-panel .monaco-list-row');
  await rows.filter({ hasText: 'event-stream' }).first().waitFor({ timeout: stepMs });
  await shoot(page, 'problems');

  await page.locator('.editor-instance .monaco-editor').first().click();
  await goTo(page, lineOf(lockfile, '"node_modules/event-stream"'), 8);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  await page.locator('.monaco-hover', { hasText: 'event-stream' }).waitFor({ timeout: stepMs });
  await shoot(page, 'hover');
  await page.keyboard.press('Escape');

  await openFile(page, 'package.json');
  await goTo(page, lineOf(manifest, '"event-stream"'), 8);
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget', { hasText: 'Remove event-stream' }).first();
  await menu.waitFor({ state: 'visible', timeout: stepMs });
  await shoot(page, 'quick-fix');
  await page.keyboard.press('Escape');

  await openFile(page, 'release.txt');
  await page.keyboard.press('Control+J');
  await page.locator('.part.panel').waitFor({ state: 'hidden', timeout: stepMs });
  await runCommand(page, 'Verify File');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Public key' }).click();
  // code-server's own file dialog is a quick input taking a path. It fills in the folder once
  // its listing is shown; typing before that would be overwritten.
  const dialog = page.locator('.quick-input-widget', { hasText: 'Public key' });
  await dialog.locator('.monaco-list-row', { hasText: '..' }).first().waitFor({ timeout: stepMs });
  const input = dialog.locator('input');
  await input.fill(publicKey);
  await dialog.locator('.monaco-list-row', { hasText: 'release.pub' }).first().waitFor({
    timeout: stepMs,
  });
  await page.keyboard.press('Enter');
  const toast = page.locator('.notification-toast', { hasText: 'Verified' });
  await toast.waitFor({ timeout: stepMs });
  // Toasts fade in: shoot once the transition has ended.
  await toast.evaluate((element) =>
    Promise.all(element.getAnimations({ subtree: true }).map((a) => a.finished)),
  );
  await page.waitForFunction(
    (element) => getComputedStyle(element).opacity === '1',
    await toast.elementHandle(),
    { timeout: stepMs },
  );
  await shoot(page, 'verify-notification');
}

/** Writes docs/images/*.png from a real workbench; throws when a step's element never shows. */
export async function takeScreenshots(vsix) {
  mkdirSync(images, { recursive: true });
  const scratch = makeScratch({
    userSettings: {
      'chat.disableAIFeatures': true,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
    },
  });
  const publicKey = prepareSignedFile(scratch.workspace);
  installVsix(scratch, vsix);
  const port = await freePort();
  const server = await startCodeServer(scratch, port, { smokeDriver: false });
  const context = await launchBrowser(scratch);

  let done = false;
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(scratch.workspace)}`);
    await capture(page, scratch, publicKey);
    done = true;
  } catch (error) {
    const page = context.pages()[0];
    if (page) await page.screenshot({ path: join(scratch.root, 'failed.png') });
    log(`screenshots failed; the page at that moment: ${join(scratch.root, 'failed.png')}`);
    throw error;
  } finally {
    await context.close();
    await server.stop();
    if (done) rmSync(scratch.root, { recursive: true, force: true });
  }
}
