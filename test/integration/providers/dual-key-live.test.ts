import assert from 'node:assert/strict';
import { runDualKeyBench } from '../../../bench/rotation/dual-key-live';

// The dual-key target at CI size (the bench runs 10 rotations): an app under run --watch calling
// the Azure OpenAI stand-in (https://learn.microsoft.com/en-us/rest/api/aiservices/accountmanagement/accounts/regenerate-key)
// at 100 requests/s sees no failed request while its key rotates.
describe('dual key under load: azure-openai stand-in, app under run --watch at 100 req/s', function () {
  this.timeout(180000);
  it('stand-in: 3 rotations, 0 failed requests, no value in any output or the ledger', async () => {
    const f = await runDualKeyBench({ rotations: Number(process.env.DUAL_ROTATIONS ?? 3), rate: 100 });
    assert.equal(f.rotateFailures, 0);
    assert.ok(f.requests > 300, `${f.requests} requests`);
    assert.equal(f.failed, 0, JSON.stringify(f.errors));
    assert.equal(f.leakedInOutput, 0);
  });
});
