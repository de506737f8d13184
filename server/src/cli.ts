// SPDX-License-Identifier: Apache-2.0
// Entry point of dist/cli.js.
import { runCli } from './cli/main';
import { terminalSecretPrompt } from './cli/prompt';

const io = {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text: string) => process.stdout.write(text),
  stderr: (text: string) => process.stderr.write(text),
  isTty: Boolean(process.stdout.isTTY),
  stderrIsTty: Boolean(process.stderr.isTTY),
  promptSecret: terminalSecretPrompt(),
};

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`sscs: ${String(err)}\n`);
    process.exitCode = 2;
  },
);
