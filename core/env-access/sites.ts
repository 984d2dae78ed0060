/**
 * Where a file reads an environment variable by name (an env-access site), in the syntaxes that
 * core/env-access/plan.ts writes (and their common siblings): LiteLLM `os.environ/NAME`, Prompty
 * `${env:NAME}`, Jinja `{{ env.NAME }}`, GitHub Actions / Continue `${{ secrets.NAME }}`, Node
 * `process.env.NAME` / `process.env["NAME"]`, Vite's and Astro's `import.meta.env.NAME`, Python `os.environ["NAME"]`, `os.environ.get("NAME")`,
 * `os.getenv("NAME")`, and shell / compose / Dockerfile `${NAME}`, `${NAME:-…}`, `$NAME`.
 * Only names the caller asks about are reported, so a stray `$HOME` costs nothing.
 */
export interface EnvAccessSite {
  name: string;
  /** Offsets of the name itself (what hover, go-to-definition and rename act on). */
  start: number;
  end: number;
}

const NAME = '([A-Za-z_][A-Za-z0-9_]*)';
// One pass over the text; each alternative captures the name in its own group.
const SITE_RE = new RegExp(
  [
    `os\\.environ/${NAME}`,
    `\\$\\{env:${NAME}\\}`,
    `\\{\\{-?\\s*env\\.${NAME}\\s*-?\\}\\}`,
    `\\$\\{\\{\\s*secrets\\.${NAME}\\s*\\}\\}`,
    `process\\.env\\.${NAME}`,
    `import\\.meta\\.env\\.${NAME}`,
    `process\\.env\\[\\s*["'\`]${NAME}["'\`]\\s*\\]`,
    `os\\.environ\\[\\s*["']${NAME}["']\\s*\\]`,
    `os\\.(?:environ\\.get|getenv)\\(\\s*["']${NAME}["']`,
    `\\$\\{${NAME}(?::?[-=?+][^}]*)?\\}`,
    `\\$${NAME}\\b`,
  ].join('|'),
  'g',
);

/** Every site in `text` that names one of `names` (case-sensitive, as environments are). */
export function envAccessSites(text: string, names: ReadonlySet<string>): EnvAccessSite[] {
  if (names.size === 0) return [];
  const out: EnvAccessSite[] = [];
  SITE_RE.lastIndex = 0;
  for (let m = SITE_RE.exec(text); m; m = SITE_RE.exec(text)) {
    let g = 1;
    while (g < m.length && m[g] === undefined) g++;
    const name = m[g]!;
    if (!names.has(name)) continue;
    const start = m.index + m[0].indexOf(name, m[0].startsWith('$') && !m[0].startsWith('${') ? 1 : 0);
    out.push({ name, start, end: start + name.length });
  }
  return out;
}

/** The site under an offset, if any. */
export function envAccessSiteAt(text: string, names: ReadonlySet<string>, offset: number): EnvAccessSite | undefined {
  // Only the line around the offset is searched: hover and go-to-definition stay O(line).
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  const lineEnd = nl < 0 ? text.length : nl;
  return envAccessSites(text.slice(lineStart, lineEnd), names)
    .map((s) => ({ ...s, start: s.start + lineStart, end: s.end + lineStart }))
    .find((s) => offset >= s.start && offset <= s.end);
}
