import { ALL_RULES } from '../../../core/detect';
import { incidentsOf, type FileFinding, type ScanReport } from './report';

/**
 * SARIF 2.1.0 (OASIS). Columns are UTF-16 code units, as the editor's. The finding fingerprint goes
 * into `partialFingerprints` so code-scanning services track a finding across line moves. One
 * result per location (each file keeps its own alert, in the order of `findings`); the other
 * locations of the same incident (the same value) are its `relatedLocations`, and the incident id
 * is a second stable partial fingerprint.
 */
const MAX_RELATED = 20;
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
  const { incidentOf } = incidentsOf(report.findings);
  const byIncident = new Map<string, FileFinding[]>();
  for (const f of report.findings) {
    const id = incidentOf(f);
    const list = byIncident.get(id);
    if (list) list.push(f);
    else byIncident.set(id, [f]);
  }
  const results = report.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId)!,
    level: LEVEL[f.severity],
    message: { text: `${f.message} ${f.hint}` },
    locations: [{ physicalLocation: physical(f) }],
    ...related(f, byIncident.get(incidentOf(f))!),
    partialFingerprints: { 'rotationGuardFinding/v1': f.fingerprint, 'rotationGuardIncident/v1': incidentOf(f) },
    properties: { confidence: f.confidence, preview: f.preview, incident: incidentOf(f), incidentLocations: byIncident.get(incidentOf(f))!.length },
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

function physical(f: FileFinding) {
  return {
    artifactLocation: { uri: f.file.split('\\').join('/').split('/').map(encodeURIComponent).join('/') },
    region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
  };
}

/** The incident's other locations (at most MAX_RELATED), each with an id unique in the result. */
function related(f: FileFinding, all: FileFinding[]): { relatedLocations?: Array<{ id: number; physicalLocation: ReturnType<typeof physical>; message: { text: string } }> } {
  const others = all.filter((o) => o !== f).slice(0, MAX_RELATED);
  if (!others.length) return {};
  return { relatedLocations: others.map((o, i) => ({ id: i + 1, physicalLocation: physical(o), message: { text: 'The same value.' } })) };
}
