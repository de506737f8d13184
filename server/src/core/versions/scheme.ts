// SPDX-License-Identifier: Apache-2.0
// Version logic per ecosystem. The policy engine asks only these questions, so an ecosystem
// plugs in by implementing them with that ecosystem's own library.
import type { Ecosystem } from '../types';

export interface VersionScheme {
  ecosystem: Ecosystem;
  /** True when `version` names one exact version (not a range, tag or URL). */
  isExact(version: string): boolean;
  /** True when the exact `version` lies in the policy `range`; false on unparseable input. */
  satisfies(version: string, range: string): boolean;
  /** True when every version the manifest `spec` admits lies in `range`. */
  isSubset(spec: string, range: string): boolean;
  /** True when `range` is valid syntax for this ecosystem. */
  isValidRange(range: string): boolean;
}
