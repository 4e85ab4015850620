/**
 * What every entry script under scenarios/ exports besides its workload functions: `options`
 * for the run's profile, the shared `setup()` and `handleSummary`.
 */
import type { Options } from 'k6/options';
import { config, credentials } from './run-context.ts';
import { setupRun } from './run-setup.ts';
import type { RunData } from './run-setup.ts';
import { summaryOutputs } from './run-summary.ts';
import type { SummaryData } from './run-summary.ts';
import { needsAirtable, scriptOptions } from './script-options.ts';
import type { WorkloadDefinition } from './script-options.ts';

/** The exports k6 looks for in an entry script. */
export interface EntryScript {
  readonly options: Options;
  readonly setup: () => RunData;
  readonly handleSummary: (data: SummaryData) => Record<string, string>;
}

/** The k6 lifecycle of a script named `name` that runs `workloads` side by side. */
export function entryScript(name: string, workloads: readonly WorkloadDefinition[]): EntryScript {
  return {
    options: scriptOptions(config, workloads),
    setup: () => setupRun(config, credentials, { airtable: needsAirtable(workloads) }),
    handleSummary: (data) => summaryOutputs(data, name, config),
  };
}
