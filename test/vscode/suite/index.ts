// SPDX-License-Identifier: Apache-2.0
// Entry of the extension-host suite (out/test/vscode/index.js). VS Code, code-server and
// @vscode/test-electron load this module from `extensionTestsPath` and call `run()`; a
// rejection makes the host exit 1. Each test file exports a register function, called here
// after mocha has put its `describe`/`it` into place, so nothing registers by import side effect.
import Mocha from 'mocha';
import { workspace } from 'vscode';

import { registerDiagnosticsTests } from './diagnostics.test';
import { registerQuickFixTests } from './quick-fix.test';
import { registerRestrictedTests } from './restricted.test';
import { registerSignVerifyTests } from './sign-verify.test';
import { registerStatusTests } from './status.test';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'sscs-suite', mocha);

  // The runner opens the example twice: trusted for the main suite, then untrusted.
  if (workspace.isTrusted) {
    registerDiagnosticsTests();
    registerStatusTests();
    registerQuickFixTests();
    registerSignVerifyTests();
  } else {
    registerRestrictedTests();
  }

  console.log(`sscs-suite: start, ${mocha.suite.total()} tests`);
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const {
        passes,
        failures: failed,
        pending,
      } = runner.stats ?? {
        passes: 0,
        failures,
        pending: 0,
      };
      // The runners read this exact line from the host's console for their closing summary.
      console.log(`sscs-suite: ${passes} passed, ${failed} failed, ${pending} skipped`);
      if (failures > 0) reject(new Error(`${failures} extension test(s) failed`));
      else resolve();
    });
  });
}
