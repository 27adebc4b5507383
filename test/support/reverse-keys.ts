/**
 * A copy of `value` with the keys of every plain object in reverse order, recursively
 * (arrays keep their order: it is meaningful). Class instances such as Duration, Size,
 * HaStorage and RestartStrategy are kept as they are, since the construct checks them
 * with instanceof.
 */
export function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => reverseKeys(v)) as unknown as T;
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value as object).reverse())
    out[key] = reverseKeys((value as Record<string, unknown>)[key]);
  return out as T;
}
