// The near-duplicate index's key and core maps: keyed by hashes, not the strings, which 100,000
// memories would hold twice over. A bucket names candidates, never a match.

/** FNV-1a, 30 bits (a small integer, which a Map hashes for free); equal strings, equal hashes. */
export function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 2;
}

/**
 * One item, or the items in the order they were added: an array while small (buckets nearly
 * always hold one to three, and a Set costs several times more), a Set past SMALL_BUCKET.
 */
export type Bucket<T extends object> = T | T[] | Set<T>;
const SMALL_BUCKET = 8;

export function itemsIn<T extends object>(bucket: Bucket<T> | undefined): Iterable<T> {
  return bucket === undefined ? [] : Array.isArray(bucket) || bucket instanceof Set ? bucket : [bucket];
}

/** `item` is in no bucket of `map` (the index removes a memory before indexing it again). */
export function addToBucket<T extends object>(map: Map<number, Bucket<T>>, key: number, item: T): void {
  const bucket = map.get(key);
  if (bucket === undefined) map.set(key, item);
  else if (bucket instanceof Set) bucket.add(item);
  else if (!Array.isArray(bucket)) map.set(key, [bucket, item]);
  else if (bucket.length < SMALL_BUCKET) bucket.push(item);
  else map.set(key, new Set([...bucket, item]));
}

export function deleteFromBucket<T extends object>(map: Map<number, Bucket<T>>, key: number, item: T): void {
  const bucket = map.get(key);
  if (bucket === item) map.delete(key);
  else if (bucket instanceof Set) {
    if (bucket.delete(item) && bucket.size === 0) map.delete(key);
  } else if (Array.isArray(bucket)) {
    const at = bucket.indexOf(item);
    if (at !== -1) bucket.splice(at, 1);
    if (bucket.length === 0) map.delete(key);
  }
}
