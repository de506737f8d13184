// SPDX-License-Identifier: Apache-2.0
// Reads a passphrase from the terminal without echoing it, as cosign does.
import { createInterface } from 'node:readline';

import type { Writable } from 'node:stream';

/** A no-echo prompt on stdin/stderr, or undefined when stdin is not a terminal. */
export function terminalSecretPrompt(): ((question: string) => Promise<string>) | undefined {
  if (!process.stdin.isTTY) return undefined;
  return (question) =>
    new Promise((resolve) => {
      let muted = false;
      // Writes of the typed characters go nowhere once the question is out.
      const output: Pick<Writable, 'write'> = {
        write: (chunk: string | Uint8Array) => (muted ? true : process.stderr.write(chunk)),
      };
      const rl = createInterface({
        input: process.stdin,
        output: output as Writable,
        terminal: true,
      });
      rl.question(question, (answer) => {
        rl.close();
        process.stderr.write('\n');
        resolve(answer);
      });
      muted = true;
    });
}
