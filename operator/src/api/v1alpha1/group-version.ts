/** The API group of the operator's resources. */
export const GROUP = 'pyairtable.io';

/** The one served and stored version of the operator's resources. */
export const VERSION = 'v1alpha1';

/** `apiVersion` of Tenant and Workspace objects. */
export const API_VERSION = `${GROUP}/${VERSION}` as const;

/** The category both kinds belong to: `kubectl get pyairtable` lists them together. */
export const CATEGORY = 'pyairtable';
