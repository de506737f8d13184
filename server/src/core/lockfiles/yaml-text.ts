// SPDX-License-Identifier: Apache-2.0
// YAML input for pnpm and yarn berry lockfiles, through js-yaml (an order of magnitude faster
// than the `yaml` package on lockfile-sized input). Positions are recovered by the callers
// from the text; js-yaml keeps none.
import { YAMLException, loadAll } from 'js-yaml';
import type { State } from 'js-yaml';

import { ParseError } from '../errors';
import { baseName, checkInputSize } from './parse-input';

/**
 * Generated lockfiles never use anchors. js-yaml shares aliased nodes instead of copying
 * them, so an alias bomb loads quickly, but any walk over the result would expand it; more
 * aliased collections than this means the document is hostile, not a lockfile.
 */
export const MAX_YAML_ALIASES = 200;

/**
 * Loads every YAML document in `text` (pnpm may prefix the lockfile with an environment
 * document). Throws `ParseError` with the line and column (1-based) of a syntax error.
 */
export function loadYamlDocuments(text: string, path: string): unknown[] {
  checkInputSize(text, path);
  let aliases = 0;
  const listener = (event: string, state: State): void => {
    const node = state as unknown as NodeState;
    // An alias node is the only node that closes with neither a kind nor a tag.
    if (event !== 'close' || node.kind !== null || node.tag !== null) return;
    if (typeof node.result === 'object' && node.result !== null) aliases += 1;
    if (aliases > MAX_YAML_ALIASES) throw new AliasLimitError();
  };

  try {
    return loadAll(text, undefined, { listener });
  } catch (err) {
    throw new ParseError(path, `${baseName(path)} ${describeYamlError(err)}`, err);
  }
}

// The loader state fields the alias count reads; js-yaml's typings omit `tag`.
interface NodeState {
  kind: string | null;
  tag: string | null;
  result: unknown;
}

class AliasLimitError extends Error {
  constructor() {
    super(`uses more than ${MAX_YAML_ALIASES} YAML aliases`);
  }
}

function describeYamlError(err: unknown): string {
  if (err instanceof AliasLimitError) return `is not a lockfile: it ${err.message}`;
  if (err instanceof YAMLException) {
    const where = err.mark ? ` at line ${err.mark.line + 1}, column ${err.mark.column + 1}` : '';
    return `is not valid YAML: ${err.reason}${where}`;
  }
  return `could not be read as YAML: ${err instanceof Error ? err.message : String(err)}`;
}
