import { accessLayerClient } from './access-layer-client.ts';
import { airtableJsClient } from './airtable-js-client.ts';
import type { ClientKind } from './conformance-client.ts';

/** Every client the shared cases run through, for `describe.each`. */
export const CLIENT_KINDS: readonly ClientKind[] = [airtableJsClient, accessLayerClient];
