#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
// A sigstore-conformance client: translates the harness's `verify-bundle` and `sign-bundle`
// invocations (docs/cli_protocol.md of sigstore-conformance) into `sscs verify` and
// `sscs sign` runs of the built CLI, and exits with the CLI's exit code.
// The CLI is dist/cli.js of this repository, or the file named by SSCS_CLI.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const cli = process.env.SSCS_CLI ?? resolve(here, '../../dist/cli.js');

const [subcommand, ...rest] = process.argv.slice(2);
const { values, positionals } = parseArgs({
  args: rest,
  allowPositionals: true,
  options: {
    staging: { type: 'boolean' },
    'in-toto': { type: 'boolean' },
    bundle: { type: 'string' },
    'certificate-identity': { type: 'string' },
    'certificate-oidc-issuer': { type: 'string' },
    key: { type: 'string' },
    'trusted-root': { type: 'string' },
    'signing-config': { type: 'string' },
    'identity-token': { type: 'string' },
  },
});

if (values.staging && !values['trusted-root']) {
  process.stderr.write(
    'sscs-conformance: --staging needs --trusted-root (no staging root ships)\n',
  );
  process.exit(2);
}

const args = [];
if (subcommand === 'verify-bundle') {
  args.push('verify', positionals[0] ?? '', '--bundle', values.bundle ?? '');
  if (values.key) {
    args.push('--key', values.key);
  } else {
    args.push('--certificate-identity', values['certificate-identity'] ?? '');
    args.push('--certificate-oidc-issuer', values['certificate-oidc-issuer'] ?? '');
  }
  if (values['trusted-root']) args.push('--trusted-root', values['trusted-root']);
} else if (subcommand === 'sign-bundle' && !values['in-toto']) {
  args.push('sign', positionals[0] ?? '', '--keyless', '--bundle', values.bundle ?? '');
  args.push('--identity-token', values['identity-token'] ?? '');
  if (values['signing-config']) args.push('--signing-config', values['signing-config']);
} else {
  process.stderr.write(`sscs-conformance: unsupported invocation '${subcommand ?? ''}'\n`);
  process.exit(2);
}

const run = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' });
process.exit(run.status ?? 2);
