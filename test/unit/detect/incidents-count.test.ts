import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { countIncidents, groupIncidents } from '../../../core/detect/index';

describe('incidents: the count and the grouping agree', () => {
  it('countIncidents is the number of incidents groupIncidents forms, for any findings', () => {
    const finding = fc.record(
      { ruleId: fc.constantFrom('secret/a', 'secret/b'), fingerprint: fc.constantFrom('f1', 'f2', 'f3', 'f4'), incidentKey: fc.constantFrom('v1', 'v2', 'v3') },
      { requiredKeys: ['ruleId', 'fingerprint'] },
    );
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 30 }), (findings) => {
        assert.equal(countIncidents(findings), groupIncidents(findings).incidents.length);
      }),
    );
  });
});
