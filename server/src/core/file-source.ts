// SPDX-License-Identifier: Apache-2.0
// Where the analyzer reads files from: the working tree, the git index (`--staged`), or an
// editor's open buffers. Injected so the core never touches the file system itself.

export interface FileSource {
  /** Text of the file at `path` (absolute), or undefined when this source has no such file. */
  read(path: string): Promise<string | undefined>;
  /**
   * Raw bytes of the file at `path` (absolute), undecoded, or undefined when this source has
   * no such file. Artifacts checked against a policy's `verify` entries are read this way;
   * sources without it (editor buffers) hand out their text encoded as UTF-8.
   */
  readBytes?(path: string): Promise<Uint8Array | undefined>;
  /**
   * Absolute paths of candidate files under `root` (absolute), skipping `node_modules`, `.git`
   * and vendor folders. Callers filter with the parser registry.
   */
  list(root: string): Promise<string[]>;
}
