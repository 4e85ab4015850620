import type * as pulumi from '@pulumi/pulumi';

/** The two kinds of stack: the local kind cluster and a production cluster. */
export type Environment = 'kind' | 'production';

/** CPU and memory of one container. Memory limits only: CPU limits just throttle. */
export interface Resources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly memory: string };
}

/** A bucket Loki keeps chunks and indexes in (required with more than one Loki replica). */
export interface ObjectStorage {
  readonly type: 's3' | 'gcs';
  readonly bucket: string;
  readonly region?: string;
  readonly endpoint?: string;
  /** Annotations binding Loki's ServiceAccount to a cloud identity (no keys in config). */
  readonly serviceAccountAnnotations?: Readonly<Record<string, string>>;
}

/** Everything the program varies between stacks, validated and typed. */
export interface Settings {
  readonly environment: Environment;
  /** StorageClass of every volume without a more specific one; unset: the cluster's default. */
  readonly storageClass: string | undefined;
  readonly postgres: {
    readonly instances: number;
    readonly storageSize: string;
    readonly storageClass: string | undefined;
    readonly resources: Resources;
  };
  readonly redis: {
    readonly storageSize: string;
    readonly maxMemory: string;
    readonly resources: Resources;
  };
  readonly prometheus: {
    readonly replicas: number;
    readonly retention: string;
    readonly storageSize: string;
    readonly resources: Resources;
  };
  readonly alertmanager: {
    readonly replicas: number;
    /** Where alerts go; undefined on kind, where Alertmanager has no receiver at all. */
    readonly webhookUrl: pulumi.Output<string> | undefined;
  };
  /** Grafana's NodePort on kind (kind-config.yaml publishes it on 127.0.0.1:3000). */
  readonly grafanaNodePort: number | undefined;
  readonly loki: {
    readonly replicas: number;
    readonly storageSize: string;
    readonly objectStorage: ObjectStorage | undefined;
  };
  readonly tempo: { readonly storageSize: string; readonly retention: string };
  readonly prometheusAdapterReplicas: number;
  readonly app: {
    /** Deploy charts/pyairtable from this program (false: Tilt deploys it on kind). */
    readonly release: boolean;
    /** Run the Airtable emulator and point the services at it instead of Airtable. */
    readonly airtableEmulator: boolean;
    /** Registry and path the images are pushed under: `<imageRegistry>/<component>:<imageTag>`. */
    readonly imageRegistry: string;
    readonly imageTag: string;
  };
}

const small = (cpu: string, memory: string, limit: string): Resources => ({
  requests: { cpu, memory },
  limits: { memory: limit },
});

/**
 * What differs between a laptop and production, before per-stack config: kind runs one of
 * everything on small volumes; production runs Postgres, Prometheus, Alertmanager and Loki with
 * replicas spread over nodes. (The services' replicas and autoscaling are the app chart's, in its
 * values-dev.yaml and values-production.yaml.)
 */
const ENVIRONMENT_DEFAULTS = {
  kind: {
    postgres: { instances: 1, storageSize: '2Gi', resources: small('100m', '256Mi', '512Mi') },
    redis: { storageSize: '1Gi', maxMemory: '200mb', resources: small('50m', '64Mi', '256Mi') },
    prometheus: {
      replicas: 1,
      retention: '2d',
      storageSize: '5Gi',
      resources: small('100m', '512Mi', '1Gi'),
    },
    alertmanagerReplicas: 1,
    loki: { replicas: 1, storageSize: '5Gi' },
    tempo: { storageSize: '2Gi', retention: '24h' },
    prometheusAdapterReplicas: 1,
  },
  production: {
    postgres: { instances: 3, storageSize: '50Gi', resources: small('1', '2Gi', '4Gi') },
    redis: { storageSize: '10Gi', maxMemory: '1536mb', resources: small('250m', '1Gi', '2Gi') },
    prometheus: {
      replicas: 2,
      retention: '15d',
      storageSize: '100Gi',
      resources: small('500m', '4Gi', '8Gi'),
    },
    alertmanagerReplicas: 3,
    loki: { replicas: 3, storageSize: '20Gi' },
    tempo: { storageSize: '50Gi', retention: '168h' },
    prometheusAdapterReplicas: 2,
  },
} as const;

/** The parts of pulumi.Config the settings are read through. */
export type ConfigReader = Pick<
  pulumi.Config,
  'get' | 'require' | 'getBoolean' | 'getNumber' | 'getObject' | 'requireSecret'
>;

function environmentOf(config: ConfigReader): Environment {
  const value = config.require('environment');
  if (value !== 'kind' && value !== 'production') {
    throw new Error(`pyairtable:environment must be "kind" or "production" (got "${value}")`);
  }
  return value;
}

function objectStorageOf(config: ConfigReader): ObjectStorage | undefined {
  const value = config.getObject<Partial<ObjectStorage>>('lokiObjectStorage');
  if (value === undefined) return undefined;
  if ((value.type !== 's3' && value.type !== 'gcs') || typeof value.bucket !== 'string') {
    throw new Error('pyairtable:lokiObjectStorage needs "type" (s3 or gcs) and "bucket"');
  }
  return { ...value, type: value.type, bucket: value.bucket };
}

/** Reads and checks a stack's configuration (`pyairtable:*` keys, see infra/README.md). */
export function loadSettings(config: ConfigReader): Settings {
  const environment = environmentOf(config);
  const defaults = ENVIRONMENT_DEFAULTS[environment];
  const production = environment === 'production';
  const storageClass = config.get('storageClass');
  const objectStorage = objectStorageOf(config);
  if (production && storageClass === undefined) {
    throw new Error('pyairtable:storageClass is required on a production stack');
  }
  if (defaults.loki.replicas > 1 && objectStorage === undefined) {
    throw new Error(
      'pyairtable:lokiObjectStorage is required: Loki replicas share chunks through a bucket',
    );
  }
  const airtableEmulator = config.getBoolean('airtableEmulator') ?? false;
  if (production && airtableEmulator) {
    throw new Error('pyairtable:airtableEmulator cannot be on in production: it is a test double');
  }
  return {
    environment,
    storageClass,
    postgres: {
      ...defaults.postgres,
      storageClass: config.get('postgresStorageClass') ?? storageClass,
    },
    redis: defaults.redis,
    prometheus: defaults.prometheus,
    alertmanager: {
      replicas: defaults.alertmanagerReplicas,
      // Production must page someone; kind must not (no receivers at all).
      webhookUrl: production ? config.requireSecret('alertWebhookUrl') : undefined,
    },
    grafanaNodePort: config.getNumber('grafanaNodePort'),
    loki: { ...defaults.loki, objectStorage },
    tempo: defaults.tempo,
    prometheusAdapterReplicas: defaults.prometheusAdapterReplicas,
    app: {
      release: config.getBoolean('appRelease') ?? true,
      airtableEmulator,
      imageRegistry: config.require('imageRegistry'),
      imageTag: config.require('imageTag'),
    },
  };
}
