import { bundleSizes } from './bundle-sizes.js';
import { checkoutThroughput } from './checkout.js';
import { concurrent200 } from './concurrent-200.js';
import { concurrent200Paced } from './concurrent-200-paced.js';
import { cronAtScale } from './cron-at-scale.js';
import { flashSale } from './flash-sale.js';
import { flashSaleSustained } from './flash-sale-sustained.js';
import { generalAdmission } from './general-admission.js';
import { httpFloor } from './http-floor.js';
import { lastSeat } from './last-seat.js';
import { onSaleFanOut, onSaleMix, onSaleMixPolling } from './on-sale-mix.js';
import { phone } from './phone.js';
import { physicalLimit } from './physical-limit.js';
import { seatMapBrowser } from './seat-map-browser.js';
import type { Derived, Scenario } from './types.js';

/**
 * Every scenario of `npm run bench`, in the order they run within a round. Adding one (e.g. 8,
 * cron at scale) is one module exporting a Scenario, plus its line here.
 */
export const scenarios: Scenario[] = [
  flashSale,
  flashSaleSustained,
  lastSeat,
  generalAdmission,
  physicalLimit,
  checkoutThroughput,
  seatMapBrowser,
  phone,
  bundleSizes,
  cronAtScale,
  onSaleMix,
  onSaleMixPolling,
  onSaleFanOut,
  concurrent200,
  concurrent200Paced,
  httpFloor,
];

/** Figures computed from other figures' medians. */
export const derived: Derived[] = [
  {
    key: 'ratio.sustained',
    label: 'sustained accepted holds/s (1b) ÷ raw hold batches/s (4)',
    inputs: ['sustained.acceptedPerSecond', 'limit.raw'],
    compute: (m) => m['sustained.acceptedPerSecond']! / m['limit.raw']!,
    goal: { op: '>=', value: 0.4 },
  },
  {
    key: 'ratio.sustainedPrepared',
    label: 'sustained accepted holds/s (1b) ÷ hold batches/s with statements prepared once (4)',
    inputs: ['sustained.acceptedPerSecond', 'limit.prepared'],
    compute: (m) => m['sustained.acceptedPerSecond']! / m['limit.prepared']!,
  },
  {
    key: 'ratio.sustainedDrizzle',
    label: 'sustained accepted holds/s (1b) ÷ drizzle hold batches/s (4)',
    inputs: ['sustained.acceptedPerSecond', 'limit.drizzle'],
    compute: (m) => m['sustained.acceptedPerSecond']! / m['limit.drizzle']!,
  },
  {
    key: 'ratio.flash',
    label: '500-seat flash sale accepted holds/s (1) ÷ raw hold batches/s (4)',
    inputs: ['flash.acceptedPerSecond', 'limit.raw'],
    compute: (m) => m['flash.acceptedPerSecond']! / m['limit.raw']!,
  },
  {
    key: 'ratio.requests',
    label: 'flash sale hold requests/s, accepted or not (1) ÷ raw hold batches/s (4)',
    inputs: ['flash.requestsPerSecond', 'limit.raw'],
    compute: (m) => m['flash.requestsPerSecond']! / m['limit.raw']!,
  },
];
