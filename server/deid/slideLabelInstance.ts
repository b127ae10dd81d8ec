/**
 * A DICOM whole-slide instance that pictures the glass label or the whole glass (ImageType value 3
 * LABEL or OVERVIEW): the label's patient name, case number and barcode are pixels no attribute
 * check can see, so under a de-identification policy such an instance is dropped, however clean
 * its attributes. VOLUME and THUMBNAIL instances (the scanned tissue) come in as usual.
 */
import dicomParser from 'dicom-parser';
import { peekSopClassUid } from '../dicom/parse';
import { VL_WHOLE_SLIDE_MICROSCOPY_IMAGE_STORAGE } from '../import/route';

const IMAGE_TYPE = 'x00080008';

export function isSlideLabelOrOverview(bytes: Uint8Array): boolean {
  if (peekSopClassUid(bytes) !== VL_WHOLE_SLIDE_MICROSCOPY_IMAGE_STORAGE) return false;
  let imageType: string;
  try {
    imageType = dicomParser.parseDicom(bytes, { untilTag: 'x00080009' }).string(IMAGE_TYPE) ?? '';
  } catch {
    // Unparseable: the attribute check refuses it anyway.
    return false;
  }
  const flavor = imageType.split('\\')[2]?.trim().toUpperCase();
  return flavor === 'LABEL' || flavor === 'OVERVIEW';
}
