import { E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const terraformCloudToken = rule({
  id: 'secret/terraform-cloud-token',
  title: 'Terraform Cloud / HCP token',
  envVar: 'TF_TOKEN',
  anchors: ['.atlasv1.'],
  pattern: new RegExp(`(?<=(?<p>[A-Za-z0-9]{14}))\\.atlasv1\\.(?<v>[A-Za-z0-9_=-]{60,70})${E}`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.includes('.atlasv1.')) {", 'xxxxxxxxxxxxxx.atlasv1.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'see app.terraform.io.atlasv1.docs'],
};
