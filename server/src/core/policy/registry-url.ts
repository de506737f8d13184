// SPDX-License-Identifier: Apache-2.0
// Comparing download URLs with the policy's registry list. A URL belongs to a registry when
// scheme and host are equal and its path lies under the registry's path, segment-wise: a plain
// string prefix would let `https://registry.npmjs.org.evil.com/` pass for npmjs.org.
import { hygieneMessages } from './messages';

function parseUrl(text: string): URL | undefined {
  return URL.canParse(text) ? new URL(text) : undefined;
}

interface RegistryBase {
  protocol: string;
  host: string;
  /** Path with a final `/`, so `/npm` never admits `/npmevil`. */
  path: string;
}

function registryBase(registry: string): RegistryBase | undefined {
  const base = parseUrl(registry);
  if (!base) return undefined;
  const path = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  return { protocol: base.protocol, host: base.host, path };
}

function isUnder(target: URL, base: RegistryBase): boolean {
  if (target.protocol !== base.protocol || target.host !== base.host) return false;
  return target.pathname.startsWith(base.path) || `${target.pathname}/` === base.path;
}

/**
 * A predicate telling whether a URL is served from under one of `registries` (same scheme,
 * host and port, path below the registry's). The list is parsed once, not once per URL.
 */
export function compileRegistries(registries: readonly string[]): (url: string) => boolean {
  const bases = registries
    .map(registryBase)
    .filter((base): base is RegistryBase => base !== undefined);
  // Fast path for the common case, a URL written in canonical form under a registry: the
  // authority ends at the first '/', so a match on `scheme//host/path/` pins the host.
  const prefixes = bases.map((base) => `${base.protocol}//${base.host}${base.path}`);
  return (url) => {
    if (prefixes.some((prefix) => url.startsWith(prefix))) return true;
    const target = parseUrl(url);
    return target !== undefined && bases.some((base) => isUnder(target, base));
  };
}

export function isWithinAnyRegistry(url: string, registries: readonly string[]): boolean {
  return compileRegistries(registries)(url);
}

/**
 * Scheme and host of a URL for messages. Userinfo, path and query are left out: lockfiles can
 * carry tokens in resolved URLs, and those must not reach diagnostics or CI logs.
 */
export function describeOrigin(url: string): string {
  const parsed = parseUrl(url);
  return parsed ? `${parsed.protocol}//${parsed.host}/` : hygieneMessages.unknownOrigin();
}

/** Lowercase host of a URL, or undefined when it has none. */
export function hostOf(url: string): string | undefined {
  const host = parseUrl(url)?.hostname;
  return host ? host.toLowerCase() : undefined;
}

/** Lowercase URL scheme with its colon (`git+http:`), or undefined for scp-like git paths. */
export function schemeOf(text: string): string | undefined {
  const match = /^([a-z][a-z0-9+.-]+):/i.exec(text);
  return match ? `${match[1].toLowerCase()}:` : undefined;
}
