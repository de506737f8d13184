// SPDX-License-Identifier: Apache-2.0
import { publicGoodRoot } from '../../node/tuf-root';

import type { TrustedRoot } from '@sigstore/protobuf-specs';
import type { CliIo } from '../io';

/** Supplies the TUF-refreshed public-good root, for use when no --trusted-root is given. */
export function defaultRoot(offline: boolean, io: CliIo): () => Promise<TrustedRoot> {
  return () =>
    publicGoodRoot({
      offline,
      env: io.env,
      warn: (sentence) => io.stderr(`sscs: warning: ${sentence}\n`),
    });
}
