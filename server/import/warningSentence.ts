/** An import warning as the English sentence the CLI prints (the admin screen translates the code). */
import type { ImportWarning } from '../../src/core/api';

export function warningSentence(warning: ImportWarning): string {
  switch (warning.code) {
    case 'uidReplaced':
      return warning.problem === 'missing'
        ? `it had no ${warning.attribute}; it was given ${warning.replacement}`
        : `its ${warning.attribute} was not a valid UID; it was replaced by ${warning.replacement}`;
    case 'fileMetaAdded':
      return 'the file had no DICOM file header (File Meta); one was added';
  }
}
