import { rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const npmrcAuthToken = rule({
  id: 'secret/npm-token',
  title: 'npm registry auth token (.npmrc)',
  envVar: 'NPM_TOKEN',
  anchors: [':_authToken'],
  // The .npmrc form: //registry.host/path/:_authToken=… (an ini file: spaces may surround `=`)
  pattern: /(?<=\/\/[A-Za-z0-9.-]{1,253}(?::\d{1,5})?(?:\/[^\s:]{0,200})?\/):_authToken[ \t]*=[ \t]*(?<v>[A-Za-z0-9_\-+/=.]{20,300})(?![A-Za-z0-9_\-+/=.])/,
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN, { in: '//registry.npmjs.org/:_authToken={value}', shape: '[A-Za-z0-9_-]{36}', path: '.npmrc' }],
  false: ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}', '//registry.npmjs.org/:_authToken=xxxxxxxxxxxxxxxxxxxxxxxx', '//registry.npmjs.org/:_authToken=short'],
};
