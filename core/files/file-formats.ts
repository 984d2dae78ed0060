/**
 * The file-format table: every fact about a file format that more than one part of the project
 * needs (which files and editor language ids it covers, its comment syntax, the syntax its own tool
 * reads a value from the environment with, and whether its text is program code or prose) lives in
 * one row here. Detection, the env-access quick fix, the allow-comment action, the server's names
 * for untitled documents and the file-kind checks all read this table.
 */
export interface EnvAccessPlan {
  /** Text that replaces the secret (and its quotes, when `includeQuotes`). */
  text: string;
  /** Replace the surrounding quotes too: code needs an expression, not a string containing one. */
  includeQuotes: boolean;
  /** Short name of the syntax, for the quick fix title. */
  syntax: string;
}

/** What the env-access builder may look at besides the variable name. */
export interface EnvAccessContext {
  /** The path with forward slashes. */
  norm: string;
  /** Lower-case file name. */
  base: string;
  /** A few lines around the value (tells YAML dialects apart). */
  textAround: string;
}

export type FormatKind =
  | 'env' | 'prompty' | 'jinja' | 'yaml' | 'json' | 'jsonc' | 'jsonl' | 'notebook' | 'markdown' | 'mdx' | 'asciidoc' | 'markup' | 'component'
  | 'lockfile' | 'python' | 'javascript' | 'shell' | 'powershell' | 'c-like' | 'hash-comment-code' | 'other-code' | 'docker' | 'text';

export interface FileFormat {
  kind: FormatKind;
  /** VS Code language ids (also the names Markdown fences use after the backticks). */
  languageIds: readonly string[];
  /** Lower-case extensions with the dot. */
  extensions: readonly string[];
  /** Lower-case whole file names, or a test on the lower-case file name. */
  fileNames?: readonly string[] | ((base: string) => boolean);
  /** Name given to an untitled document of this language, so the right row applies to it. */
  untitledName?: string;
  /** Line comment [open, close]; undefined when the format has no comments (JSON). */
  comment?: readonly [string, string];
  /** How the format's own tool reads a value from the environment; undefined: it holds values. */
  envAccess?: (envVar: string, ctx: EnvAccessContext) => EnvAccessPlan;
  /**
   * Program source: an unquoted word is an identifier, a type or a call, not a literal value.
   * `shell`: a bare word is a string there, and references are written `$VAR`.
   */
  code: CodeKind;
  /**
   * String literals that interpolate `$name` and `${…}` where the program runs: Kotlin's string
   * templates (kotlinlang.org, "String templates"), Dart's interpolation (dart.dev, "Strings"),
   * Groovy's GStrings, PHP's and Perl's double-quoted strings. `quotes` open such a literal; a
   * literal after `rawPrefix` is raw (Dart's `r'…'`). Undefined: `$` in a literal is a character.
   */
  dollarTemplates?: DollarTemplates;
}

export interface DollarTemplates {
  quotes: string;
  rawPrefix?: string;
}

export type CodeKind = false | 'program' | 'shell';

const HASH = ['# ', ''] as const;
const SLASHES = ['// ', ''] as const;
const MARKUP = ['<!-- ', ' -->'] as const;

const dollarBraces = (envVar: string): EnvAccessPlan => ({ text: `\${${envVar}}`, includeQuotes: false, syntax: '${…}' });
const continueSecrets = (envVar: string): EnvAccessPlan => ({ text: `\${{ secrets.${envVar} }}`, includeQuotes: false, syntax: 'Continue ${{ secrets.… }}' });
const CONTINUE_DIR = /(^|\/)\.continue\//;
const python = (envVar: string): EnvAccessPlan => ({ text: `os.environ["${envVar}"]`, includeQuotes: true, syntax: 'os.environ[…]' });
// Prompts and prose (system-prompt .md/.txt): a credential has no place in a prompt at all
// (OWASP LLM07); leave a visible marker the app fills from its environment, never the model.
const templateVariable = (envVar: string): EnvAccessPlan => ({ text: `{{${envVar}}}`, includeQuotes: false, syntax: 'template variable {{…}}' });

