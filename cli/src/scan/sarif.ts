import { ALL_RULES } from '../../../core/detect/index';
import type { ScanReport } from './report';

/**
 * SARIF 2.1.0 (OASIS). Columns are UTF-16 code units, as the editor's. The finding fingerprint goes
 * into `partialFingerprints` so code-scanning services track a finding across line moves.
 */
const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export function formatSarif(report: ScanReport, version: string): string {
  const titles = new Map<string, { title: string; hint: string }>();
  for (const r of ALL_RULES) if (!titles.has(r.id)) titles.set(r.id, { title: r.title, hint: r.hint });
  const ruleIds = [...new Set(report.findings.map((f) => f.ruleId))].sort();
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const hintOf = new Map(report.findings.map((f) => [f.ruleId, f.hint]));
  const rules = ruleIds.map((id) => ({
    id,
    // A Pascal-case friendly name, as SARIF's own rules (SARIF2012) ask: secret/openai-api-key -> SecretOpenaiApiKey.
    name: id.replace(/(?:^|[^A-Za-z0-9]+)(.)/g, (_m, c: string) => c.toUpperCase()),
    shortDescription: { text: titles.get(id)?.title ?? id },
    // GitHub code scanning requires a full description on each rule (multitool rule GH2012).
    fullDescription: { text: fullDescription(id, titles.get(id)) },
    help: { text: hintOf.get(id) ?? titles.get(id)?.hint ?? '' },
    defaultConfiguration: { level: LEVEL[report.findings.find((f) => f.ruleId === id)?.severity ?? 'warning'] },
  }));
  const results = report.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId)!,
    level: LEVEL[f.severity],
    message: { text: `${f.message} ${f.hint}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: f.file.split('\\').join('/').split('/').map(encodeURIComponent).join('/') },
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
        },
      },
    ],
    partialFingerprints: { 'rotationGuardFinding/v1': f.fingerprint },
    properties: { confidence: f.confidence, preview: f.preview },
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'rotation-guard', version, informationUri: 'https://github.com/rotation-guard/rotation-guard', rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function fullDescription(id: string, rule: { title: string; hint: string } | undefined): string {
  if (!rule) return `A credential (${id}) written into the file. Move it to a secret store and rotate it.`;
  return `${rule.title.charAt(0).toUpperCase()}${rule.title.slice(1)} written into the file. ${rule.hint}`;
}
