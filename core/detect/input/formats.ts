import { isPlaceholder, isIndirect } from '../judge/placeholders';
import type { RawMatch } from '../report/raw-match';

/**
 * Format-specific views of a text whose values are encoded. Plain formats need nothing here:
 * the pattern rules and the generic detector read JSON-escaped quotes (`\"` in notebooks and
 * JSONL), YAML, .env, INI, front matter and Jinja `default('…')` directly in the original text.
 *
 * Kubernetes Secrets are the exception: every value under `data:` is a base64-encoded secret,
 * whatever its key is called, so each one is reported at its (encoded) position.
 */
export function expandFormats(text: string, path: string, _isCancelled?: () => boolean): RawMatch[] {
  if (!text.includes('ecret') && !text.includes('ECRET')) return []; // cheap native test before any regex
  if (!/\.(?:ya?ml|json)$/i.test(path) && !/^\s*kind:/m.test(text.slice(0, 4096))) return [];
  if (!hasSecretKindLine(text)) return [];
  return kubernetesSecretValues(text);
}

const KIND = /kind:/gi;
const SECRET_AFTER_KIND = /[ \t]*["']?Secret["']?[ \t]*$/imy;
const isLineBreak = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/**
 * `/^[ \t]*kind:[ \t]*["']?Secret["']?[ \t]*$/im.test(text)`, without running a multiline regex
 * at every offset: find each `kind:`, then check what precedes it on its line and what follows.
 */
function hasSecretKindLine(text: string): boolean {
  KIND.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = KIND.exec(text))) {
    let k = m.index;
    while (k > 0 && (text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 9)) k--;
    if (k > 0 && !isLineBreak(text.charCodeAt(k - 1))) continue;
    SECRET_AFTER_KIND.lastIndex = m.index + 5;
    if (SECRET_AFTER_KIND.test(text)) return true;
  }
  return false;
}

const B64 = /^[A-Za-z0-9+/]+={0,2}$/;

function kubernetesSecretValues(text: string): RawMatch[] {
  const out: RawMatch[] = [];
  const lines = text.split('\n');
  let offset = 0;
  let dataIndent = -1;
  let block: { indent: number; start: number; parts: string[]; end: number } | null = null;
  const flush = () => {
    const b = block as { start: number; parts: string[]; end: number } | null;
    if (b && b.start >= 0 && acceptable(b.parts.join(''))) out.push(match(b.start, b.end));
    block = null;
  };
  for (const line of lines) {
    const lineStart = offset;
    offset += line.length + 1;
    const body = line.replace(/\r$/, '');
    const indent = body.search(/\S/);
    if (indent < 0) continue;
    const trimmed = body.trim();
    if (trimmed.startsWith('#')) continue;
    if (block) {
      if (indent > block.indent) {
        if (block.start < 0) block.start = lineStart + indent;
        block.parts.push(trimmed);
        block.end = lineStart + body.length;
        continue;
      }
      flush();
    }
    if (/^(?:data|stringData):\s*$/.test(trimmed)) {
      dataIndent = indent;
      continue;
    }
    if (dataIndent < 0) continue;
    if (indent <= dataIndent) {
      dataIndent = -1;
      continue;
    }
    const kv = /^([A-Za-z0-9._-]+):[ \t]*(.*)$/.exec(trimmed);
    if (!kv) continue;
    const raw = kv[2]!;
    if (raw === '|' || raw === '>' || raw === '|-' || raw === '>-') {
      block = { indent, start: -1, parts: [], end: -1 };
      continue;
    }
    const unquoted = raw.replace(/^(["'])(.*)\1$/, '$2');
    const start = lineStart + body.indexOf(raw) + (unquoted !== raw ? 1 : 0);
    if (acceptable(unquoted)) out.push(match(start, start + unquoted.length));
  }
  flush();
  return out;
}

function acceptable(value: string): boolean {
  if (value.length < 8 || !B64.test(value) || isIndirect(value) || isPlaceholder(value)) return false;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  // Short decoded values (`bar`, `admin`) are names and flags, not credentials.
  return decoded.trim().length >= 6 && !isPlaceholder(decoded.trim());
}

function match(start: number, end: number): RawMatch {
  return {
    ruleId: 'secret/kubernetes-secret',
    title: 'value of a Kubernetes Secret',
    severity: 'error',
    hint: 'Keep Secret manifests out of the repository (Sealed Secrets, SOPS, External Secrets) and rotate the value.',
    start,
    end,
    confidence: 0.8,
    priority: 1,
  };
}