export const FILE_FORMATS: readonly FileFormat[] = [
  {
    kind: 'env', languageIds: ['dotenv', 'env'], extensions: ['.env'], untitledName: '.env', comment: HASH, code: false,
    fileNames: (b) => b === '.env' || b.startsWith('.env.'),
  },
  {
    // Package managers' lockfiles: package names and integrity hashes, judged by provider formats only.
    kind: 'lockfile', languageIds: [], extensions: [], code: false,
    fileNames: ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'poetry.lock', 'pipfile.lock', 'uv.lock', 'cargo.lock', 'gemfile.lock', 'composer.lock', 'go.sum', 'pdm.lock', 'flake.lock'],
  },
  {
    kind: 'prompty', languageIds: ['prompty'], extensions: ['.prompty'], comment: HASH, code: false,
    envAccess: (v) => ({ text: `\${env:${v}}`, includeQuotes: false, syntax: 'Prompty ${env:…}' }),
  },
  {
    kind: 'jinja', languageIds: ['jinja', 'jinja-html', 'django-html'], extensions: ['.jinja', '.j2', '.jinja2', '.prompt'], comment: ['{# ', ' #}'], code: false,
    envAccess: (v) => ({ text: `{{ env.${v} }}`, includeQuotes: false, syntax: 'Jinja {{ env.… }}' }),
  },
  {
    kind: 'yaml', languageIds: ['yaml', 'yml'], extensions: ['.yaml', '.yml'], untitledName: 'untitled.yaml', comment: HASH, code: false,
    envAccess: (v, { norm, base, textAround }) => {
      if (/\.github\/workflows\//.test(norm)) return { text: `\${{ secrets.${v} }}`, includeQuotes: false, syntax: 'GitHub Actions ${{ secrets.… }}' };
      if (CONTINUE_DIR.test(norm)) return continueSecrets(v);
      if (/model_list|litellm_params|litellm_settings/.test(textAround) || /litellm/.test(base))
        return { text: `os.environ/${v}`, includeQuotes: true, syntax: 'LiteLLM os.environ/…' };
      return dollarBraces(v);
    },
  },
  {
    kind: 'json', languageIds: ['json'], extensions: ['.json'], untitledName: 'untitled.json', code: false,
    envAccess: (v, { norm }) => (CONTINUE_DIR.test(norm) ? continueSecrets(v) : dollarBraces(v)),
  },
  {
    kind: 'jsonc', languageIds: ['jsonc'], extensions: ['.jsonc'], untitledName: 'untitled.jsonc', comment: SLASHES, code: false,
    envAccess: (v, { norm }) => (CONTINUE_DIR.test(norm) ? continueSecrets(v) : dollarBraces(v)),
  },
  { kind: 'jsonl', languageIds: ['jsonl', 'jsonlines'], extensions: ['.jsonl', '.ndjson'], code: false, envAccess: templateVariable },
  { kind: 'notebook', languageIds: ['jupyter'], extensions: ['.ipynb'], code: false, envAccess: python },
  // llms.txt (llmstxt.org) is Markdown by its specification, whatever its extension says.
  { kind: 'markdown', languageIds: ['markdown', 'md'], extensions: ['.md', '.markdown'], fileNames: ['llms.txt', 'llms-full.txt'], untitledName: 'untitled.md', comment: MARKUP, code: false, envAccess: templateVariable },
  { kind: 'mdx', languageIds: ['mdx'], extensions: ['.mdx'], comment: ['{/* ', ' */}'], code: false, envAccess: templateVariable },
  // AsciiDoc: documentation, as Markdown is (the Java world's docs: Spring, Quarkus, Hibernate), with
  // its listing blocks judged by their language (detect/input/asciidoc-regions.ts).
  { kind: 'asciidoc', languageIds: ['asciidoc', 'adoc'], extensions: ['.adoc', '.asciidoc'], comment: SLASHES, code: false, envAccess: templateVariable },
  // Interface Builder's documents (`.xib`, `.storyboard`) are XML (developer.apple.com, "Interface
  // Builder"): elements and attributes, read as markup.
  { kind: 'markup', languageIds: ['html', 'xml'], extensions: ['.html', '.htm', '.xml', '.xib', '.storyboard'], comment: MARKUP, code: false, envAccess: templateVariable },
  // Single-file components: a template (markup) around a `<script>` module, read as program source
  // by the detectors (detect/input/script-regions.ts). A credential is most often in the script,
  // where the component's bundler (Vite, Astro, SvelteKit) reads the environment.
  {
    kind: 'component', languageIds: ['vue', 'svelte', 'astro'], extensions: ['.vue', '.svelte', '.astro'], comment: MARKUP, code: false,
    envAccess: (v) => ({ text: `import.meta.env.${v}`, includeQuotes: true, syntax: 'import.meta.env.…' }),
  },
  { kind: 'python', languageIds: ['python', 'py', 'python3', 'ipython'], extensions: ['.py', '.pyi'], untitledName: 'cell.py', comment: HASH, code: 'program', envAccess: python },
  {
    kind: 'javascript',
    languageIds: ['javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'js', 'ts', 'jsx', 'tsx', 'node'],
    extensions: ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.jsx', '.tsx'],
    untitledName: 'cell.js', comment: SLASHES, code: 'program',
    envAccess: (v) => ({ text: `process.env.${v}`, includeQuotes: true, syntax: 'process.env.…' }),
  },
  {
    kind: 'shell', languageIds: ['shellscript', 'bash', 'sh', 'shell', 'zsh', 'console', 'shell-session'], extensions: ['.sh', '.bash', '.zsh'],
    untitledName: 'untitled.sh', comment: HASH, code: 'shell',
    envAccess: (v) => ({ text: `"\${${v}}"`, includeQuotes: true, syntax: 'shell "${…}"' }),
  },
  { kind: 'powershell', languageIds: ['powershell', 'ps1', 'pwsh'], extensions: ['.ps1'], comment: HASH, code: 'shell', envAccess: templateVariable },
  {
    kind: 'c-like', languageIds: ['go', 'java', 'rust', 'c', 'cpp', 'csharp', 'swift', 'scala', 'fsharp', 'objective-c', 'zig', 'solidity', 'odin'],
    // (Zig's build manifests, `build.zig.zon`, are Zig expressions too.)
    extensions: ['.go', '.java', '.rs', '.c', '.cc', '.cpp', '.h', '.hpp', '.cs', '.swift', '.scala', '.fs', '.m', '.zig', '.zon', '.sol', '.odin'],
    comment: SLASHES, code: 'program', envAccess: templateVariable,
  },
  // The same family, with `$name` interpolated in string literals: every Kotlin string (a Gradle
  // build script in Kotlin too), Dart's strings of either quote unless raw, Groovy's double-quoted ones
  // (a Gradle build script in Groovy; its single-quoted strings are plain).
  { kind: 'c-like', languageIds: ['kotlin'], extensions: ['.kt', '.kts'], comment: SLASHES, code: 'program', envAccess: templateVariable, dollarTemplates: { quotes: '"' } },
  { kind: 'c-like', languageIds: ['dart'], extensions: ['.dart'], comment: SLASHES, code: 'program', envAccess: templateVariable, dollarTemplates: { quotes: '"\'', rawPrefix: 'r' } },
  { kind: 'c-like', languageIds: ['groovy'], extensions: ['.groovy', '.gradle'], comment: SLASHES, code: 'program', envAccess: templateVariable, dollarTemplates: { quotes: '"' } },
  {
    kind: 'hash-comment-code', languageIds: ['ruby', 'puppet', 'r', 'julia', 'elixir', 'gdscript', 'nim', 'crystal', 'coffeescript'],
    // (Rake tasks, gem specifications, Rack configurations and Ruby's two build files are Ruby too;
    // `.pp` is a Puppet manifest.)
    extensions: ['.rb', '.rake', '.gemspec', '.ru', '.pp', '.r', '.jl', '.ex', '.exs', '.gd', '.nim', '.cr', '.coffee'],
    fileNames: ['rakefile', 'gemfile'],
    comment: HASH, code: 'program', envAccess: templateVariable,
  },
  // PHP's and Perl's double-quoted strings interpolate `$name` (php.net, "Strings: Variable parsing";
  // perlop, "Quote and Quote-like Operators"); single-quoted ones are plain. (Perl's modules and test
  // scripts, `.pm` and `.t`, are Perl.)
  { kind: 'hash-comment-code', languageIds: ['php'], extensions: ['.php'], comment: HASH, code: 'program', envAccess: templateVariable, dollarTemplates: { quotes: '"' } },
  { kind: 'hash-comment-code', languageIds: ['perl'], extensions: ['.pl', '.pm', '.t'], comment: HASH, code: 'program', envAccess: templateVariable, dollarTemplates: { quotes: '"' } },
  // SQL scripts (a database image's `docker-entrypoint-initdb.d/*.sql`, migrations, seeds): statements
  // that run, with `--` comments and string literals in single quotes; an unquoted word is a keyword or
  // an identifier (ISO/IEC 9075; the same in MySQL, PostgreSQL, Oracle and SQLite).
  { kind: 'other-code', languageIds: ['sql'], extensions: ['.sql'], comment: ['-- ', ''], code: 'program', envAccess: templateVariable },
  { kind: 'other-code', languageIds: ['lua', 'haskell', 'elm', 'purescript'], extensions: ['.lua', '.hs', '.elm', '.purs'], comment: ['-- ', ''], code: 'program', envAccess: templateVariable },
  { kind: 'other-code', languageIds: ['ocaml'], extensions: ['.ml', '.mli'], comment: ['(* ', ' *)'], code: 'program', envAccess: templateVariable },
  { kind: 'other-code', languageIds: ['erlang'], extensions: ['.erl', '.hrl'], comment: ['% ', ''], code: 'program', envAccess: templateVariable },
  { kind: 'other-code', languageIds: ['clojure'], extensions: ['.clj'], comment: [';; ', ''], code: 'program', envAccess: templateVariable },
  // Jsonnet (jsonnet.org, Grafana's and Loki's mixins, CI libraries): a language whose objects hold
  // expressions (`$.step.new(…)`, `self.config`); a literal is quoted as in JavaScript.
  { kind: 'other-code', languageIds: ['jsonnet'], extensions: ['.jsonnet', '.libsonnet'], comment: SLASHES, code: 'program', envAccess: templateVariable },
  { kind: 'other-code', languageIds: ['vb'], extensions: ['.vb'], comment: ["' ", ''], code: 'program', envAccess: templateVariable },
  {
    kind: 'docker', languageIds: ['dockerfile', 'dockercompose'], extensions: [], comment: HASH, code: false, envAccess: dollarBraces,
    fileNames: (b) => b === 'dockerfile' || b === 'modelfile' || b.startsWith('docker-compose') || b.startsWith('compose.'),
  },
];

/** Plain text and every file no row claims: prose rules, `#` comments, a template variable. */
export const TEXT_FORMAT: FileFormat = { kind: 'text', languageIds: ['plaintext'], extensions: ['.txt'], untitledName: 'untitled.txt', comment: HASH, code: false, envAccess: templateVariable };

const byExtension = new Map<string, FileFormat>();
const byLanguage = new Map<string, FileFormat>();
for (const f of [...FILE_FORMATS, TEXT_FORMAT]) {
  for (const e of f.extensions) if (!byExtension.has(e)) byExtension.set(e, f);
  for (const id of f.languageIds) if (!byLanguage.has(id)) byLanguage.set(id, f);
}
const byName = FILE_FORMATS.filter((f) => f.fileNames);
/** Rows that list exact file names, asked before the extension (`llms.txt` is Markdown). */
const byExactName = new Map<string, FileFormat>();
for (const f of FILE_FORMATS) if (Array.isArray(f.fileNames)) for (const n of f.fileNames as readonly string[]) if (!byExactName.has(n)) byExactName.set(n, f);

export function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(i + 1).toLowerCase();
}

