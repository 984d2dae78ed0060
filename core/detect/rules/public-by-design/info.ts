import { CONFIDENCE } from '../../judge/confidence';

/** What every public-by-design rule shares: reported as information, below the default threshold. */
export const INFO = {
  severity: 'info' as const,
  confidence: CONFIDENCE.publicByDesign,
};
