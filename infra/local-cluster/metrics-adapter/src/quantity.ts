/**
 * Formats a sample as a Kubernetes quantity string, the way the HPA reads `value`: whole
 * numbers as plain integers ("3"), anything else in milli-units ("1500m").
 */

const MILLI_PER_UNIT = 1000n;

/**
 * A finite number as a Kubernetes quantity: integers exactly ("3", "-2"), other values rounded
 * to the nearest thousandth ("0.5" → "500m"). Rounding can land on a whole number (2.9999 → "3").
 * @throws RangeError for NaN and ±Infinity, which no quantity can express.
 */
export function formatQuantity(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`${value} is not a Kubernetes quantity`);
  // BigInt keeps large integers exact where String() would switch to exponent notation.
  if (Number.isInteger(value)) return BigInt(value).toString();
  const milli = BigInt(Math.round(value * 1000));
  return milli % MILLI_PER_UNIT === 0n
    ? (milli / MILLI_PER_UNIT).toString()
    : `${milli.toString()}m`;
}
