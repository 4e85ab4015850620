/**
 * An apiserver MicroTime (Event `eventTime`, Lease `renewTime`/`acquireTime`): Kubernetes
 * parses these with exactly six fractional digits, while Date#toISOString — which
 * client-node's serializer calls — gives three.
 */
export class MicroTime extends Date {
  override toISOString(): string {
    return super.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
  }
}

/** `value` as a MicroTime, for times read back from the apiserver and written again. */
export function microTime(value: Date | undefined): MicroTime | undefined {
  return value === undefined ? undefined : new MicroTime(value.valueOf());
}
