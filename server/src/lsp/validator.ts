// SPDX-License-Identifier: Apache-2.0
// Schedules analyses per document: debounced after edits, superseded when a newer edit or
// close arrives (a stale result is never published), and counted for the status item.
import type { Diagnostic } from 'vscode-languageserver/node';

export type Analyze = (uri: string, signal: AbortSignal) => Promise<Diagnostic[] | undefined>;
export type Publish = (uri: string, diagnostics: Diagnostic[]) => void;

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
  files: number;
}

export class Validator {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly generation = new Map<string, number>();
  private readonly published = new Map<string, Diagnostic[]>();
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly analyze: Analyze,
    private readonly publish: Publish,
    private readonly onError: (uri: string, err: unknown) => void,
  ) {}

  /** Analyzes `uri` after `delayMs`, replacing any pending or running analysis of it. */
  schedule(uri: string, delayMs: number): void {
    const next = this.bump(uri);
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.run(uri, next);
      }, delayMs),
    );
  }

  /** Analyzes `uri` now and resolves once its diagnostics are published (or superseded). */
  validateNow(uri: string): Promise<void> {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    return this.run(uri, this.bump(uri));
  }

  /** Drops `uri`'s diagnostics and cancels its pending analysis. */
  clear(uri: string): void {
    this.bump(uri);
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    if (this.published.delete(uri)) this.publish(uri, []);
  }

  uris(): string[] {
    return [...this.published.keys()];
  }

  counts(): Counts {
    const counts: Counts = { errors: 0, warnings: 0, infos: 0, files: 0 };
    for (const diagnostics of this.published.values()) {
      if (diagnostics.length > 0) counts.files += 1;
      for (const d of diagnostics) {
        if (d.severity === 1) counts.errors += 1;
        else if (d.severity === 2) counts.warnings += 1;
        else counts.infos += 1;
      }
    }
    return counts;
  }

  // A newer edit or a close supersedes the running analysis: it is told to stop.
  private bump(uri: string): number {
    const next = (this.generation.get(uri) ?? 0) + 1;
    this.generation.set(uri, next);
    this.running.get(uri)?.abort();
    this.running.delete(uri);
    return next;
  }

  private async run(uri: string, generation: number): Promise<void> {
    const controller = new AbortController();
    this.running.set(uri, controller);
    try {
      const diagnostics = await this.analyze(uri, controller.signal);
      // A newer edit or a close arrived while this one ran: its result is stale.
      if (this.generation.get(uri) !== generation || diagnostics === undefined) return;
      this.published.set(uri, diagnostics);
      this.publish(uri, diagnostics);
    } catch (err) {
      if (!controller.signal.aborted) this.onError(uri, err);
    } finally {
      if (this.running.get(uri) === controller) this.running.delete(uri);
    }
  }
}
