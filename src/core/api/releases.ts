import type { AgreementReport } from '../agreement';
import type { Question } from '../labelSet';

/** One export file of a release; its bytes: GET /api/releases/:id/files/:name (ETag = sha256). */
export interface ReleaseFile {
  readonly name: string;
  readonly mediaType: string;
  /** Lower-case hex SHA-256 of the bytes. */
  readonly sha256: string;
  readonly size: number;
}

/**
 * POST /api/datasets/:id/releases → 201 ReleaseSummary; GET /api/datasets/:id/releases →
 * { releases: ReleaseSummary[] } (newest first). A release never changes once made.
 */
export interface ReleaseSummary {
  readonly id: string;
  readonly datasetId: string;
  /** 1, 2, … per dataset. */
  readonly number: number;
  readonly createdAt: string;
  readonly createdBy: string | null;
  readonly labelSetId: string;
  readonly labelSetVersion: number;
  /** Items with approved work in the release. */
  readonly itemCount: number;
  readonly recordCount: number;
  /** The manifest's own file (`manifest.json`), so a copy can be checked against it. */
  readonly manifest: ReleaseFile;
  readonly files: readonly ReleaseFile[];
}

/** A reader's approved document of one item, as pinned by the release. */
export interface ReleaseReaderEntry {
  /** `reader-1`, `reader-2`…: stable within the release; who they are is not in its files. */
  readonly reader: string;
  /** The document revision that was submitted and approved. */
  readonly revision: number;
  readonly recordCount: number;
}

/**
 * One released item: its readers' approved documents (`source: 'readers'`), or the consensus a WG
 * lead's decisions made of its handed-in readers' work (`source: 'consensus'`; `readers` empty).
 */
export interface ReleaseManifestItem {
  readonly id: string;
  readonly title: string;
  readonly source: 'readers' | 'consensus';
  readonly readers: readonly ReleaseReaderEntry[];
  /** The compared readers (pseudonyms) and the consensus records released. */
  readonly consensus?: { readonly readers: readonly string[]; readonly recordCount: number };
}

/** `manifest.json` of a release. */
export interface ReleaseManifest {
  readonly format: 'mejirushi-release';
  readonly formatVersion: 1;
  readonly release: number;
  readonly dataset: { readonly id: string; readonly name: string };
  readonly labelSet: { readonly id: string; readonly version: number };
  readonly createdAt: string;
  readonly items: readonly ReleaseManifestItem[];
  readonly questions: readonly Question[];
  /** Records per question and class code (live records: rejected proposals are not counted). */
  readonly counts: {
    readonly items: number;
    readonly records: number;
    readonly byQuestion: Readonly<Record<string, Readonly<Record<string, number>>>>;
  };
  readonly readers: readonly string[];
  readonly files: readonly ReleaseFile[];
  /** How far the released readers agreed over the released work, readers named by their pseudonyms. */
  readonly agreement: AgreementReport;
}

/** GET /api/releases/:id */
export interface ReleaseDetail {
  readonly release: ReleaseSummary;
  readonly manifest: ReleaseManifest;
}
