import { EventsV1Api } from '@kubernetes/client-node';
import type { EventsV1Event, KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { describeKubeError } from './kube-errors.ts';
import { MicroTime } from './micro-time.ts';

/** What a user should see about an object in `kubectl describe` / `kubectl events`. */
export interface ObjectEvent {
  readonly type: 'Normal' | 'Warning';
  /** CamelCase, e.g. `TokenRejected`. */
  readonly reason: string;
  /** What the controller did, e.g. `ValidateToken`. */
  readonly action: string;
  readonly note: string;
}

/** Records events.k8s.io/v1 Events about objects. */
export interface EventRecorder {
  record(object: KubernetesObject, event: ObjectEvent): Promise<void>;
}

/** Options of {@link createEventRecorder}. */
export interface EventRecorderOptions {
  readonly kubeConfig: KubeConfig;
  /** `reportingController`, e.g. `pyairtable.io/operator`. */
  readonly controller: string;
  /** `reportingInstance`: this replica. */
  readonly instance: string;
  readonly logger: Logger;
  /** The same event about the same object is not repeated within this window (default 10 min). */
  readonly repeatAfterMs?: number;
}

/**
 * An event recorder. A reconcile that keeps failing the same way would otherwise add an
 * Event per retry; identical events about one object are kept back for a while instead.
 */
export function createEventRecorder(options: EventRecorderOptions): EventRecorder {
  const api = options.kubeConfig.makeApiClient(EventsV1Api);
  const repeatAfterMs = options.repeatAfterMs ?? 10 * 60_000;
  const lastSent = new Map<string, number>();
  return {
    async record(object, event) {
      const { namespace = 'default', name = '', uid } = object.metadata ?? {};
      const identity = `${uid ?? `${namespace}/${name}`}|${event.type}|${event.reason}|${event.note}`;
      const now = Date.now();
      const previous = lastSent.get(identity);
      if (previous !== undefined && now - previous < repeatAfterMs) return;
      lastSent.set(identity, now);
      if (lastSent.size > 10_000) lastSent.clear();
      const body: EventsV1Event = {
        // client-go's naming: the object's name and a unique hex suffix (generateName would
        // itself have to be a valid DNS subdomain, which `name.` is not).
        metadata: { name: `${name}.${eventSuffix()}`, namespace },
        eventTime: new MicroTime(now),
        reportingController: options.controller,
        reportingInstance: options.instance,
        action: event.action,
        reason: event.reason,
        note: event.note.slice(0, 1024),
        type: event.type,
        regarding: {
          ...(object.apiVersion === undefined ? {} : { apiVersion: object.apiVersion }),
          ...(object.kind === undefined ? {} : { kind: object.kind }),
          name,
          namespace,
          ...(uid === undefined ? {} : { uid }),
          ...(object.metadata?.resourceVersion === undefined
            ? {}
            : { resourceVersion: object.metadata.resourceVersion }),
        },
      };
      try {
        await api.createNamespacedEvent({ namespace, body });
      } catch (error) {
        // Events are advisory: failing to record one must not fail the reconcile.
        options.logger.warn(
          { error: describeKubeError(error), reason: event.reason },
          'could not record an event',
        );
      }
    },
  };
}

function eventSuffix(): string {
  return `${Date.now().toString(16)}${randomBytes(3).toString('hex')}`;
}
