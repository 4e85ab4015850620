/**
 * The run's settings, read once per VU when the script loads (k6's init stage), for the
 * workloads and entry scripts to share.
 */
import { readCredentials, readRunConfig } from './run-config.ts';

export const config = readRunConfig();
export const credentials = readCredentials();
