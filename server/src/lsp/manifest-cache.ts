// SPDX-License-Identifier: Apache-2.0
// The manifest beside a lockfile is parsed once per text, not once per lockfile keystroke.
// One entry per manifest path of the workspace: the cache is as large as the workspace.
import { parseText } from '../core/analyze';

import type { ParsedFile } from '../core/types';

export class ManifestCache {
  private readonly entries = new Map<string, { text: string; parsed?: ParsedFile }>();

  /** The parsed manifest, or undefined when the text is not a readable manifest. */
  parse(path: string, text: string): ParsedFile | undefined {
    const cached = this.entries.get(path);
    if (cached?.text === text) return cached.parsed;
    const result = parseText(path, text);
    const parsed = 'packages' in result ? result : undefined;
    this.entries.set(path, { text, parsed });
    return parsed;
  }
}
