// Runs every test/**/*.test.ts file with node:test through the tsx loader. Node 20's --test
// takes no globs, so the file list is gathered here. Pass a substring to run a subset.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const filter = process.argv[2] ?? '';
const skip = new Set(['fixtures', 'vscode', 'e2e']);

function collect(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (!skip.has(name)) out.push(...collect(path));
    } else if (name.endsWith('.test.ts') && path.includes(filter)) {
      out.push(path);
    }
  }
  return out;
}

const files = collect('test');
// Tests never reach the internet: SSCS_OFFLINE keeps `sscs verify` on the shipped Sigstore
// root instead of a TUF refresh; the TUF test points SSCS_TUF_MIRROR at loopback itself.
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...files], {
  stdio: 'inherit',
  env: { ...process.env, SSCS_OFFLINE: '1' },
});
process.exit(result.status ?? 1);
