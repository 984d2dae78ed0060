import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../../../core/files';
import { redactFile } from '../../../core/filter';
import { UsageError, type CliIO } from '../io';

const USAGE = 'usage: rotation-guard redact [--stdin-filename NAME] < IN > OUT\n       rotation-guard redact --in-place FILE';
/** Files larger than this are refused rather than read whole. */
const MAX_IN_PLACE = 64 * 1024 * 1024;

/**
 * `rotation-guard redact [--stdin-filename NAME]`: copies standard input to standard output with
 * every credential replaced by a placeholder stable for the run (`[REDACTED:<rule>:<n>]`).
 * `--in-place FILE` rewrites FILE and keeps the original as `FILE.rg-bak` (mode 0600). Transcripts
 * and traces (`.jsonl`, trace exports) are read by their structure: strings inside JSON are decoded
 * before detection and written back escaped. For prompts, traces, logs and fine-tuning data on
 * their way out.
 */
export async function run(args: string[], io: CliIO): Promise<number> {
  let path = 'stdin.txt';
  let inPlace: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--stdin-filename' && args[i + 1]) path = args[++i]!;
    else if (a.startsWith('--stdin-filename=')) path = a.slice('--stdin-filename='.length);
    else if (a === '--in-place' && args[i + 1]) inPlace = args[++i]!;
    else if (a === '--stdin') continue;
    else throw new UsageError(`unknown argument '${a}'\n${USAGE}`);
  }
  if (inPlace !== undefined) return redactInPlace(resolve(io.cwd, inPlace), io);
  io.stdout(redactFile(await io.readStdin(), path, io.cwd, io.env).text);
  return 0;
}

function redactInPlace(file: string, io: CliIO): number {
  const st = statSync(file, { throwIfNoEntry: false });
  if (!st?.isFile()) throw new UsageError(`--in-place: '${file}' is not a file`);
  if (st.size > MAX_IN_PLACE) throw new UsageError(`--in-place: '${file}' is ${st.size} bytes; the limit is ${MAX_IN_PLACE}`);
  const before = readFileSync(file, 'utf8');
  const r = redactFile(before, file, io.cwd, io.env);
  if (r.text === before) {
    io.stderr(`rotation-guard redact: nothing to redact in ${file}\n`);
    return 0;
  }
  // The backup first (owner-only: it holds the credentials), then the new text; each replaces
  // what is there (a symlink planted at the backup's name too) rather than writing through it.
  const backup = `${file}.rg-bak`;
  writeFileAtomic(backup, before);
  writeFileAtomic(file, r.text, { mode: st.mode & 0o777 });
  io.stderr(`rotation-guard redact: ${r.count} credential(s) replaced in ${file}; the original is in ${backup} (mode 0600): delete it once checked\n`);
  return 0;
}
