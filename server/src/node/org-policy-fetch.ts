// SPDX-License-Identifier: Apache-2.0
// Fetches an organization policy given as a URL, with ETag revalidation and a last-good copy
// on disk that is used (with a warning) when the URL cannot be reached.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describeError, PolicyError } from '../core/errors';

export interface FetchedPolicy {
  text: string;
  /** Set when the copy is a cached one because the URL could not be reached. */
  warning?: string;
}

export interface FetchOptions {
  cacheDir: string;
  /** Use the cached copy only; never touch the network. */
  offline?: boolean;
  /** Bearer token sent to the policy URL's own host only (never across redirects). */
  token?: string;
  timeoutMs?: number;
}

interface CacheEntry {
  url: string;
  etag?: string;
  text: string;
  fetchedAt: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether `value` names a policy by URL rather than by path. */
export function isPolicyUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/**
 * Returns the policy text at `url`. Throws PolicyError POLICY_FETCH_ERROR when the URL cannot
 * be reached and there is no cached copy, or when the URL is not https.
 */
export async function fetchOrgPolicy(url: string, options: FetchOptions): Promise<FetchedPolicy> {
  const parsed = new URL(url);
  // Plain http is accepted only on loopback, where tests and local mirrors run.
  if (parsed.protocol !== 'https:' && !LOOPBACK.has(parsed.hostname)) {
    throw new PolicyError('POLICY_FETCH_ERROR', `organization policy URL ${url} is not https`);
  }

  const cacheFile = join(options.cacheDir, `${sha256(url)}.json`);
  const cached = await readCache(cacheFile, url);
  if (options.offline) {
    if (cached) return { text: cached.text };
    throw new PolicyError('POLICY_FETCH_ERROR', `no cached copy of ${url} for offline use`);
  }

  try {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (cached?.etag) headers['if-none-match'] = cached.etag;
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await fetch(url, {
      headers,
      redirect: options.token ? 'error' : 'follow',
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    if (response.status === 304 && cached) return { text: cached.text };
    if (!response.ok) throw new Error(`HTTP ${response.status}`);

    const text = await response.text();
    const entry: CacheEntry = {
      url,
      etag: response.headers.get('etag') ?? undefined,
      text,
      fetchedAt: new Date().toISOString(),
    };
    await writeCache(options.cacheDir, cacheFile, entry);
    return { text };
  } catch (err) {
    if (cached) {
      const warning =
        `Could not fetch the organization policy from ${url} (${describeError(err)}); ` +
        `using the copy fetched at ${cached.fetchedAt}.`;
      return { text: cached.text, warning };
    }
    throw new PolicyError(
      'POLICY_FETCH_ERROR',
      `could not fetch the organization policy from ${url}: ${describeError(err)}`,
      err,
    );
  }
}

async function readCache(file: string, url: string): Promise<CacheEntry | undefined> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const entry = JSON.parse(raw) as CacheEntry;
    return entry.url === url && typeof entry.text === 'string' ? entry : undefined;
  } catch (err) {
    // A corrupt cache file is treated as absent; the next good fetch rewrites it.
    if (err instanceof SyntaxError) return undefined;
    throw err;
  }
}

async function writeCache(dir: string, file: string, entry: CacheEntry): Promise<void> {
  await mkdir(dir, { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(entry), 'utf8');
  await rename(temp, file);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
