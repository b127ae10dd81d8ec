/**
 * Which sections of the admin screen a user gets: an admin runs the installation (accounts,
 * label sets, datasets, uploads, models, the audit log) and assigns; a WG lead assigns (the server says the same).
 */
import type { Role } from '../../core/api';

export type AdminSection = 'users' | 'labelSets' | 'datasets' | 'upload' | 'assign' | 'models' | 'audit';

const SECTIONS: readonly AdminSection[] = ['users', 'labelSets', 'datasets', 'upload', 'assign', 'models', 'audit'];

const SECTIONS_OF: Readonly<Partial<Record<Role, readonly AdminSection[]>>> = {
  admin: SECTIONS,
  wgLead: ['assign'],
};

export function adminSections(roles: readonly Role[]): AdminSection[] {
  const granted = new Set(roles.flatMap((role) => SECTIONS_OF[role] ?? []));
  return SECTIONS.filter((section) => granted.has(section));
}
