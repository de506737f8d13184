// SPDX-License-Identifier: Apache-2.0
// npm versions and ranges through node-semver, the implementation npm itself uses.
import semver from 'semver';

import type { VersionScheme } from './scheme';

const options = { loose: false, includePrerelease: true };

export const npmVersions: VersionScheme = {
  ecosystem: 'npm',
  isExact: (version) => semver.valid(version) !== null,
  satisfies: (version, range) => {
    if (semver.valid(version) === null) return false;
    return semver.satisfies(version, range, options);
  },
  isSubset: (spec, range) => {
    if (semver.validRange(spec) === null || semver.validRange(range) === null) return false;
    return semver.subset(spec, range, options);
  },
  isValidRange: (range) => semver.validRange(range) !== null,
};
