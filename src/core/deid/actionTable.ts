/**
 * PS3.15 Table E.1-1 (Application Level Confidentiality Profile Attributes) as data: the action of
 * the Basic Profile per attribute and, where an option changes it, the option's action. The rows
 * are those of the table that occur in the images this app imports (patient, study, series,
 * equipment, physicians, requests, SR content, UIDs, overlays, signatures); every private
 * attribute is removed unless safe-listed (safePrivate.ts).
 *
 * Actions (PS3.15 E.1.1): D replace with a dummy value, Z empty (zero length), X remove,
 * K keep, C clean (keep, with identifying text taken out; dates shifted), U replace a UID by the
 * keyed one. Where the table gives a choice (X/Z, X/Z/D) this picks the first action that keeps a
 * valid object: X for Type 3 attributes, Z where the attribute is Type 2 in common IODs; where the
 * choice ends in D and an enhanced IOD requires the attribute (instanceKind.ts), `enhanced` says D
 * there. `X/Z/U*`
 * sequences (Referenced Image, Source Image) are kept with every UID inside them replaced (U*).
 */

export type DeidAction = 'D' | 'Z' | 'X' | 'K' | 'C' | 'U';

/** The option columns of Table E.1-1 this table fills (dates and times follow one rule, see resolveAction). */
export type OptionColumn = 'patientCharacteristics' | 'deviceIdentity' | 'cleanDescriptors' | 'cleanStructuredContent';

export interface ActionRow {
  /** 8 hex digits, upper case, `xx` for a repeating group (overlays, curves): `60xx3000`. */
  readonly tag: string;
  readonly keyword: string;
  readonly basic: DeidAction;
  /** The action in an enhanced IOD, where the attribute is Type 1 or 1C (the table's `Z/D`, `X/D`). */
  readonly enhanced?: DeidAction;
  readonly options?: Partial<Record<OptionColumn, DeidAction>>;
}

const PC = { patientCharacteristics: 'K' } as const;
const DEV = { deviceIdentity: 'K' } as const;
const DESC = { cleanDescriptors: 'C' } as const;
const SR = { cleanStructuredContent: 'C' } as const;

