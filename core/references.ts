/**
 * The reference syntax each file format uses to pull a value from the environment, so the quick
 * fix replaces a hardcoded secret with something the file's own tool understands.
 */
export interface ReferencePlan {
  /** Text that replaces the secret (and its quotes, when `includeQuotes`). */
  text: string;
  /** Replace the surrounding quotes too: code needs an expression, not a string containing one. */
  includeQuotes: boolean;
  /** Short name of the syntax, for the quick fix title. */
  syntax: string;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop()!.toLowerCase();
}

function ext(path: string): string {
  const b = baseName(path);
  const i = b.lastIndexOf('.');
  return i >= 0 ? b.slice(i) : '';
}

/** True for files whose whole purpose is to hold env values (they have no reference syntax). */
export function isEnvFile(path: string): boolean {
  const b = baseName(path);
  return b === '.env' || b.startsWith('.env.') || b.endsWith('.env');
}

/**
 * @param textAround a few lines around the value; decides between YAML dialects (LiteLLM,
 *   Continue, GitHub Actions, docker-compose) that share an extension.
 */
export function referenceFor(path: string, envVar: string, textAround = ''): ReferencePlan | undefined {
  const b = baseName(path);
  const e = ext(path);
  const norm = path.replace(/\\/g, '/');
  if (isEnvFile(path)) return undefined;
  if (e === '.prompty') return { text: `\${env:${envVar}}`, includeQuotes: false, syntax: 'Prompty ${env:…}' };
  if (e === '.jinja' || e === '.j2' || e === '.prompt' || e === '.jinja2')
    return { text: `{{ env.${envVar} }}`, includeQuotes: false, syntax: 'Jinja {{ env.… }}' };
  if (e === '.yaml' || e === '.yml') {
    if (/\.github\/workflows\//.test(norm)) return { text: `\${{ secrets.${envVar} }}`, includeQuotes: false, syntax: 'GitHub Actions ${{ secrets.… }}' };
    if (/(^|\/)\.continue\//.test(norm)) return { text: `\${{ secrets.${envVar} }}`, includeQuotes: false, syntax: 'Continue ${{ secrets.… }}' };
    if (/model_list|litellm_params|litellm_settings/.test(textAround) || /litellm/.test(b))
      return { text: `os.environ/${envVar}`, includeQuotes: true, syntax: 'LiteLLM os.environ/…' };
    return { text: `\${${envVar}}`, includeQuotes: false, syntax: '${…}' };
  }
  if (e === '.json' || e === '.jsonc') {
    if (/(^|\/)\.continue\//.test(norm)) return { text: `\${{ secrets.${envVar} }}`, includeQuotes: false, syntax: 'Continue ${{ secrets.… }}' };
    return { text: `\${${envVar}}`, includeQuotes: false, syntax: '${…}' };
  }
  if (e === '.py' || e === '.ipynb') return { text: `os.environ["${envVar}"]`, includeQuotes: true, syntax: 'os.environ[…]' };
  if (['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.jsx', '.tsx'].includes(e))
    return { text: `process.env.${envVar}`, includeQuotes: true, syntax: 'process.env.…' };
  if (e === '.sh' || e === '.bash' || e === '.zsh') return { text: `"\${${envVar}}"`, includeQuotes: true, syntax: 'shell "${…}"' };
  if (b === 'dockerfile' || b === 'modelfile' || b.startsWith('docker-compose') || b.startsWith('compose.'))
    return { text: `\${${envVar}}`, includeQuotes: false, syntax: '${…}' };
  // Prompts and prose (system-prompt .md/.txt): a credential has no place in a prompt at all
  // (OWASP LLM07); leave a visible marker the app fills from its environment, never the model.
  return { text: `{{${envVar}}}`, includeQuotes: false, syntax: 'template variable {{…}}' };
}

/** Widens [start, end) over matching quotes right around the value, when the plan asks for it. */
export function replacementRange(text: string, start: number, end: number, plan: ReferencePlan): [number, number] {
  if (!plan.includeQuotes) return [start, end];
  const before = text[start - 1];
  const after = text[end];
  if ((before === '"' || before === "'" || before === '`') && after === before) return [start - 1, end + 1];
  return [start, end];
}
