import { formatOf } from './file-formats';

/** What kind of LLM-project file a path is; decides which checks and messages apply. */
const PROMPT_NAME = /(^|[\\/_.-])(system[-_ ]?prompt|prompts?|instructions?)([\\/_.-][^\\/]*)?\.(md|txt)$/i;

export function isPromptFile(path: string): boolean {
  const norm = path.replace(/\\/g, '/');
  const kind = formatOf(norm).kind;
  return kind === 'prompty' || kind === 'jinja' || PROMPT_NAME.test(norm) || /(^|\/)prompts?\//i.test(norm);
}

export function isModelConfig(path: string): boolean {
  const base = path.replace(/\\/g, '/').split('/').pop()!.toLowerCase();
  return /^(config|litellm[-_]?config|proxy[-_]?config)\.ya?ml$/.test(base) || base === '.mcp.json' || base === 'modelfile' || /^(docker-)?compose(\.[\w-]+)?\.ya?ml$/.test(base) || /^config\.json$/.test(base);
}
