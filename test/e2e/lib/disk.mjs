import { readFileSync } from 'node:fs';
// Waiting for what the editor wrote to disk: saves and store writes are asynchronous to the key
// press or click that caused them, and the file system sends the test no event, so a condition on
// the files is polled, bounded by a deadline that names what never happened.

/** Resolves once `cond()` is true (a throw counts as not yet); rejects with `message` after `timeoutMs`. */
export async function untilOnDisk(cond, message, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try { if (cond()) return; } catch { /* not there yet */ }
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Resolves with the text of `file` once `ok(text)` holds. An editor's save truncates the file
 * before it writes it, so a read in between sees an empty file: "the key is gone" alone is true
 * there too. Ask for what the saved file must hold.
 */
export async function untilFileText(file, ok, message, timeoutMs = 20_000) {
  let text = '';
  await untilOnDisk(() => ok((text = readFileSync(file, 'utf8'))), message, timeoutMs);
  return text;
}
