import { rule } from '../rule';
import { OWN_PATTERN, type RuleModule } from '../samples';

export const npmrcAuthToken: RuleModule = {
  rule: rule({
    id: 'secret/npm-token',
    title: 'npm registry auth token (.npmrc)',
    envVar: 'NPM_TOKEN',
    anchors: [':_authToken'],
    // The .npmrc form: //registry.host/path/:_authToken=… (an ini file: spaces may surround `=`)
    pattern: /(?<=\/\/[A-Za-z0-9.-]{1,253}(?::\d{1,5})?(?:\/[^\s:]{0,200})?\/):_authToken[ \t]*=[ \t]*(?<v>[A-Za-z0-9_\-+/=.]{20,300})(?![A-Za-z0-9_\-+/=.])/,
  }),
  samples: {
    true: [OWN_PATTERN],
    false: ["if (token.startsWith(':_authToken')) {", '//ktYE2uQjGcNqDGrXZ4wQr0CXtHC1.mlG97C6wiAHaiwj7EW0iGMrfDgRF38U0uJ5OiyRgddnzFvgRBRgc0PT6PLhUPdDOOtguInbf:138//:_authToken=xxx/=x=x_x.xxxxxx++xxxx.x+xxxxxxxxxxxxxxxx.xxxxxxxxxxxxxx_x', '//ktYE2uQjGcNqDGrXZ4wQr0CXtHC1.mlG97C6wiAHaiwj7EW0iGMrfDgRF38U0uJ5OiyRgddnzFvgRBRgc0PT6PLhUPdDOOtguInbf:138//:_authTokenZq7Lm2Pw'],
  },
};
