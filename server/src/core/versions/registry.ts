// SPDX-License-Identifier: Apache-2.0
// The explicit list of version schemes. Ecosystems without one fall back to exact string
// comparison, so a policy for them still denies named versions.
import { npmVersions } from './npm';

import type { Ecosystem } from '../types';
import type { VersionScheme } from './scheme';

const schemes: VersionScheme[] = [npmVersions];

// Limit: ecosystems other than npm have no range logic yet; a rule's `versions` matches only
// when it equals the version string, and manifest specs are never treated as subsets.
function exactOnly(ecosystem: Ecosystem): VersionScheme {
  return {
    ecosystem,
    isExact: (version) => version.length > 0,
    satisfies: (version, range) => version === range.trim(),
    isSubset: () => false,
    isValidRange: (range) => range.trim().length > 0,
  };
}

export function versionSchemeFor(ecosystem: Ecosystem): VersionScheme {
  return schemes.find((s) => s.ecosystem === ecosystem) ?? exactOnly(ecosystem);
}
