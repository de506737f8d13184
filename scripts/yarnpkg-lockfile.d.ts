// SPDX-License-Identifier: Apache-2.0
// The reference yarn v1 parser, used by the benchmark as the bare-parse baseline.
declare module '@yarnpkg/lockfile' {
  export function parse(text: string): { type: string; object: Record<string, unknown> };
}
