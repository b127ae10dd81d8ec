import { describe, expect, it } from 'vitest';
import { dateRangeOf, parseQidoQuery } from './qido';

describe('QIDO StudyDate matching', () => {
  it('reads a date, a closed range and ranges open at either end', () => {
    expect(dateRangeOf('20200101')).toEqual({ from: '20200101', to: '20200101' });
    expect(dateRangeOf('20200101-20201231')).toEqual({ from: '20200101', to: '20201231' });
    expect(dateRangeOf('20200101-')).toEqual({ from: '20200101', to: null });
    expect(dateRangeOf('-20201231')).toEqual({ from: null, to: '20201231' });
  });

  it('takes nothing else for a date', () => {
    for (const text of ['', '-', '2020', '2020-01-01', '20200101--20201231', '20200101-2020']) expect(dateRangeOf(text)).toBeNull();
  });

  it('names a malformed StudyDate among the ignored keys', () => {
    expect(parseQidoQuery({ StudyDate: '2020' })).toMatchObject({ query: { studyDate: null }, unsupported: ['StudyDate'] });
    expect(parseQidoQuery({ '00080020': '20200101-', AccessionNumber: ' A1 ' })).toMatchObject({ query: { studyDate: { from: '20200101', to: null }, accessionNumber: 'A1' }, unsupported: [] });
  });
});
