// Bundles the extension-host suite (test/vscode/suite) into out/test/vscode/index.js, the
// module given to VS Code as `extensionTestsPath`. `vscode` is provided by the host and mocha is
// loaded from the repository's node_modules at run time.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['test/vscode/suite/index.ts'],
  outfile: 'out/test/vscode/index.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