let lastPath: string | undefined;
let lastFormat: FileFormat = TEXT_FORMAT;
const named = (f: FileFormat, b: string) => {
  const names = f.fileNames!;
  return typeof names === 'function' ? names(b) : names.includes(b);
};

/**
 * The row for a path: env files by name first (`.env.production`), then exact names (lockfiles,
 * `llms.txt`), then the extension, then the other file names (`Dockerfile`, `Modelfile`);
 * remembered for the last path asked.
 */
export function formatOf(path: string): FileFormat {
  if (path === lastPath) return lastFormat;
  const b = baseName(path);
  const dot = b.lastIndexOf('.');
  const found =
    (named(FILE_FORMATS[0]!, b) ? FILE_FORMATS[0] : undefined) ??
    byExactName.get(b) ??
    (dot >= 0 ? byExtension.get(b.slice(dot)) : undefined) ??
    byName.find((f) => named(f, b)) ??
    TEXT_FORMAT;
  lastPath = path;
  lastFormat = found;
  return found;
}

/**
 * The format of a text at `path`, read from its interpreter line when its name says nothing (no
 * extension, no known name): `#!/usr/bin/env ruby`, `#!/bin/bash -e`, `#!/usr/bin/perl -w`. The
 * kernel runs the named interpreter on such a file (execve(2), "Interpreter scripts"), and editors
 * pick its language from the same line; a git hook or a `bin/` script is that language's source.
 */
