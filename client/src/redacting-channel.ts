// SPDX-License-Identifier: Apache-2.0
// The channel LSP traces go to. With `sscs.trace.server: verbose` the client logs request
// params, and sscs/sign carries a key passphrase or an OIDC token: those values are replaced
// before anything reaches the channel.
import type { OutputChannel } from 'vscode';

const SECRET = /("(?:passphrase|identityToken|password|token)"\s*:\s*)"(?:[^"\\]|\\.)*"/g;

/** `text` with the values of secret-bearing JSON properties replaced. */
export function redactSecrets(text: string): string {
  return text.replace(SECRET, '$1"[redacted]"');
}

/** An OutputChannel that writes to `target` with secrets redacted. */
export function redactingChannel(target: OutputChannel): OutputChannel {
  return {
    name: target.name,
    append: (value) => target.append(redactSecrets(value)),
    appendLine: (value) => target.appendLine(redactSecrets(value)),
    replace: (value) => target.replace(redactSecrets(value)),
    clear: () => target.clear(),
    show: (...args: unknown[]) => target.show(...(args as [boolean?])),
    hide: () => target.hide(),
    // The target belongs to the extension, which disposes of it once.
    dispose: () => undefined,
  };
}
