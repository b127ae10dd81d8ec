import { describe, expect, it } from 'vitest';
import { canAdjudicate, canMakeRelease, canReadReleases } from './releaseRoles';

describe('release roles', () => {
  it('shows releases to WG leads and admins, and their actions to WG leads only', () => {
    expect([canReadReleases(['wgLead']), canMakeRelease(['wgLead']), canAdjudicate(['wgLead'])]).toEqual([true, true, true]);
    expect([canReadReleases(['admin']), canMakeRelease(['admin']), canAdjudicate(['admin'])]).toEqual([true, false, false]);
    expect([canReadReleases(['annotator', 'reviewer']), canMakeRelease(['reviewer']), canAdjudicate(['reviewer'])]).toEqual([false, false, false]);
  });
});
