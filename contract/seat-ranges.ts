/**
 * Compact text for sets of seat ids: "3-7,12,40-41". Seat ids of a plan are mostly
 * consecutive, so a sold-out block of 1,000 seats costs a few bytes instead of 5 KB.
 */
export function encodeSeatRanges(ids: readonly number[]): string {
  const sorted = [...ids].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const start = sorted[i]!;
    let end = start;
    while (i + 1 < sorted.length && sorted[i + 1]! <= end + 1) end = sorted[++i]!;
    parts.push(start === end ? String(start) : `${start}-${end}`);
    i++;
  }
  return parts.join(',');
}

export function decodeSeatRanges(text: string): number[] {
  if (text === '') return [];
  const ids: number[] = [];
  for (const part of text.split(',')) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part);
    const from = Number(match?.[1]);
    const end = match?.[2] === undefined ? from : Number(match[2]);
    if (!match || end < from) throw new Error(`bad seat range "${part}"`);
    for (let id = from; id <= end; id++) ids.push(id);
  }
  return ids;
}
