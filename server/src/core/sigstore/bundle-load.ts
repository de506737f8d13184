// SPDX-License-Identifier: Apache-2.0
// Reading a Sigstore bundle (v0.1 to v0.3) from JSON text, with the per-version checks of
// @sigstore/bundle plus a closed list of media types.
import { bundleFromJSON, ValidationError } from '@sigstore/bundle';

import { VerificationError } from '../errors';
import { messages } from './messages';

import type { Bundle } from '@sigstore/bundle';

const V01 = 'application/vnd.dev.sigstore.bundle+json;version=0.1';
const MEDIA_TYPES = new Set([
  V01,
  'application/vnd.dev.sigstore.bundle+json;version=0.2',
  'application/vnd.dev.sigstore.bundle+json;version=0.3',
  'application/vnd.dev.sigstore.bundle.v0.3+json',
]);

/**
 * Parses bundle JSON text.
 *
 * @throws VerificationError BUNDLE_PARSE_ERROR
 */
export function parseBundle(text: string): Bundle {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new VerificationError('BUNDLE_PARSE_ERROR', messages.bundleUnreadable('not JSON'), err);
  }
  return bundleFromObject(json);
}

/** Same as `parseBundle` for an already parsed JSON value. */
export function bundleFromObject(json: unknown): Bundle {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new VerificationError('BUNDLE_PARSE_ERROR', messages.bundleUnreadable('not an object'));
  }

  const record = json as Record<string, unknown>;
  // Limit: a bundle without mediaType (npm registry attestations written before bundles had
  // one) is read as v0.1; other versions must name themselves.
  const mediaType = record.mediaType ?? V01;
  if (typeof mediaType !== 'string' || !MEDIA_TYPES.has(mediaType)) {
    throw new VerificationError('BUNDLE_PARSE_ERROR', messages.bundleMediaType(String(mediaType)));
  }

  try {
    return bundleFromJSON({ ...record, mediaType });
  } catch (err) {
    const detail =
      err instanceof ValidationError && err.fields.length > 0
        ? `missing or invalid ${err.fields.join(', ')}`
        : 'malformed content';
    throw new VerificationError('BUNDLE_PARSE_ERROR', messages.bundleUnreadable(detail), err);
  }
}
