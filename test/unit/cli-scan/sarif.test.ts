import { strict as assert } from 'node:assert';
import { fake } from '../detect/fake-keys';
import { cli, tempTree } from './run-cli';

/**
 * Structure check against SARIF 2.1.0 (OASIS sarif-schema-2.1.0.json). The schema file is not
 * available offline, so the required properties and the allowed property names of each object we
 * emit are encoded here by hand from the schema's definitions.
 */
type Obj = Record<string, unknown>;
const SCHEMA: Record<string, { required: string[]; allowed: string[] }> = {
  root: { required: ['version', 'runs'], allowed: ['$schema', 'version', 'runs', 'inlineExternalProperties', 'properties'] },
  run: { required: ['tool'], allowed: ['tool', 'invocations', 'conversion', 'language', 'versionControlProvenance', 'originalUriBaseIds', 'artifacts', 'logicalLocations', 'graphs', 'results', 'automationDetails', 'runAggregates', 'baselineGuid', 'redactionTokens', 'defaultEncoding', 'defaultSourceLanguage', 'newlineSequences', 'columnKind', 'externalPropertyFileReferences', 'threadFlowLocations', 'taxonomies', 'addresses', 'translations', 'policies', 'webRequests', 'webResponses', 'specialLocations', 'properties'] },
  tool: { required: ['driver'], allowed: ['driver', 'extensions', 'properties'] },
  toolComponent: { required: ['name'], allowed: ['guid', 'name', 'organization', 'product', 'productSuite', 'shortDescription', 'fullDescription', 'fullName', 'version', 'semanticVersion', 'dottedQuadFileVersion', 'releaseDateUtc', 'downloadUri', 'informationUri', 'globalMessageStrings', 'notifications', 'rules', 'taxa', 'locations', 'language', 'contents', 'isComprehensive', 'localizedDataSemanticVersion', 'minimumRequiredLocalizedDataSemanticVersion', 'associatedComponent', 'translationMetadata', 'supportedTaxonomies', 'properties'] },
  reportingDescriptor: { required: ['id'], allowed: ['id', 'deprecatedIds', 'guid', 'deprecatedGuids', 'name', 'deprecatedNames', 'shortDescription', 'fullDescription', 'messageStrings', 'defaultConfiguration', 'helpUri', 'help', 'relationships', 'properties'] },
  result: { required: ['message'], allowed: ['ruleId', 'ruleIndex', 'rule', 'kind', 'level', 'message', 'analysisTarget', 'locations', 'guid', 'correlationGuid', 'occurrenceCount', 'partialFingerprints', 'fingerprints', 'stacks', 'codeFlows', 'graphs', 'graphTraversals', 'relatedLocations', 'suppressions', 'baselineState', 'rank', 'attachments', 'hostedViewerUri', 'workItemUris', 'provenance', 'fixes', 'taxa', 'webRequest', 'webResponse', 'properties'] },
  physicalLocation: { required: [], allowed: ['address', 'artifactLocation', 'region', 'contextRegion', 'properties'] },
  region: { required: [], allowed: ['startLine', 'startColumn', 'endLine', 'endColumn', 'charOffset', 'charLength', 'byteOffset', 'byteLength', 'snippet', 'message', 'sourceLanguage', 'properties'] },
};

function check(kind: keyof typeof SCHEMA, o: unknown, path: string): void {
  assert.ok(o && typeof o === 'object' && !Array.isArray(o), `${path} is an object`);
  const obj = o as Obj;
  for (const r of SCHEMA[kind]!.required) assert.ok(r in obj, `${path}.${r} is required`);
  for (const k of Object.keys(obj)) assert.ok(SCHEMA[kind]!.allowed.includes(k), `${path}.${k} is not a ${kind} property`);
}

describe('scan --format sarif (SARIF 2.1.0 structure)', function () {
  this.timeout(30000);

  it('emits a log whose objects carry the required properties and only schema-defined ones', () => {
    const root = tempTree({ 'a.env': `OPENAI_API_KEY=${fake.openaiProject()}\nDB_PASSWORD=${fake.password()}\n` });
    const r = cli(['scan', '--format', 'sarif', '.'], { cwd: root });
    assert.equal(r.status, 1, r.stderr);
    const log = JSON.parse(r.stdout) as Obj;
    check('root', log, 'log');
    assert.equal(log.version, '2.1.0');
    const runs = log.runs as Obj[];
    assert.equal(runs.length, 1);
    const run = runs[0]!;
    check('run', run, 'run');
    assert.ok(['utf16CodeUnits', 'unicodeCodePoints'].includes(run.columnKind as string));
    check('tool', run.tool, 'tool');
    const driver = (run.tool as Obj).driver as Obj;
    check('toolComponent', driver, 'driver');
    const rules = driver.rules as Obj[];
    rules.forEach((rule, i) => check('reportingDescriptor', rule, `rules[${i}]`));
    const results = run.results as Obj[];
    assert.equal(results.length, 2);
    results.forEach((res, i) => {
      check('result', res, `results[${i}]`);
      assert.ok(['none', 'note', 'warning', 'error'].includes(res.level as string));
      assert.equal(typeof (res.message as Obj).text, 'string');
      assert.equal(rules[res.ruleIndex as number]!.id, res.ruleId, 'ruleIndex points at the rule');
      const loc = (res.locations as Obj[])[0]!;
      const phys = loc.physicalLocation as Obj;
      check('physicalLocation', phys, 'physicalLocation');
      check('region', phys.region, 'region');
      const region = phys.region as Record<string, number>;
      assert.ok(region.startLine! >= 1 && region.startColumn! >= 1 && region.endColumn! > region.startColumn!);
      assert.equal((phys.artifactLocation as Obj).uri, 'a.env');
    });
  });
});
