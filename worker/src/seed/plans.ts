import type { SeatingPlanImport } from '../../../contract/organizer.js';

type Section = SeatingPlanImport['sections'][number];
type Seat = Section['rows'][number]['seats'][number];

const rowLabel = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : `${String.fromCharCode(64 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`);
const round = (n: number) => Math.round(n * 10) / 10;

/**
 * The demo theatre: a curved stalls floor, a balcony and a gallery, 1,088 seats in three
 * price zones, with wheelchair spaces (and companion seats) in the last stalls row.
 */
export function theatrePlan(): SeatingPlanImport {
  const width = 1200;
  const stageX = width / 2;
  const section = (code: string, name: string, rows: number, perRow: number, startY: number, radius: number, zoneOf: (row: number) => string): Section => ({
    code,
    name,
    rows: Array.from({ length: rows }, (_, r) => {
      const arcRadius = radius + r * 26;
      const spread = Math.min(1.1, (perRow * 24) / arcRadius);
      return {
        label: rowLabel(r),
        seats: Array.from({ length: perRow }, (_, s): Seat => {
          const angle = -spread / 2 + (spread * (s + 0.5)) / perRow;
          const last = code === 'PAR' && r === rows - 1;
          const flags: Seat['flags'] = last && (s < 2 || s >= perRow - 2) ? ['wheelchair'] : last && (s === 2 || s === perRow - 3) ? ['companion'] : [];
          return {
            number: String(s + 1),
            x: round(stageX + Math.sin(angle) * arcRadius),
            y: round(startY + Math.cos(angle) * arcRadius - radius),
            zone: zoneOf(r),
            flags,
          };
        }),
      };
    }),
  });
  return {
    name: 'Grande salle',
    width,
    height: 1500,
    zones: [
      { code: 'C1', name: 'Catégorie 1', color: '#b4235a' },
      { code: 'C2', name: 'Catégorie 2', color: '#2563eb' },
      { code: 'C3', name: 'Catégorie 3', color: '#0f9d76' },
    ],
    sections: [
      section('PAR', 'Parterre', 20, 30, 120, 380, (r) => (r < 12 ? 'C1' : 'C2')),
      section('BAL', 'Balcon', 8, 36, 720, 560, (r) => (r < 3 ? 'C2' : 'C3')),
      section('GAL', 'Galerie', 5, 40, 1010, 760, () => 'C3'),
    ],
    // The rows curve around the stage, above the first row.
    landmarks: [{ label: 'Scène', x: stageX - 180, y: -40, width: 360, height: 70, shape: 'rect' }],
  };
}

/**
 * An oval arena: `sectionsPerRing` sections on each of `rings` rings around the ice, each
 * section `rows` rows deep. With the defaults, 24 sections of 30 rows of 28 seats: 20,160 seats.
 */
export function arenaPlan(options: { sectionsPerRing?: number; rings?: number; rows?: number; seatsPerRow?: number; name?: string } = {}): SeatingPlanImport {
  const sectionsPerRing = options.sectionsPerRing ?? 12;
  const rings = options.rings ?? 2;
  const rows = options.rows ?? 30;
  const seatsPerRow = options.seatsPerRow ?? 28;
  const zoneCodes = ['Z1', 'Z2', 'Z3', 'Z4'];
  const sections: Section[] = [];
  const centerX = 2000;
  const centerY = 1400;
  for (let ring = 0; ring < rings; ring++) {
    for (let s = 0; s < sectionsPerRing; s++) {
      const from = (2 * Math.PI * s) / sectionsPerRing;
      const span = ((2 * Math.PI) / sectionsPerRing) * 0.92;
      const code = `${ring + 1}${String(s + 1).padStart(2, '0')}`;
      sections.push({
        code,
        name: `Secteur ${code}`,
        rows: Array.from({ length: rows }, (_, r) => {
          const radius = 700 + ring * (rows * 14 + 60) + r * 14;
          return {
            label: String(r + 1),
            seats: Array.from({ length: seatsPerRow }, (_, n): Seat => {
              const angle = from + (span * (n + 0.5)) / seatsPerRow;
              return {
                number: String(n + 1),
                x: round(centerX + Math.cos(angle) * radius * 1.35),
                y: round(centerY + Math.sin(angle) * radius * 0.85),
                zone: zoneCodes[Math.min(3, ring * 2 + (r < rows / 2 ? 0 : 1))]!,
                flags: ring === 0 && r === 0 && n < 2 ? ['wheelchair'] : [],
              };
            }),
          };
        }),
      });
    }
  }
  return {
    name: options.name ?? 'Arena, configuration glace',
    width: 4000,
    height: 2800,
    zones: [
      { code: 'Z1', name: 'Premium', color: '#b4235a' },
      { code: 'Z2', name: 'Catégorie 1', color: '#d97706' },
      { code: 'Z3', name: 'Catégorie 2', color: '#2563eb' },
      { code: 'Z4', name: 'Catégorie 3', color: '#0f9d76' },
    ],
    sections,
    // The rink, inside the first rows' oval (half axes 945 × 595).
    landmarks: [{ label: 'Glace', x: centerX - 700, y: centerY - 320, width: 1400, height: 640, shape: 'rect' }],
  };
}
