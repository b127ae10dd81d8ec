/** Every model scripts/build-models.ts builds, one builder each: a new model adds one line. */
import type { ModelBuilder } from './builtModel';
import { buildPathologyNucleiTissue } from './pathologyNucleiTissue';
import { buildSahHyperdensity } from './sahHyperdensity';

export const MODEL_BUILDERS: readonly ModelBuilder[] = [buildSahHyperdensity, buildPathologyNucleiTissue];
