// Version vectors: office id -> HLC stamp. Stamps of one office compare as strings (fixed-width hex).

export type Vector = Record<string, string>;

/** Pointwise maximum: what either side holds. */
export function joinVectors(...vectors: readonly Vector[]): Vector {
  const out: Vector = {};
  for (const v of vectors)
    for (const [office, stamp] of Object.entries(v)) if (stamp > (out[office] ?? '')) out[office] = stamp;
  return out;
}

/** Pointwise minimum over offices present in every vector: what all of them hold. */
export function meetVectors(vectors: readonly Vector[]): Vector {
  if (vectors.length === 0) return {};
  const [first, ...rest] = vectors as [Vector, ...Vector[]];
  const out: Vector = {};
  for (const [office, stamp] of Object.entries(first)) {
    let low = stamp;
    for (const v of rest) {
      const other = v[office];
      if (other === undefined) {
        low = '';
        break;
      }
      if (other < low) low = other;
    }
    if (low) out[office] = low;
  }
  return out;
}

/** Every entry of `small` is at or below `big`'s. */
export function vectorAtMost(small: Vector, big: Vector): boolean {
  for (const [office, stamp] of Object.entries(small)) if (stamp > (big[office] ?? '')) return false;
  return true;
}

/** Whether `stamp` is at or below the vector's entry for its office. */
export const within = (vector: Vector, stamp: string): boolean => stamp <= (vector[stamp.slice(18)] ?? '');

export const readVector = (json: string | null | undefined): Vector =>
  json ? (JSON.parse(json) as Vector) : {};

/** Canonical JSON (offices sorted). */
export function writeVector(v: Vector): string {
  const out: Vector = {};
  for (const office of Object.keys(v).sort()) out[office] = v[office] as string;
  return JSON.stringify(out);
}
