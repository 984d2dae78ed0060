import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseBaseline, type BaselineEntry } from '../../../core/detect/index';
import { UsageError, type CliIO } from '../io';

/**
 * Reads `--baseline FILE` for the file scan and the history scan alike: the entries, or undefined
 * after each malformed line was reported on stderr (the caller exits 2). An unreadable file is a
 * usage error.
 */
export function readBaselineFile(file: string, io: CliIO): BaselineEntry[] | undefined {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read baseline ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const parsed = parseBaseline(text);
  for (const e of parsed.errors) io.stderr(`${file}:${e.line}: ${e.message}\n`);
  return parsed.errors.length ? undefined : parsed.entries;
}
