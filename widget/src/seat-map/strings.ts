/**
 * The seat map's texts in English. A host passes its own table (same keys) through the
 * `strings` property; missing keys fall back to these. Functions take already formatted
 * values, like the widget's translation tables.
 */
export const seatMapStrings = {
  mapLabel: 'Seat map',
  mapRoleDescription: 'seat map',
  instructions:
    'Arrow keys move between seats, Home and End go to the ends of a row, Page Up and Page Down change section, Enter or Space selects a seat, plus and minus zoom. The List button shows the seats as a list.',
  controls: 'Map controls',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  resetView: 'Show the whole plan',
  listView: 'List',
  listLabel: 'Seats by section and row',
  legend: 'Legend',
  section: 'Section',
  row: 'Row',
  seat: 'Seat',
  available: 'Available',
  selected: 'Selected',
  held: 'Held by another buyer',
  unavailable: 'Unavailable',
  notForSale: 'Not for sale',
  wheelchair: 'Wheelchair space',
  companion: 'Companion seat',
  restrictedView: 'Restricted view',
  zoomHint: 'Click to zoom in',
  wheelHint: (mac: boolean) => `${mac ? '⌘' : 'Ctrl'} + scroll to zoom`,
  seatName: (section: string, row: string, seat: string) => `${section}, row ${row}, seat ${seat}`,
  listRow: (row: string) => `Row ${row}`,
  availableCount: (count: string) => `${count} available`,
  announceSelected: (seat: string) => `${seat} selected.`,
  announceDeselected: (seat: string) => `${seat} removed from your selection.`,
  announceSelectionCount: (count: string) => `${count} seats selected.`,
  announceLost: (seat: string) => `${seat} is no longer available.`,
  announceRefused: (seat: string, reason: string) => `${seat}: ${reason}.`,
  announceMax: (max: string) => `You can select up to ${max} seats.`,
};

export type SeatMapStrings = typeof seatMapStrings;
