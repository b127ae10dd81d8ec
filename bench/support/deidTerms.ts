/**
 * The de-identification terms every deid benchmark uses, in Node and on the benchmark page alike
 * (so nothing here imports Node): a dataset's usual choice, dates shifted by the keyed per-patient
 * offset and descriptors cleaned, under a fixed project key.
 */
import type { DeidOptions } from '../../src/core/deid/policy';

export const DEID_BENCH_OPTIONS: DeidOptions = { temporal: 'modifiedDates', retainPatientCharacteristics: false, retainDeviceIdentity: false, cleanDescriptors: true, cleanStructuredContent: false, retainSafePrivate: false };

export const DEID_BENCH_KEY: Uint8Array<ArrayBuffer> = new Uint8Array(32).fill(7);
