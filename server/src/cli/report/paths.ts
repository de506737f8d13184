// SPDX-License-Identifier: Apache-2.0
import { isAbsolute, relative, sep } from 'node:path';

/** `file` relative to `cwd` with `/` separators, as every report format prints paths. */
export function relativePath(cwd: string, file: string): string {
  if (!isAbsolute(file)) return file.split(sep).join('/');
  const rel = relative(cwd, file) || '.';
  return rel.split(sep).join('/');
}
