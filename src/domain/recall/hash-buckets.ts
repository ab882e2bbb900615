// The near-duplicate index's key and core maps: keyed by hashes, not the strings, which 100,000
// memories would hold twice over. A bucket names candidates (entry slots), never a match.

/** FNV-1a, 30 bits (a small integer, which a Map hashes for free); equal strings, equal hashes. */
export function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 2;
}

/**
 * One slot, or the slots in the order they were added: an array while small (buckets nearly
 * always hold one to three, and a Set costs several times more), a Set past SMALL_BUCKET.
 */
export type Bucket = number | number[] | Set<number>;
const SMALL_BUCKET = 8;

export function slotsIn(bucket: Bucket | undefined): Iterable<number> {
  return bucket === undefined ? [] : typeof bucket === 'number' ? [bucket] : bucket;
}

/** `slot` is in no bucket of `map` (the index removes a memory before indexing it again). */
export function addToBucket(map: Map<number, Bucket>, key: number, slot: number): void {
  const bucket = map.get(key);
  if (bucket === undefined) map.set(key, slot);
  else if (typeof bucket === 'number') map.set(key, [bucket, slot]);
  else if (bucket instanceof Set) bucket.add(slot);
  else if (bucket.length < SMALL_BUCKET) bucket.push(slot);
  else map.set(key, new Set([...bucket, slot]));
}

export function deleteFromBucket(map: Map<number, Bucket>, key: number, slot: number): void {
  const bucket = map.get(key);
  if (bucket === slot) map.delete(key);
  else if (bucket instanceof Set) {
    if (bucket.delete(slot) && bucket.size === 0) map.delete(key);
  } else if (Array.isArray(bucket)) {
    const at = bucket.indexOf(slot);
    if (at !== -1) bucket.splice(at, 1);
    if (bucket.length === 0) map.delete(key);
  }
}
