import { UsageError, type CliIO } from '../io';

export async function run(_args: string[], _io: CliIO): Promise<number> {
  throw new UsageError('proxy: not built yet');
}
