// SPDX-License-Identifier: Apache-2.0
// User-facing messages of the npm-family parsers (package.json, package-lock, yarn, pnpm),
// kept together so they can be reviewed and localised.

export const npmMessages = {
  entryNotObject: (key: string) => `Entry ${key} is not an object, so it was not checked.`,
  entryWithoutVersion: (key: string) => `Entry ${key} has no version, so it was not checked.`,
  entryWithoutName: (key: string) =>
    `Entry ${key} does not name its package, so it was not checked.`,
  sectionNotObject: (section: string) =>
    `Section ${section} is not an object of name and version pairs, so it was not checked.`,
  specNotString: (section: string, name: string) =>
    `Dependency ${name} in ${section} does not have a version string, so it was not checked.`,
};
