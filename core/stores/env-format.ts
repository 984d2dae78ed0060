/**
 * Reading and rewriting dotenv-style files without disturbing anything else in them: comments,
 * blank lines, order, `export ` prefixes and trailing comments survive; only the value changes.
 * Quoting follows what dotenv, docker compose, python-dotenv and POSIX sh all read the same way.
 */

const ASSIGN = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)(\s*=\s*)(.*)$/;

export class EnvValueNotRepresentableError extends Error {
  constructor(readonly reason: string) {
    super(`the value cannot be written to an env file: ${reason}`);
  }
}

interface ParsedValue {
  value: string;
  /** Whatever followed the value on the line (spaces and an inline `# comment`). */
  trailer: string;
}

function parseValue(rest: string): ParsedValue {
  const q = rest[0];
  if (q === "'" || q === '`') {
    const end = rest.indexOf(q, 1);
    if (end > 0) return { value: rest.slice(1, end), trailer: rest.slice(end + 1) };
  }
  if (q === '"') {
    let i = 1;
    for (; i < rest.length; i++) {
      if (rest[i] === '\\') i++;
      else if (rest[i] === '"') break;
    }
    if (i < rest.length) {
      const body = rest.slice(1, i).replace(/\\n/g, '\n').replace(/\\r/g, '\r');
      return { value: body, trailer: rest.slice(i + 1) };
    }
  }
  // Unquoted: up to an inline comment (a `#` preceded by whitespace), trimmed.
  const m = /^(.*?)(\s+#.*|\s*)$/.exec(rest)!;
  return { value: m[1] ?? '', trailer: m[2] ?? '' };
}

export function quoteEnvValue(value: string): string {
  if (/[\r\n\0]/.test(value)) throw new EnvValueNotRepresentableError('it contains a line break or NUL');
  if (/^[A-Za-z0-9_./:+=@,%^-]*$/.test(value) && value !== '') return value;
  if (!value.includes("'")) return `'${value}'`;
  // Double quotes are read literally by every parser above only without \ $ ` and "
  if (!/["\\$`]/.test(value)) return `"${value}"`;
  throw new EnvValueNotRepresentableError('it contains both a single quote and one of " \\ $ `, which env-file readers disagree on');
}

/** The value of NAME (last assignment wins, as in dotenv), or null. */
export function readEnvValue(text: string, name: string): string | null {
  let found: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    const m = ASSIGN.exec(line);
    if (m && m[2] === name) found = parseValue(m[4] ?? '').value;
  }
  return found;
}

/** Returns the text with NAME set to value (appended at the end when absent); other lines kept byte for byte. */
export function writeEnvValue(text: string, name: string, value: string): string {
  const quoted = quoteEnvValue(value);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  let replaced = false;
  for (let i = 0; i < lines.length; i++) {
    const m = ASSIGN.exec(lines[i]!);
    if (!m || m[2] !== name) continue;
    const { trailer } = parseValue(m[4] ?? '');
    lines[i] = `${m[1]}${m[2]}${m[3]}${quoted}${trailer}`;
    replaced = true;
  }
  if (replaced) return lines.join(eol);
  const needsEol = text.length > 0 && !text.endsWith('\n');
  return `${text}${needsEol ? eol : ''}${name}=${quoted}${eol}`;
}

/** Removes every assignment of NAME; returns null when there was none. */
export function removeEnvValue(text: string, name: string): string | null {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const kept = lines.filter((l) => {
    const m = ASSIGN.exec(l);
    return !(m && m[2] === name);
  });
  return kept.length === lines.length ? null : kept.join(eol);
}
