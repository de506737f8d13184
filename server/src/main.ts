// SPDX-License-Identifier: Apache-2.0
// Entry point of dist/server.js: wires the core to the LSP adapter. The same bundle serves as
// the analysis worker for large files.
import { startServer } from './lsp/server';
import { runAnalysisWorker } from './lsp/worker-analysis';

if (!runAnalysisWorker()) startServer();
