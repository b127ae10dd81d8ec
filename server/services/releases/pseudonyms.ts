/**
 * Who did the work, without saying who: a release names its readers `reader-1`, `reader-2`… and
 * anyone else in a record's provenance (a reviewer who edited, who decided on a proposal)
 * `person-1`… The mapping lives only in memory while the release is made, never in its files.
 */
import type { AnnotationRecord, Provenance } from '../../../src/core/annotation';

export class Pseudonyms {
  private readonly names = new Map<string, string>();
  private others = 0;

  /** `readerIds` in a fixed order (so the numbering is stable within the release). */
  constructor(readerIds: readonly string[]) {
    readerIds.forEach((id, i) => this.names.set(id, `reader-${i + 1}`));
  }

  get readers(): string[] {
    return [...this.names.values()].filter((name) => name.startsWith('reader-'));
  }

  of(userId: string): string {
    let name = this.names.get(userId);
    if (name === undefined) {
      this.others += 1;
      name = `person-${this.others}`;
      this.names.set(userId, name);
    }
    return name;
  }

  record(record: AnnotationRecord): AnnotationRecord {
    const { provenance } = record;
    const renamed: Provenance = {
      ...provenance,
      authors: provenance.authors.map((id) => this.of(id)),
      ...(provenance.decidedBy === undefined ? {} : { decidedBy: this.of(provenance.decidedBy) }),
    };
    return { ...record, provenance: renamed };
  }
}
