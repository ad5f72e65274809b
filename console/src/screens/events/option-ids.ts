/**
 * Ids for a choice's new options, from their labels ("Végétarien" → "vegetarien"): answers store
 * the id, so staff never type one, and an option keeps its id when relabelled later. Ids stay
 * unique among the question's options (`-2`, `-3`… when two labels read alike).
 */
export function optionIdFor(label: string, taken: ReadonlySet<string>): string {
  const base =
    label
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 36)
      .replace(/-+$/, '') || 'option';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
