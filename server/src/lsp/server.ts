// SPDX-License-Identifier: Apache-2.0
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';

export function startServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  connection.onInitialize(() => ({ capabilities: {} }));
  connection.listen();
}
