/**
 * Which instances may carry burned-in text (names, dates, hospital captions written into the
 * pixels), so the upload asks a person to check them before they leave the browser. The kinds
 * follow the RSNA anonymizer's and dcm4che's pixel filters: ultrasound, secondary capture, visible
 * light photographs and endoscopy, and anything whose Burned In Annotation says YES; a policy may
 * ask for every image to be checked.
 */
import type { DcmjsDataSet } from 'dcmjs';
import { firstText } from './dataSet';

/** What a policy asks of burned-in text: nothing, the likely kinds above, or every image. */
export type BurnedInCheck = 'off' | 'likely' | 'all';

export type BurnedInReason = 'ultrasound' | 'secondaryCapture' | 'visibleLight' | 'burnedInAnnotation' | 'policy';

export const BURNED_IN_REASONS: readonly BurnedInReason[] = ['ultrasound', 'secondaryCapture', 'visibleLight', 'burnedInAnnotation', 'policy'];

const ULTRASOUND_CLASSES = ['1.2.840.10008.5.1.4.1.1.6.', '1.2.840.10008.5.1.4.1.1.3.'];
/** Secondary Capture and its multi-frame kinds (…7.1 to …7.4), not …77 (visible light). */
const SECONDARY_CAPTURE = '1.2.840.10008.5.1.4.1.1.7';
/** VL endoscopic, microscopic, photographic (and their video) images. */
const VISIBLE_LIGHT_CLASSES = ['1.2.840.10008.5.1.4.1.1.77.1.'];
const VISIBLE_LIGHT_MODALITIES = new Set(['ES', 'XC', 'GM', 'OP']);

/**
 * Why this data set must be checked for burned-in text, or null when the policy does not ask for
 * it. `hasPixelData`: given where the data set was read without its pixels (a header only).
 */
export function burnedInReason(dataSet: DcmjsDataSet, check: BurnedInCheck, hasPixelData = dataSet['7FE00010'] !== undefined): BurnedInReason | null {
  if (check === 'off' || !hasPixelData) return null;
  const sopClass = firstText(dataSet, '00080016');
  const modality = firstText(dataSet, '00080060').toUpperCase();
  if (firstText(dataSet, '00280301').toUpperCase() === 'YES') return 'burnedInAnnotation';
  if (modality === 'US' || ULTRASOUND_CLASSES.some((prefix) => sopClass.startsWith(prefix))) return 'ultrasound';
  if (sopClass === SECONDARY_CAPTURE || sopClass.startsWith(`${SECONDARY_CAPTURE}.`)) return 'secondaryCapture';
  if (VISIBLE_LIGHT_MODALITIES.has(modality) || VISIBLE_LIGHT_CLASSES.some((prefix) => sopClass.startsWith(prefix))) return 'visibleLight';
  return check === 'all' ? 'policy' : null;
}
