/**
 * The demo bases the emulator loads by default: a Sales CRM and a Project tracker, with fixed
 * ids (see demo-ids.ts) and data dated around DEMO_REFERENCE_DATE rather than today.
 */
import type { SeedBase } from '../seed-format.ts';
import { projectsBase } from './projects-base.ts';
import { salesBase } from './sales-base.ts';

/** Fresh copies of the demo bases; every call returns the same ids and values. */
export function demoBases(): SeedBase[] {
  return [salesBase(), projectsBase()];
}
