/**
 * POST /api/datasets/:id/dicomweb-pull (admin): studies pulled from a PACS over DICOMweb by an
 * import job (202 ImportJob of kind `dicomwebPull`; its report has one outcome per instance).
 */
export interface DicomwebPullRequest extends DicomwebCredentials {
  /** The DICOMweb service root, e.g. `http://pacs:8042/dicom-web`. */
  readonly baseUrl: string;
  readonly studyInstanceUid?: string;
  /** The studies an admin picked from a search (DicomwebQueryAnswer), pulled by one job; not with a study, series or query. */
  readonly studyInstanceUids?: readonly string[];
  /** With a study: only this series of it. */
  readonly seriesInstanceUid?: string;
  /** QIDO-RS matching keys for the studies to pull (`StudyDate`, `ModalitiesInStudy`…) when no study is named; the server decides which it accepts. */
  readonly query?: Readonly<Record<string, string>>;
}

/** HTTP Basic credentials for a PACS; the password only ever in memory, never stored or logged. */
export interface DicomwebCredentials {
  readonly username?: string;
  readonly password?: string;
}

/**
 * POST /api/datasets/:id/dicomweb-query (admin): the studies of a PACS matching a QIDO-RS query,
 * shown for the admin to pick which to pull. Answered, never stored or logged.
 */
export interface DicomwebQueryRequest extends DicomwebCredentials {
  readonly baseUrl: string;
  /** QIDO-RS matching keys (`PatientID`, `StudyDate`, `ModalitiesInStudy`…), passed to the PACS as given. */
  readonly query: Readonly<Record<string, string>>;
}

/** One study as the PACS described it; null where it did not say. */
export interface PacsStudy {
  readonly studyInstanceUid: string;
  /** DICOM DA as the PACS sent it (`YYYYMMDD`). */
  readonly studyDate: string | null;
  readonly description: string | null;
  readonly modalities: readonly string[];
  readonly seriesCount: number | null;
  readonly instanceCount: number | null;
  readonly accessionNumber: string | null;
  readonly patientId: string | null;
}

export interface DicomwebQueryAnswer {
  /** At most MAX_PULLED_STUDIES (100), in the PACS's order. */
  readonly studies: readonly PacsStudy[];
  /** More studies matched than are listed: narrow the query. */
  readonly more: boolean;
}

/** A derived object a dataset pushes to a PACS: an item's DICOM SEG or DICOM SR, as the export routes write it. */
export type PushedObject = 'seg' | 'sr';

/**
 * POST /api/datasets/:id/dicomweb-push (admin): the SEG and SR exports of the dataset's items sent
 * to a PACS by STOW-RS, one page of items per request (200 DicomwebPushAnswer; ask again `after`
 * its `next` for the following page). The password is used for this request only, never stored.
 */
export interface DicomwebPushRequest extends DicomwebCredentials {
  /** The DICOMweb service root, e.g. `http://pacs:8042/dicom-web`. */
  readonly baseUrl: string;
  /** These items only; absent: every item of the dataset that has something to export. */
  readonly itemIds?: readonly string[];
  readonly objects: readonly PushedObject[];
  /** Whose document: a reader's user id or `consensus`; absent: the admin's own, as the export routes. */
  readonly reader?: string;
  /** A region question's id; absent: the label set's only one. */
  readonly question?: string;
  /** The `next` of the previous page; absent: from the first item. */
  readonly after?: string;
}

/** What became of one object sent: stored, found there already (same SOP Instance UID: nothing sent), or refused, and why. */
export type PushOutcome = {
  readonly itemId: string;
  readonly object: PushedObject;
  /** Null when the object could not be written (refused before sending). */
  readonly sopInstanceUid: string | null;
} & ({ readonly status: 'stored' | 'alreadyThere' } | { readonly status: 'refused'; readonly reason: string });

export interface DicomwebPushAnswer {
  readonly outcomes: readonly PushOutcome[];
  /** The item to continue after; null when this page was the last. */
  readonly next: string | null;
  readonly items: PushProgress;
}

/** Of the items a push goes through (the dataset's, or those named), how many lie up to its `next` (all on the last page), and how many in all. */
export interface PushProgress {
  readonly done: number;
  readonly total: number;
}