export function formatOfText(path: string, text: string): FileFormat {
  const f = formatOf(path);
  if (f !== TEXT_FORMAT || text.charCodeAt(0) !== 35 || text.charCodeAt(1) !== 33 || baseName(path).includes('.')) return f;
  const nl = text.indexOf('\n');
  const words = text.slice(2, nl < 0 ? Math.min(text.length, 200) : Math.min(nl, 200)).trim().split(/\s+/);
  let program = (words[0] ?? '').slice((words[0] ?? '').lastIndexOf('/') + 1);
  // `env` finds the interpreter on the PATH: the first word after its options (`env -S node --flag`).
  if (program === 'env') program = words.slice(1).find((w) => !w.startsWith('-') && !w.includes('=')) ?? '';
  const id = INTERPRETERS[program.replace(/[\d.]+$/, '')];
  return (id && formatForLanguage(id)) || f;
}

const INTERPRETERS: Record<string, string> = {
  sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript', dash: 'shellscript', ksh: 'shellscript', ash: 'shellscript',
  python: 'python', pypy: 'python', node: 'javascript', nodejs: 'javascript', deno: 'javascript', bun: 'javascript', tsx: 'javascript', 'ts-node': 'javascript',
  ruby: 'ruby', perl: 'perl', php: 'php', lua: 'lua', pwsh: 'powershell',
};

/** The row for an editor language id or a Markdown fence's info word (`py`, `bash`), if any. */
export function formatForLanguage(languageId: string): FileFormat | undefined {
  return byLanguage.get(languageId.toLowerCase());
}

/** A file name for an untitled document of an editor language, so formatOf finds its row. */
export function untitledNameFor(languageId: string): string {
  const f = formatForLanguage(languageId);
  if (!f) return TEXT_FORMAT.untitledName!;
  return f.untitledName ?? (f.extensions[0] ? `untitled${f.extensions[0]}` : TEXT_FORMAT.untitledName!);
}
