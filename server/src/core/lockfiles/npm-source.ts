// SPDX-License-Identifier: Apache-2.0
// Classifies npm-family specs and resolved locations (package.json ranges, lockfile `resolved`
// URLs, yarn berry resolutions, pnpm resolutions) into where the artifact comes from.
import type { PackageSource } from '../types';

const GIT_PREFIXES = ['git+', 'git:', 'github:', 'gitlab:', 'bitbucket:', 'gist:'];
const LINK_PREFIXES = ['link:', 'portal:'];
const FILE_PREFIXES = ['file:', 'exec:', './', '../', '/', '~/'];

/**
 * Where `spec` says a package comes from. Registry tarball URLs follow the registry layout
 * `<name>/-/<name>-<version>.tgz`; any other http(s) archive is a plain tarball.
 */
export function classifyNpmSpec(spec: string): PackageSource {
  const value = spec.trim();
  const lower = value.toLowerCase();
  if (lower.startsWith('workspace:')) return 'workspace';
  if (LINK_PREFIXES.some((prefix) => lower.startsWith(prefix))) return 'link';
  if (lower.startsWith('patch:')) return classifyPatched(value);
  if (GIT_PREFIXES.some((prefix) => lower.startsWith(prefix))) return 'git';
  if (FILE_PREFIXES.some((prefix) => lower.startsWith(prefix))) return 'file';
  if (lower.startsWith('npm:')) return 'registry';
  if (lower.startsWith('http://') || lower.startsWith('https://')) return classifyUrl(lower);
  if (isGitHubShorthand(value)) return 'git';
  return 'registry';
}

// yarn berry `patch:<name>@<percent-encoded inner spec>#<patch file>`: the patch is local,
// the artifact comes from the inner spec.
function classifyPatched(spec: string): PackageSource {
  const body = spec.slice('patch:'.length);
  const hash = body.indexOf('#');
  const locator = hash === -1 ? body : body.slice(0, hash);
  const inner = splitNameSpec(safeDecode(locator));
  return inner ? classifyNpmSpec(inner.spec) : 'registry';
}

function classifyUrl(url: string): PackageSource {
  const path = url.replace(/[?#].*$/, '');
  if (path.endsWith('.git') || url.includes('.git#')) return 'git';
  if (path.includes('/-/') && path.endsWith('.tgz')) return 'registry';
  return 'tarball';
}

// npm reads `user/repo` and `user/repo#ref` as GitHub repositories.
function isGitHubShorthand(spec: string): boolean {
  return /^[^@\s/:][^\s/:]*\/[^\s/:]+(#.*)?$/.test(spec);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch (err) {
    // A stray `%` leaves the text as written; classification then reads it undecoded.
    if (err instanceof URIError) return text;
    throw err;
  }
}

/**
 * Splits `name@spec` (the name may be scoped, `@scope/name@spec`). Undefined when there is no
 * `@` after the name.
 */
export function splitNameSpec(entry: string): { name: string; spec: string } | undefined {
  const at = entry.indexOf('@', 1);
  if (at <= 0) return undefined;
  return { name: entry.slice(0, at), spec: entry.slice(at + 1) };
}

/** `npm:real-name@range` aliases: the real package and range; undefined for other specs. */
export function splitNpmAlias(spec: string): { name: string; spec: string } | undefined {
  if (!spec.startsWith('npm:')) return undefined;
  const target = spec.slice(4);
  const split = splitNameSpec(target);
  if (split) return split;
  return target.length > 0 ? { name: target, spec: 'latest' } : undefined;
}
