import { Type } from 'typebox';
import type { Static } from 'typebox';

/**
 * One `metav1.Condition`, with the bounds and patterns Kubernetes gives it, so a condition
 * the operator writes through `/status` is checked exactly as the built-in kinds' are.
 */
export const Condition = Type.Object(
  {
    type: Type.String({
      description: 'Type of condition in CamelCase, e.g. Ready.',
      minLength: 1,
      maxLength: 316,
      pattern:
        '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$',
    }),
    status: Type.Union([Type.Literal('True'), Type.Literal('False'), Type.Literal('Unknown')], {
      description: 'Status of the condition: True, False or Unknown.',
    }),
    reason: Type.String({
      description: "A CamelCase word saying why the condition's status last changed.",
      minLength: 1,
      maxLength: 1024,
      pattern: '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$',
    }),
    message: Type.String({
      description: 'A human readable message with details about the transition.',
      maxLength: 32_768,
    }),
    observedGeneration: Type.Optional(
      Type.Integer({
        description: 'The metadata.generation the condition was set from.',
        minimum: 0,
        format: 'int64',
      }),
    ),
    lastTransitionTime: Type.String({
      description: 'When the status last changed from one value to another.',
      format: 'date-time',
    }),
  },
  { additionalProperties: false },
);
/** One `metav1.Condition`. */
export type Condition = Static<typeof Condition>;

/** A resource's conditions: at most one per type (a list map keyed by `type`). */
export const Conditions = Type.Array(Condition, {
  description: 'The latest observations of the resource, one per condition type.',
  maxItems: 32,
  'x-kubernetes-list-type': 'map',
  'x-kubernetes-list-map-keys': ['type'],
});
/** A resource's conditions. */
export type Conditions = Static<typeof Conditions>;

/** The status a condition can have. */
export type ConditionStatus = Condition['status'];
