import { CONFIDENCE } from '../../judge/confidence';
import { rule } from '../rule';
import type { RuleSamples } from '../samples';
import { INFO } from './info';

/**
 * An Algolia search key beside its application id: the configuration a site's search box sends
 * from every visitor's browser (Algolia's docs, "API keys": the search-only API key "is safe to
 * use in your frontend code"; DocSearch configurations publish `appId`, `apiKey` and `indexName`
 * together). An admin key has the same format but no place in a browser's search configuration.
 * Anchored on the application id (ten upper-case letters and digits), so only keys that sit with
 * one are judged.
 */
const APP_ID = /^["']?\s*[:=]\s*["'][A-Z0-9]{10}["']/;
const SEARCH_KEY = /(?:api_?key|search_?(?:api_?)?key|searchOnlyApiKey)["']?\s*[:=]\s*["']([a-f0-9]{32})["']/gi;

export const algoliaSearchKey = rule({
  id: 'public/algolia-search-key',
  title: 'Algolia search-only API key (public by design)',
  hint: 'A search-only key ships to every visitor; check it is not the admin key, then there is no need to rotate it.',
  anchors: ['app_id', 'appid', 'applicationid', 'application_id'],
  anchorsIgnoreCase: true,
  pattern: /(?:app_?id|applicationid|application_id)/i,
  scan: (text, at) => {
    const after = text.slice(at, at + 40).replace(/^[A-Za-z_]+/, '');
    if (!APP_ID.test(after)) return null;
    const from = Math.max(0, at - 300);
    SEARCH_KEY.lastIndex = 0;
    const window = text.slice(from, at + 340);
    const m = SEARCH_KEY.exec(window);
    if (!m) return null;
    const start = from + m.index + m[0].lastIndexOf(m[1]!);
    return { start, end: start + 32 };
  },
  ...INFO,
  confidence: CONFIDENCE.publicByDesign,
});

export const samples: RuleSamples = {
  true: [{ in: "searchConfig = { index: 'docs', app_id: 'D1BPLZHGYQ', api_key: '{value}' }", shape: '[a-f0-9]{32}' }],
  false: [
    // The same key without an application id beside it is judged as any key (elsewhere, not here).
    "searchConfig = { index: 'docs', app_id: 'D1BPLZHGYQ', api_key: 'YOUR_SEARCH_KEY' }",
    "config = { appId: process.env.ALGOLIA_APP_ID, apiKey: process.env.ALGOLIA_KEY }",
  ],
};
