import { strict as assert } from 'node:assert';
import { seededDraws, shownValues } from './shown';

// Value classes read on a twenty-sixth held-out set (e-commerce platforms and content management
// systems: storefront engines in Node, PHP and Ruby, a Django shop, CMSs in PHP; 2026-12-07:
// docs/detection.md "Held-out set twenty-six"), each judged by the principle that rejects it, with
// synthetic lines of the same shape and, beside each, a value in the same place that must still be found.
const shown = shownValues;
const { key } = seededDraws('held-out-twenty-six');

describe('held-out set twenty-six', () => {
  it('a named bind parameter in camelCase is filled in when the query runs; a literal compared there is found', () => {
    const path = 'src/Shop/Repository/InvoiceRepository.php';
    const text = [
      "        ->andWhere('i.accessToken = :invoiceToken')",
      "        ->andWhere($qb->expr()->notIn('token', ':keptTokens'))",
      "      .where('method.resetToken = :resetToken', { resetToken })",
      '',
    ].join('\n');
    assert.deepEqual(shown(text, path), []);
    const k = key();
    assert.deepEqual(shown(`${text}        $accessToken = '${k}';\n`, path), [k]);
  });

  it('an error code of words joined by single and double underscores is a name; a drawn value under the same constant is found', () => {
    const path = 'src/Core/Checkout/Order/OrderException.php';
    const text = "    public const ORDER_TOKEN_EXPIRED = 'CHECKOUT__ORDER_TOKEN_EXPIRED';\n    public const SECRET_NOT_CONFIGURED = 'FRAMEWORK__APP_SECRET_NOT_CONFIGURED';\n";
    assert.deepEqual(shown(text, path), []);
    const k = key();
    assert.deepEqual(shown(`${text}    public const ORDER_TOKEN_SECRET = '${k}';\n`, path), [k]);
  });

  it("a scoped package's subpath is a module to load; a key in the same map is found", () => {
    const path = 'packages/core/utils/src/modules/definition.ts';
    const text = '  [Modules.API_KEY]: "@shopkit/commerce/api-key",\n  [Modules.AUTH]: "@shopkit/commerce/auth",\n';
    assert.deepEqual(shown(text, path), []);
    const k = key();
    assert.deepEqual(shown(`${text}  [Modules.API_KEY_VALUE]: "${k}",\n`, path), [k]);
  });

  it("a Sass variable given another variable is a reference; a literal given to it is found", () => {
    const path = 'src/module/settings/page/detail/detail.scss';
    const text = '$sw-detail-color-text-access-key: $color-gray-300;\n$sw-detail-change-password: $color-brand-500;\n';
    assert.deepEqual(shown(text, path), []);
    const k = key();
    assert.deepEqual(shown(`${text}$sw-detail-api-access-key: ${k};\n`, path), [k]);
  });

  it('a quoted constant path is a class named by string; a key in the same table is found', () => {
    const path = 'packages/dashboard/src/lib/permissions.ts';
    const text = "  ApiKey: 'Storefront::ApiKey',\n  AccessToken: 'Storefront::OauthAccessToken',\n";
    assert.deepEqual(shown(text, path), []);
    const k = key();
    assert.deepEqual(shown(`${text}  ApiKeyValue: '${k}',\n`, path), [k]);
  });

  it("Ruby's interpolation opening on a constant path is computed; a literal bearer token beside it is found", () => {
    const path = 'api/lib/storefront/testing_support/base.rb';
    const text = "      { 'Authorization' => \"Bearer #{Storefront::Api::V3::TestingSupport.generate_jwt(custom_admin, audience: Storefront::Api::AUDIENCE)}\" }\n";
    assert.deepEqual(shown(text, path), []);
    const k = key();
    assert.deepEqual(shown(`${text}      { 'Authorization' => "Bearer ${k}" }\n`, path), [k]);
  });

  it("counting in both alphabets in blocks without separators, after a key prefix, is typed; a drawn key with the prefix is found", () => {
    const path = 'packages/admin-sdk/tests/api-keys.test.ts';
    const text = "      { ...sampleKey, plaintext_token: 'sk_abc12def34ghi56jkl78' },\n";
    assert.deepEqual(shown(text, path), []);
    const k = `sk_${key()}`;
    assert.deepEqual(shown(`${text}      { ...sampleKey, plaintext_token: '${k}' },\n`, path), [k]);
  });
});
