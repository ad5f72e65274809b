import type { SeatingPlanImport } from '../../contract/organizer.js';

/**
 * A rectangular hall: `rows` rows of `perRow` seats, the first `frontRows` rows in a
 * "front" price zone (the hot area of a flash sale), the rest in a "standard" one. Seats of
 * a row get consecutive ids on import, so adjacent seats are consecutive ids.
 */
export function gridPlan(rows: number, perRow: number, frontRows: number, name = `Hall ${rows * perRow}`): SeatingPlanImport {
  const rowsPerSection = 50;
  const sections: SeatingPlanImport['sections'] = [];
  for (let first = 0; first < rows; first += rowsPerSection) {
    sections.push({
      code: `S${sections.length + 1}`,
      name: `Sector ${sections.length + 1}`,
      rows: Array.from({ length: Math.min(rowsPerSection, rows - first) }, (_, k) => {
        const r = first + k;
        return {
          label: String(r + 1),
          seats: Array.from({ length: perRow }, (_, s) => ({ number: String(s + 1), x: 20 + s * 24, y: 40 + r * 26, zone: r < frontRows ? 'FRONT' : 'STD', flags: [] })),
        };
      }),
    });
  }
  return {
    name,
    width: 40 + perRow * 24,
    height: 80 + rows * 26,
    zones: [
      { code: 'FRONT', name: 'Front rows', color: '#b4235a' },
      { code: 'STD', name: 'Standard', color: '#2563eb' },
    ],
    sections,
    landmarks: [{ label: 'Stage', x: 20, y: 4, width: perRow * 24, height: 24, shape: 'rect' }],
  };
}
