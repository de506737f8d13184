// SPDX-License-Identifier: Apache-2.0
// Comparing download URLs with the policy's registry list. A URL belongs to a registry when
// scheme and host are equal and its path lies under the registry's path, segment-wise: a plain
// string prefix would let `https://registry.npmjs.org.evil.com/` pass for npmjs.org.
import { hygieneMessages } from './messages';

function parseUrl(text: string): URL | undefined {
  return URL.canParse(text) ? new URL(text) : undefined;
}

/** True when `url` is served from under `registry` (same scheme, host, port, path prefix). */
export function isWithinRegistry(url: string, registry: string): boolean {
  const target = parseUrl(url);
  const base = parseUrl(registry);
  if (!target || !base) return false;
  if (target.protocol !== base.protocol || target.host !== base.host) return false;

  const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  return target.pathname.startsWith(basePath) || `${target.pathname}/` === basePath;
}

export function isWithinAnyRegistry(url: string, registries: readonly string[]): boolean {
  return registries.some((registry) => isWithinRegistry(url, registry));
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