export const ACTION_TABLE: readonly ActionRow[] = [
  { tag: '00080012', keyword: 'InstanceCreationDate', basic: 'X' },
  { tag: '00080013', keyword: 'InstanceCreationTime', basic: 'X' },
  { tag: '00080014', keyword: 'InstanceCreatorUID', basic: 'U' },
  { tag: '00080015', keyword: 'InstanceCoercionDateTime', basic: 'X' },
  { tag: '00080018', keyword: 'SOPInstanceUID', basic: 'U' },
  { tag: '00080020', keyword: 'StudyDate', basic: 'Z' },
  { tag: '00080021', keyword: 'SeriesDate', basic: 'X' },
  { tag: '00080022', keyword: 'AcquisitionDate', basic: 'X' },
  { tag: '00080023', keyword: 'ContentDate', basic: 'Z', enhanced: 'D' },
  { tag: '00080024', keyword: 'OverlayDate', basic: 'X' },
  { tag: '00080025', keyword: 'CurveDate', basic: 'X' },
  { tag: '0008002A', keyword: 'AcquisitionDateTime', basic: 'X', enhanced: 'D' },
  { tag: '00080030', keyword: 'StudyTime', basic: 'Z' },
  { tag: '00080031', keyword: 'SeriesTime', basic: 'X' },
  { tag: '00080032', keyword: 'AcquisitionTime', basic: 'X' },
  { tag: '00080033', keyword: 'ContentTime', basic: 'Z', enhanced: 'D' },
  { tag: '00080034', keyword: 'OverlayTime', basic: 'X' },
  { tag: '00080035', keyword: 'CurveTime', basic: 'X' },
  { tag: '00080050', keyword: 'AccessionNumber', basic: 'Z' },
  { tag: '00080080', keyword: 'InstitutionName', basic: 'X' },
  { tag: '00080081', keyword: 'InstitutionAddress', basic: 'X' },
  { tag: '00080082', keyword: 'InstitutionCodeSequence', basic: 'X' },
  { tag: '00080090', keyword: 'ReferringPhysicianName', basic: 'Z' },
  { tag: '00080092', keyword: 'ReferringPhysicianAddress', basic: 'X' },
  { tag: '00080094', keyword: 'ReferringPhysicianTelephoneNumbers', basic: 'X' },
  { tag: '00080096', keyword: 'ReferringPhysicianIdentificationSequence', basic: 'X' },
  { tag: '0008009C', keyword: 'ConsultingPhysicianName', basic: 'Z' },
  { tag: '0008009D', keyword: 'ConsultingPhysicianIdentificationSequence', basic: 'X' },
  { tag: '00080201', keyword: 'TimezoneOffsetFromUTC', basic: 'X' },
  { tag: '00081010', keyword: 'StationName', basic: 'X', options: DEV },
  { tag: '00081030', keyword: 'StudyDescription', basic: 'X', options: DESC },
  { tag: '0008103E', keyword: 'SeriesDescription', basic: 'X', options: DESC },
  { tag: '00081040', keyword: 'InstitutionalDepartmentName', basic: 'X' },
  { tag: '00081048', keyword: 'PhysiciansOfRecord', basic: 'X' },
  { tag: '00081049', keyword: 'PhysiciansOfRecordIdentificationSequence', basic: 'X' },
  { tag: '00081050', keyword: 'PerformingPhysicianName', basic: 'X' },
  { tag: '00081052', keyword: 'PerformingPhysicianIdentificationSequence', basic: 'X' },
  { tag: '00081060', keyword: 'NameOfPhysiciansReadingStudy', basic: 'X' },
  { tag: '00081062', keyword: 'PhysiciansReadingStudyIdentificationSequence', basic: 'X' },
  { tag: '00081070', keyword: 'OperatorsName', basic: 'X' },
  { tag: '00081072', keyword: 'OperatorIdentificationSequence', basic: 'X' },
  { tag: '00081080', keyword: 'AdmittingDiagnosesDescription', basic: 'X', options: DESC },
  { tag: '00081084', keyword: 'AdmittingDiagnosesCodeSequence', basic: 'X', options: DESC },
  { tag: '00081110', keyword: 'ReferencedStudySequence', basic: 'X' },
  { tag: '00081111', keyword: 'ReferencedPerformedProcedureStepSequence', basic: 'X' },
  { tag: '00081120', keyword: 'ReferencedPatientSequence', basic: 'X' },
  { tag: '00081140', keyword: 'ReferencedImageSequence', basic: 'K' },
  { tag: '00081155', keyword: 'ReferencedSOPInstanceUID', basic: 'U' },
  { tag: '00081195', keyword: 'TransactionUID', basic: 'U' },
  { tag: '00082111', keyword: 'DerivationDescription', basic: 'X', options: DESC },
  { tag: '00082112', keyword: 'SourceImageSequence', basic: 'K' },
  { tag: '00083010', keyword: 'IrradiationEventUID', basic: 'U' },
  { tag: '00084000', keyword: 'IdentifyingComments', basic: 'X' },
  { tag: '00100010', keyword: 'PatientName', basic: 'Z' },
  { tag: '00100020', keyword: 'PatientID', basic: 'Z' },
  { tag: '00100021', keyword: 'IssuerOfPatientID', basic: 'X' },
  { tag: '00100030', keyword: 'PatientBirthDate', basic: 'Z' },
  { tag: '00100032', keyword: 'PatientBirthTime', basic: 'X' },
  { tag: '00100040', keyword: 'PatientSex', basic: 'Z', options: PC },
  { tag: '00100050', keyword: 'PatientInsurancePlanCodeSequence', basic: 'X' },
  { tag: '00101000', keyword: 'OtherPatientIDs', basic: 'X' },
  { tag: '00101001', keyword: 'OtherPatientNames', basic: 'X' },
  { tag: '00101002', keyword: 'OtherPatientIDsSequence', basic: 'X' },
  { tag: '00101005', keyword: 'PatientBirthName', basic: 'X' },
  { tag: '00101010', keyword: 'PatientAge', basic: 'X', options: PC },
  { tag: '00101020', keyword: 'PatientSize', basic: 'X', options: PC },
  { tag: '00101030', keyword: 'PatientWeight', basic: 'X', options: PC },
  { tag: '00101040', keyword: 'PatientAddress', basic: 'X' },
  { tag: '00101060', keyword: 'PatientMotherBirthName', basic: 'X' },
  { tag: '00101080', keyword: 'MilitaryRank', basic: 'X' },
  { tag: '00101081', keyword: 'BranchOfService', basic: 'X' },
  { tag: '00101090', keyword: 'MedicalRecordLocator', basic: 'X' },
  { tag: '00102000', keyword: 'MedicalAlerts', basic: 'X', options: PC },
  { tag: '00102110', keyword: 'Allergies', basic: 'X', options: PC },
  { tag: '00102150', keyword: 'CountryOfResidence', basic: 'X' },
  { tag: '00102152', keyword: 'RegionOfResidence', basic: 'X' },
  { tag: '00102154', keyword: 'PatientTelephoneNumbers', basic: 'X' },
  { tag: '00102160', keyword: 'EthnicGroup', basic: 'X', options: PC },
  { tag: '00102180', keyword: 'Occupation', basic: 'X', options: PC },
  { tag: '001021A0', keyword: 'SmokingStatus', basic: 'X', options: PC },
  { tag: '001021B0', keyword: 'AdditionalPatientHistory', basic: 'X', options: { ...PC, ...DESC } },
  { tag: '001021C0', keyword: 'PregnancyStatus', basic: 'X', options: PC },
  { tag: '001021D0', keyword: 'LastMenstrualDate', basic: 'X', options: PC },
  { tag: '001021F0', keyword: 'PatientReligiousPreference', basic: 'X' },
  { tag: '00104000', keyword: 'PatientComments', basic: 'X', options: DESC },
  { tag: '00180010', keyword: 'ContrastBolusAgent', basic: 'Z', options: DESC },
  { tag: '00181000', keyword: 'DeviceSerialNumber', basic: 'X', enhanced: 'D', options: DEV },
  { tag: '00181002', keyword: 'DeviceUID', basic: 'U', options: DEV },
  { tag: '00181004', keyword: 'PlateID', basic: 'X', options: DEV },
  { tag: '00181005', keyword: 'GeneratorID', basic: 'X', options: DEV },
  { tag: '00181007', keyword: 'CassetteID', basic: 'X', options: DEV },
  { tag: '00181008', keyword: 'GantryID', basic: 'X', options: DEV },
  { tag: '00181030', keyword: 'ProtocolName', basic: 'X', options: DESC },
  { tag: '00181400', keyword: 'AcquisitionDeviceProcessingDescription', basic: 'X', options: DESC },
  { tag: '00184000', keyword: 'AcquisitionComments', basic: 'X', options: DESC },
  { tag: '0018700A', keyword: 'DetectorID', basic: 'X', options: DEV },
  { tag: '00189424', keyword: 'AcquisitionProtocolDescription', basic: 'X', options: DESC },
  { tag: '0018A003', keyword: 'ContributionDescription', basic: 'X', options: DESC },
  { tag: '0020000D', keyword: 'StudyInstanceUID', basic: 'U' },
  { tag: '0020000E', keyword: 'SeriesInstanceUID', basic: 'U' },
  { tag: '00200010', keyword: 'StudyID', basic: 'Z' },
  { tag: '00200052', keyword: 'FrameOfReferenceUID', basic: 'U' },
  { tag: '00200200', keyword: 'SynchronizationFrameOfReferenceUID', basic: 'U' },
  { tag: '00204000', keyword: 'ImageComments', basic: 'X', options: DESC },
  { tag: '00209161', keyword: 'ConcatenationUID', basic: 'U' },
  { tag: '00209164', keyword: 'DimensionOrganizationUID', basic: 'U' },
  { tag: '00321032', keyword: 'RequestingPhysician', basic: 'X' },
  { tag: '00321033', keyword: 'RequestingService', basic: 'X' },
  { tag: '00321060', keyword: 'RequestedProcedureDescription', basic: 'X', options: DESC },
  { tag: '00321070', keyword: 'RequestedContrastAgent', basic: 'X', options: DESC },
  { tag: '00380010', keyword: 'AdmissionID', basic: 'X' },
  { tag: '00380300', keyword: 'CurrentPatientLocation', basic: 'X' },
  { tag: '00380400', keyword: 'PatientInstitutionResidence', basic: 'X' },
  { tag: '00380500', keyword: 'PatientState', basic: 'X', options: { ...PC, ...DESC } },
  { tag: '00384000', keyword: 'VisitComments', basic: 'X', options: DESC },
  { tag: '00400244', keyword: 'PerformedProcedureStepStartDate', basic: 'X' },
  { tag: '00400245', keyword: 'PerformedProcedureStepStartTime', basic: 'X' },
  { tag: '00400253', keyword: 'PerformedProcedureStepID', basic: 'X' },
  { tag: '00400254', keyword: 'PerformedProcedureStepDescription', basic: 'X', options: DESC },
  { tag: '00400275', keyword: 'RequestAttributesSequence', basic: 'X' },
  { tag: '00401001', keyword: 'RequestedProcedureID', basic: 'X' },
  { tag: '00402016', keyword: 'PlacerOrderNumberImagingServiceRequest', basic: 'Z' },
  { tag: '00402017', keyword: 'FillerOrderNumberImagingServiceRequest', basic: 'Z' },
  { tag: '00404036', keyword: 'HumanPerformerOrganization', basic: 'X' },
  { tag: '00404037', keyword: 'HumanPerformerName', basic: 'X' },
  { tag: '0040A073', keyword: 'VerifyingObserverSequence', basic: 'D' },
  { tag: '0040A075', keyword: 'VerifyingObserverName', basic: 'D' },
  { tag: '0040A088', keyword: 'VerifyingObserverIdentificationCodeSequence', basic: 'Z' },
  { tag: '0040A123', keyword: 'PersonName', basic: 'D' },
  { tag: '0040A124', keyword: 'UID', basic: 'U' },
  { tag: '0040A160', keyword: 'TextValue', basic: 'X', options: SR },
  { tag: '0040A730', keyword: 'ContentSequence', basic: 'X', options: SR },
  { tag: '00880140', keyword: 'StorageMediaFileSetUID', basic: 'U' },
  { tag: '30060024', keyword: 'ReferencedFrameOfReferenceUID', basic: 'U' },
  { tag: '300600C2', keyword: 'RelatedFrameOfReferenceUID', basic: 'U' },
  { tag: '04000100', keyword: 'DigitalSignatureUID', basic: 'X' },
  { tag: '04000402', keyword: 'ReferencedDigitalSignatureSequence', basic: 'X' },
  { tag: '04000403', keyword: 'ReferencedSOPInstanceMACSequence', basic: 'X' },
  { tag: '04000561', keyword: 'OriginalAttributesSequence', basic: 'X' },
  { tag: '4FFE0001', keyword: 'MACParametersSequence', basic: 'X' },
  { tag: '50xx0000', keyword: 'CurveData', basic: 'X' },
  { tag: '60xx3000', keyword: 'OverlayData', basic: 'X' },
  { tag: '60xx4000', keyword: 'OverlayComments', basic: 'X' },
  { tag: 'FFFAFFFA', keyword: 'DigitalSignaturesSequence', basic: 'X' },
];

const EXACT = new Map(ACTION_TABLE.filter((row) => !row.tag.includes('x')).map((row) => [row.tag, row]));
const REPEATING = ACTION_TABLE.filter((row) => row.tag.includes('x'));

/** The row of a tag (8 upper-case hex digits); repeating groups 50xx/60xx match any even group of their range. */
export function actionRowOf(tag: string): ActionRow | undefined {
  const exact = EXACT.get(tag);
  if (exact) return exact;
  return REPEATING.find((row) => {
    const group = row.tag.slice(0, 2);
    // Curve Data is every element of groups 5000–501E; overlays only the listed element.
    const element = row.keyword === 'CurveData' ? tag.slice(4) : row.tag.slice(4);
    return tag.startsWith(group) && Number.parseInt(tag.slice(2, 4), 16) % 2 === 0 && Number.parseInt(tag.slice(2, 4), 16) <= 0x1e && tag.slice(4) === element;
  });
}
