import { describe, expect, it } from 'vitest';
import { adminSections } from './adminSections';

describe('adminSections', () => {
  it('gives an admin every section, a WG lead the assignment, and readers and reviewers none', () => {
    expect(adminSections(['admin'])).toEqual(['users', 'labelSets', 'datasets', 'upload', 'assign', 'models', 'audit']);
    expect(adminSections(['wgLead'])).toEqual(['assign']);
    expect(adminSections(['wgLead', 'reviewer', 'annotator'])).toEqual(['assign']);
    expect(adminSections(['annotator', 'reviewer'])).toEqual([]);
  });
});
