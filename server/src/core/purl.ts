// SPDX-License-Identifier: Apache-2.0
// Package URLs (purl spec) for records and for the policy's purl globs. Parsing goes through
// packageurl-js; formatting is done here because it runs once per lockfile entry and the
// library's validating constructor costs more than the rest of a lockfile walk.
import { PackageURL } from 'packageurl-js';

import type { Ecosystem } from './types';

// purl spec: namespace, name and version segments are percent-encoded. Most segments are
// plain (`lodash`, `4.17.21`) and pass through without an encodeURIComponent call.
const PLAIN = /^[A-Za-z0-9._~-]*$/;

function encodeSegment(segment: string): string {
  return PLAIN.test(segment) ? segment : encodeURIComponent(segment);
}

// Versions keep `+` (semver build metadata) and `:` unencoded, as packageurl-js writes them.
const PLAIN_VERSION = /^[A-Za-z0-9._~+:-]*$/;

function encodeVersion(version: string): string {
  if (PLAIN_VERSION.test(version)) return version;
  return encodeURIComponent(version).replace(/%2B/g, '+').replace(/%3A/g, ':');
}

/**
 * Formats `pkg:<type>/<namespace>/<name>@<version>`. For npm, a scope (`@babel/core`) is the
 * namespace; for maven and golang the name may carry `/`-separated namespace parts.
 */
export function formatPurl(ecosystem: Ecosystem, name: string, version?: string): string {
  const path = name.includes('/')
    ? name.split('/').map(encodeSegment).join('/')
    : encodeSegment(name);
  const base = `pkg:${ecosystem}/${path}`;
  return version === undefined || version === '' ? base : `${base}@${encodeVersion(version)}`;
}

export interface ParsedPurl {
  type: string;
  /** Full package name as the ecosystem writes it: `@scope/name`, `group/artifact`... */
  name: string;
  version?: string;
}

/** Parses a purl with packageurl-js; throws on invalid input. */
export function parsePurl(purl: string): ParsedPurl {
  const parsed = PackageURL.fromString(purl);
  const name = parsed.namespace ? `${parsed.namespace}/${parsed.name}` : parsed.name;
  return { type: parsed.type, name, version: parsed.version ?? undefined };
}
