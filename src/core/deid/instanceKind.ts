/**
 * Whether an instance's IOD has the Multi-frame Functional Groups module (the "enhanced" images:
 * Enhanced CT/MR/PET/US/XA/XRF, their legacy-converted forms, tomosynthesis, segmentations,
 * parametric maps, whole-slide images). There Content Date, Content Time and Device Serial Number
 * are Type 1 and Acquisition DateTime is Type 1C, so Table E.1-1's `Z/D`, `X/D` and `X/Z/D` must be
 * D (a dummy value) to keep the object valid; in the classic IODs they are Type 2 or 3, and the
 * table's first action applies (actionTable.ts).
 */
import { firstText } from './dataSet';
import type { DcmjsDataSet } from 'dcmjs';

export type InstanceKind = 'enhanced' | 'classic';

/** SOP Classes (PS3.4 B.5) whose IODs include the Multi-frame Functional Groups module (PS3.3 C.7.6.16). */
const ENHANCED_SOP_CLASSES = new Set([
  '1.2.840.10008.5.1.4.1.1.2.1', // Enhanced CT
  '1.2.840.10008.5.1.4.1.1.2.2', // Legacy Converted Enhanced CT
  '1.2.840.10008.5.1.4.1.1.4.1', // Enhanced MR
  '1.2.840.10008.5.1.4.1.1.4.2', // MR Spectroscopy
  '1.2.840.10008.5.1.4.1.1.4.3', // Enhanced MR Color
  '1.2.840.10008.5.1.4.1.1.4.4', // Legacy Converted Enhanced MR
  '1.2.840.10008.5.1.4.1.1.6.2', // Enhanced US Volume
  '1.2.840.10008.5.1.4.1.1.12.1.1', // Enhanced XA
  '1.2.840.10008.5.1.4.1.1.12.2.1', // Enhanced XRF
  '1.2.840.10008.5.1.4.1.1.13.1.1', // X-Ray 3D Angiographic
  '1.2.840.10008.5.1.4.1.1.13.1.2', // X-Ray 3D Craniofacial
  '1.2.840.10008.5.1.4.1.1.13.1.3', // Breast Tomosynthesis
  '1.2.840.10008.5.1.4.1.1.30', // Parametric Map
  '1.2.840.10008.5.1.4.1.1.66.4', // Segmentation
  '1.2.840.10008.5.1.4.1.1.77.1.6', // VL Whole Slide Microscopy
  '1.2.840.10008.5.1.4.1.1.128.1', // Legacy Converted Enhanced PET
  '1.2.840.10008.5.1.4.1.1.130', // Enhanced PET
]);

/** The kind of the instance whose top-level data set is `dict`, by its SOP Class UID. */
export function instanceKindOf(dict: DcmjsDataSet): InstanceKind {
  return ENHANCED_SOP_CLASSES.has(firstText(dict, '00080016').replace(/\0/g, '').trim()) ? 'enhanced' : 'classic';
}
