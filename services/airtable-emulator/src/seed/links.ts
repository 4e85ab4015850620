/**
 * Keeps both sides of a record link in step: generators choose the "many" side (each contact's
 * company) and derive the other (each company's contacts) from it, so the two always agree.
 */

/**
 * For each of `targetCount` target records, the ids of the source records that link to it,
 * in source order. `targetsOfSource[i]` lists the target indexes source `i` links to.
 */
export function inverseLinks(
  sourceIds: readonly string[],
  targetsOfSource: readonly (readonly number[])[],
  targetCount: number,
): string[][] {
  const inverse: string[][] = Array.from({ length: targetCount }, () => []);
  targetsOfSource.forEach((targets, sourceIndex) => {
    const sourceId = sourceIds[sourceIndex];
    if (sourceId === undefined) throw new RangeError(`no source record #${sourceIndex}`);
    for (const target of targets) {
      const linked = inverse[target];
      if (linked === undefined) throw new RangeError(`no target record #${target}`);
      linked.push(sourceId);
    }
  });
  return inverse;
}

/** The ids at `indexes`, for a link cell. */
export function idsAt(ids: readonly string[], indexes: readonly number[]): string[] {
  return indexes.map((index) => {
    const id = ids[index];
    if (id === undefined) throw new RangeError(`no record #${index}`);
    return id;
  });
}
