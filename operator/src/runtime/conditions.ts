/** A `metav1.Condition`. */
export interface Condition {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  /** CamelCase, machine-readable. */
  readonly reason: string;
  readonly message: string;
  readonly observedGeneration?: number;
  /** RFC 3339; changes only when `status` changes. */
  readonly lastTransitionTime: string;
}

/** A condition as a reconciler states it; the runtime fills in the bookkeeping. */
export type DesiredCondition = Omit<Condition, 'lastTransitionTime' | 'observedGeneration'>;

/**
 * The conditions with `desired` set, following metav1.Condition semantics: the transition
 * time is kept unless the status changed, so "Ready for 3 days" stays true across reconciles
 * that only refresh the message; each condition records the generation it was computed for.
 */
export function setConditions(
  existing: readonly Condition[] | undefined,
  desired: readonly DesiredCondition[],
  generation: number | undefined,
  now: Date = new Date(),
): Condition[] {
  const byType = new Map((existing ?? []).map((condition) => [condition.type, condition]));
  for (const condition of desired) {
    const previous = byType.get(condition.type);
    byType.set(condition.type, {
      type: condition.type,
      status: condition.status,
      reason: condition.reason,
      message: condition.message,
      ...(generation === undefined ? {} : { observedGeneration: generation }),
      lastTransitionTime:
        previous !== undefined && previous.status === condition.status
          ? previous.lastTransitionTime
          : now.toISOString(),
    });
  }
  return [...byType.values()];
}

/** The condition of `type`, if present. */
export function findCondition(
  conditions: readonly Condition[] | undefined,
  type: string,
): Condition | undefined {
  return conditions?.find((condition) => condition.type === type);
}
