// SPDX-License-Identifier: Apache-2.0
// Plain data shared by every part of the core. Nothing here knows about npm, LSP or VS Code.

/** Zero-based position, as in LSP (character counts UTF-16 code units). */
export interface TextPosition {
  line: number;
  character: number;
}

export interface TextRange {
  start: TextPosition;
  end: TextPosition;
}

/** Ecosystem ids are purl types. */
export type Ecosystem =
  'npm' | 'pypi' | 'maven' | 'golang' | 'cargo' | 'gem' | 'nuget' | 'composer';

export type Severity = 'error' | 'warning' | 'info';

/** Stable diagnostic codes of SPEC.md section 3. Never rename or reuse one. */
export type FindingCode =
  | 'denied'
  | 'quarantined'
  | 'not-allowed'
  | 'malicious'
  | 'typosquat'
  | 'dependency-confusion'
  | 'untrusted-registry'
  | 'insecure-protocol'
  | 'missing-integrity'
  | 'weak-integrity'
  | 'install-script'
  | 'unpinned-dependency'
  | 'too-new'
  | 'provenance-missing'
  | 'provenance-invalid'
  | 'provenance-mismatch'
  | 'provenance-changed'
  | 'exception-expired'
  | 'exception-expiring'
  | 'unscanned'
  | 'parse-error'
  | 'policy-error'
  | 'signature-missing'
  | 'signature-invalid';

/** How a package reaches the install: from a registry, a git repository, a tarball URL... */
export type PackageSource = 'registry' | 'git' | 'tarball' | 'file' | 'link' | 'workspace';

/**
 * One package entry found in a manifest or lockfile. For manifests, `version` is the
 * requested spec (a range) and `resolvedVersion` is unset; for lockfiles it is exact.
 */
export interface PackageRecord {
  ecosystem: Ecosystem;
  name: string;
  /** Exact version for lockfile entries; the declared spec for manifest entries. */
  version: string;
  /** True when `version` is an exact version, false for a manifest range or tag. */
  exact: boolean;
  /** Package URL with version when exact (pkg:npm/%40scope/name@1.2.3). */
  purl: string;
  source: PackageSource;
  /** Where the lockfile says the artifact is downloaded from, if it says. */
  resolved?: string;
  /** Integrity string as written (SRI `sha512-...`, `sha1` hex, checksum...). */
  integrity?: string;
  /** Declared directly by the root manifest or a workspace manifest. */
  direct: boolean;
  dev?: boolean;
  optional?: boolean;
  hasInstallScript?: boolean;
  /**
   * Installed on some platforms only (yarn berry `conditions`); such entries legitimately lack
   * a checksum when the lockfile was written on another platform.
   */
  platformSpecific?: boolean;
  /** Manifest section for manifest entries: dependencies, devDependencies, overrides... */
  section?: string;
  /**
   * Format-specific key that `ParsedFile.locate` understands, e.g. the lockfile path
   * `node_modules/a/node_modules/b`. Opaque to everything but the parser.
   */
  key: string;
}

/** A located problem inside an otherwise parseable file (an entry we could not read). */
export interface FileProblem {
  code: 'unscanned' | 'parse-error';
  message: string;
  range: TextRange;
}

export type FileKind = 'manifest' | 'lockfile';

/** Result of one parser on one file. Position lookups are lazy: findings are rare. */
export interface ParsedFile {
  path: string;
  /** Format id, e.g. `package-lock`, `yarn-lock-v1`, `yarn-lock-berry`, `pnpm-lock`. */
  format: string;
  ecosystem: Ecosystem;
  kind: FileKind;
  packages: PackageRecord[];
  problems: FileProblem[];
  /** Range of the record's entry in the file (the key or declaration line). */
  locate(record: PackageRecord): TextRange;
  /**
   * Names of the direct dependencies whose install brings this record in. Empty for direct
   * records and for formats that do not record the graph.
   */
  introducedBy(record: PackageRecord): string[];
}

/** What a lockfile parser may use beyond its own text. */
export interface ParseContext {
  /** The manifest beside the lockfile, for formats that do not record direct dependencies. */
  manifest?: ParsedFile;
}

/** One parser per file format, listed in the explicit registry in `lockfiles/registry.ts`. */
export interface FileParser {
  format: string;
  ecosystem: Ecosystem;
  kind: FileKind;
  /** Decides on the file name (and, where formats share a name, a peek at the text). */
  matches(path: string, text?: string): boolean;
  /** Throws `ParseError` only when the file cannot be parsed at all. */
  parse(text: string, path: string, context?: ParseContext): ParsedFile;
}

export interface RelatedLocation {
  file: string;
  range: TextRange;
  message: string;
}

export interface FindingPackage {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  purl: string;
}

/** A finding as the CLI prints it in JSON (SPEC.md section 4) and the server maps to LSP. */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  /** Path as given to the analyzer (absolute or relative); printers relativize it. */
  file: string;
  range: TextRange;
  package?: FindingPackage;
  rule?: string;
  related?: RelatedLocation[];
  /** Data a quick fix needs; printed nowhere. */
  fix?: FindingFix;
}

/** What the code actions can offer for a finding. */
export interface FindingFix {
  /** Rule id to name in a project exception. */
  exceptionRule?: string;
  /** Manifest file and dependency name to remove. */
  removeDependency?: { manifest: string; name: string; section: string };
}
