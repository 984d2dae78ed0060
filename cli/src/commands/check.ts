import { UsageError, type CliIO } from '../io';

// Placeholder until the 'check' command lands; it refuses rather than pretending.
export async function run(_args: string[], _io: CliIO): Promise<number> {
  throw new UsageError('the check command is not available in this build yet');
}
