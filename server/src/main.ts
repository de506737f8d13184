// SPDX-License-Identifier: Apache-2.0
// Entry point of dist/server.js: wires the core to the LSP adapter.
import { startServer } from './lsp/server';

startServer();
