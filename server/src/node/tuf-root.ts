// SPDX-License-Identifier: Apache-2.0
// The Sigstore public-good trusted root, refreshed over TUF (@sigstore/tuf) when online, with
// the copy shipped in the product as the fallback: verification never depends on the network.
import { getTrustedRoot } from '@sigstore/tuf';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { describeError } from '../core/errors';
import { parseTrustedRoot, publicGoodTrustedRoot } from '../core/sigstore/trust-root';

export interface PublicGoodOptions {
  /** Use the shipped copy without touching the network. */
  offline: boolean;
  env: NodeJS.ProcessEnv;
  warn: (sentence: string) => void;
}

/**
 * The public-good root: TUF-refreshed unless offline (`--offline` or `SSCS_OFFLINE=1`);
 * on any TUF failure, the shipped copy with one warning. `SSCS_TUF_MIRROR` names another
 * mirror (for private deployments and tests), `SSCS_TUF_ROOT` its initial root.json and
 * `SSCS_TUF_CACHE` the cache folder.
 */
export async function publicGoodRoot(options: PublicGoodOptions): Promise<TrustedRoot> {
  const { env } = options;
  if (options.offline || env.SSCS_OFFLINE === '1') return publicGoodTrustedRoot();
  const base = env.XDG_CACHE_HOME ?? join(env.HOME ?? homedir(), '.cache');
  try {
    const fetched = await getTrustedRoot({
      mirrorURL: env.SSCS_TUF_MIRROR || undefined,
      rootPath: env.SSCS_TUF_ROOT || undefined,
      cachePath: env.SSCS_TUF_CACHE ?? join(base, 'sscs', 'tuf'),
      retry: false,
      timeout: 5000,
    });
    // The same checks as a root given by file, the validity-start rule included.
    return parseTrustedRoot(JSON.stringify(TrustedRoot.toJSON(fetched)));
  } catch (err) {
    options.warn(
      `Could not refresh the Sigstore trusted root over TUF (${describeError(err)}); ` +
        'using the copy shipped with sscs.',
    );
    return publicGoodTrustedRoot();
  }
}
