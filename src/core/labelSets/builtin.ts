/**
 * Label sets shipped with Mejirushi, kept as JSON files in `builtin/` in the published schema
 * (public/schemas/label-set.schema.json), the same form an admin imports and exports. Each file
 * is checked here by the one validator, so a broken file fails at start, not while someone reads.
 * Codings are SNOMED CT (`SCT`) where the code is certain; classes without a confidently known
 * standard code carry none rather than a guess.
 */
import type { LabelSet } from '../labelSet';
import { validateLabelSet } from '../validation/labelSet';
import burnedInText from './builtin/burned-in-text.json' with { type: 'json' };
import endoscopyVideo from './builtin/endoscopy-video.json' with { type: 'json' };
import endoscopyVideoV1 from './builtin/previous/endoscopy-video-1.json' with { type: 'json' };
import fundusGrading from './builtin/fundus-grading.json' with { type: 'json' };
import gastricBiopsy from './builtin/gastric-biopsy.json' with { type: 'json' };
import ichSubtype from './builtin/ich-subtype.json' with { type: 'json' };
import sahSliceV1 from './builtin/previous/sah-slice-1.json' with { type: 'json' };
import sahSlice from './builtin/sah-slice.json' with { type: 'json' };
import ucEndoscopy from './builtin/uc-endoscopy.json' with { type: 'json' };

function builtin(json: unknown): LabelSet {
  const result = validateLabelSet(json);
  if (!result.ok) throw new Error(`built-in label set is invalid: ${result.errors.join('; ')}`);
  return result.value;
}

/**
 * Per-slice SAH reading for head CT: one key per slice, series answer by priority (present >
 * uncertain > absent); and the bleed outlined as masks, slice by slice, coded with the same SNOMED
 * CT concept (the mask question has no key: the mask tools draw it). Version 2 added the outline;
 * version 1 stays stored for datasets made with it.
 */
export const SAH_SLICE_LABEL_SET = builtin(sahSlice);

/** Intracranial haemorrhage subtypes per slice; a slice may show several at once, and "none" lets a clean slice count as read. */
export const ICH_SUBTYPE_LABEL_SET = builtin(ichSubtype);

/**
 * Ulcerative colitis on endoscopy frames: Mayo endoscopic subscore, where the frame was taken
 * (segments keyed 1–6 in the order a colonoscope is withdrawn, rectum first, with their SNOMED CT
 * body structures), and boxes (or outlines) around lesions keyed by letters, leaving the number
 * keys to the frame questions and p f r e t v b h to the drawing tools. Version 2 added the lesion
 * question, the site keys and codings; version 1 stays stored for datasets made with it.
 */
export const UC_ENDOSCOPY_LABEL_SET = builtin(ucEndoscopy);

/**
 * Fundus photographs as a reading centre grades them, one photograph at a time and one question
 * after another, each answered by number keys (yes 1, no 0; a grade by its number): gradable,
 * diabetic retinopathy on the International Clinical DR scale (ICDR, Wilkinson et al. 2003: 0–4),
 * referable diabetic macular oedema (on a photograph: hard exudates within one disc diameter of
 * the fovea, as Gulshan et al. 2016), glaucoma suspect, and AMD stage by the Beckman clinical
 * classification (Ferris et al., Ophthalmology 2013) folded to four steps: none (no or normal
 * ageing changes: drusen ≤ 63 µm), early (medium drusen 63–125 µm), intermediate (large drusen
 * > 125 µm or AMD pigmentary abnormalities), late (neovascular AMD or geographic atrophy). Only
 * gradability is required: a photograph nobody can grade has no DR grade, and a question is
 * required for every target or none. Version 2 added gradability, macular oedema and AMD and made
 * glaucoma a suspect yes/no on keys 1/0 (same codes); version 1 stays stored for datasets made
 * with it.
 */
export const FUNDUS_GRADING_LABEL_SET = builtin(fundusGrading);

/**
 * Gastric biopsy slides: the Japanese Group classification and the lesion outlined. `tissue` and
 * `nucleus` have no key: they are what the pathology-nuclei-tissue model proposes, and `nucleus`
 * is also the code of the demo slide's read-only nuclei layer.
 */
export const GASTRIC_BIOPSY_LABEL_SET = builtin(gastricBiopsy);

/**
 * Text burned into the pixels of frames and images (names, dates, IDs) to be checked and removed
 * before sharing; what the `ppocr-text-det` model proposes.
 */
export const BURNED_IN_TEXT_LABEL_SET = builtin(burnedInText);

/**
 * Colonoscopy video tagged the way an endoscopist reviews a recording: a timeline of events, each
 * a run of frames marked with `[` and `]` and tagged by one number key (one frameRange record per
 * run, runs of different events may overlap), and optionally where a frame was taken. "Not
 * assessable" covers what makes a stretch unreadable (blur, bubbles, stool, the scope out of the
 * body), so those frames can be left out of training and of per-frame statistics. Only bleeding
 * carries a SNOMED CT code: the other events are findings of the recording, not of the patient.
 * Lesions are boxed (or outlined) on a paused frame with uc-endoscopy's lesion classes and letter
 * keys, clear of the player's keys and the drawing tools'. Version 2 added the lesion question;
 * version 1 stays stored for datasets made with it.
 */
export const ENDOSCOPY_VIDEO_LABEL_SET = builtin(endoscopyVideo);

/**
 * Earlier versions of built-in sets, still stored at start so datasets, scripts and imports made
 * with them keep working on a new database. Only the versions above are offered for new datasets.
 */
export const PREVIOUS_BUILTIN_LABEL_SETS: readonly LabelSet[] = [builtin(sahSliceV1), builtin(endoscopyVideoV1)];

export const BUILTIN_LABEL_SETS: readonly LabelSet[] = [
  SAH_SLICE_LABEL_SET,
  ICH_SUBTYPE_LABEL_SET,
  UC_ENDOSCOPY_LABEL_SET,
  FUNDUS_GRADING_LABEL_SET,
  GASTRIC_BIOPSY_LABEL_SET,
  BURNED_IN_TEXT_LABEL_SET,
  ENDOSCOPY_VIDEO_LABEL_SET,
];
