import { storeBackends } from './backends.ts';
import { describeSharedStore } from './shared-store-suite.ts';

for (const backend of storeBackends) describeSharedStore(backend);
