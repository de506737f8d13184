// SPDX-License-Identifier: Apache-2.0
import { UsageError } from '../io';

import type { CliIo } from '../io';

/** `sscs check`: placeholder until the analyzer lands. */
export async function runCheck(_args: string[], _io: CliIo): Promise<number> {
  throw new UsageError('check is not implemented yet');
}
