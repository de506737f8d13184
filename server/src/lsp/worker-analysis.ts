// SPDX-License-Identifier: Apache-2.0
// Large files are analyzed on a worker thread, so a lockfile of tens of megabytes neither
// delays other requests nor outlives the edit that made it stale: a superseded analysis is
// cancelled by terminating its worker. The worker runs this same bundle (dist/server.js).
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

import { analyzeText, parseText } from '../core/analyze';

import type { EffectivePolicy } from '../core/policy/policy.types';
import type { Finding, ParsedFile } from '../core/types';

/** Texts from this size on go to a worker; below it, a thread costs more than it saves. */
export const WORKER_THRESHOLD = 2 * 1024 * 1024;

export interface WorkerInput {
  path: string;
  text: string;
  manifest?: { path: string; text: string };
  policy: EffectivePolicy;
  now: number;
}

interface WorkerRequest extends WorkerInput {
  sscsAnalysisWorker: true;
}

/** Runs the analysis on a worker thread; rejects with an AbortError when `signal` fires. */
export function analyzeInWorker(input: WorkerInput, signal: AbortSignal): Promise<Finding[]> {
  return new Promise((resolve, reject) => {
    const request: WorkerRequest = { ...input, sscsAnalysisWorker: true };
    const worker = new Worker(__filename, { workerData: request });
    const abort = () => {
      void worker.terminate();
      reject(new DOMException('analysis superseded', 'AbortError'));
    };
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    worker.once('message', (findings: Finding[]) => {
      signal.removeEventListener('abort', abort);
      void worker.terminate();
      resolve(findings);
    });
    worker.once('error', (err) => {
      signal.removeEventListener('abort', abort);
      reject(err);
    });
  });
}

/**
 * In a worker started by `analyzeInWorker`: analyzes, posts the findings and returns true.
 * On the main thread (or any other worker) returns false and does nothing.
 */
export function runAnalysisWorker(): boolean {
  const request = workerData as WorkerRequest | undefined;
  if (isMainThread || !parentPort || request?.sscsAnalysisWorker !== true) return false;
  let manifest: ParsedFile | undefined;
  if (request.manifest) {
    const parsed = parseText(request.manifest.path, request.manifest.text);
    if ('packages' in parsed) manifest = parsed;
  }
  const analysis = analyzeText(request.path, request.text, {
    policy: request.policy,
    now: new Date(request.now),
    manifestFor: () => manifest,
  });
  // Findings are plain data; `related` and ranges survive the structured clone.
  parentPort.postMessage(analysis.findings);
  return true;
}
