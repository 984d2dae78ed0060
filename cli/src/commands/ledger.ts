import { UsageError, type CliIO } from '../io';

// Placeholder until the 'ledger' command lands; it refuses rather than pretending.
export async function run(_args: string[], _io: CliIO): Promise<number> {
  throw new UsageError('the ledger command is not available in this build yet');
}
