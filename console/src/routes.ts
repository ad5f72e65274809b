import type { OperationId } from './api/client.js';
import type { commonTexts } from './i18n/common.js';

type NavKey = keyof ReturnType<typeof commonTexts> & ('today' | 'sell' | 'till' | 'checkIn' | 'events' | 'venues' | 'codes' | 'orders' | 'reports' | 'resellers' | 'settings' | 'embed' | 'staff' | 'tokens' | 'webhooks' | 'activity');

export interface ConsoleRoute {
  /** `/orders/:number`: parameters reach the screen as `params`. */
  pattern: string;
  /** The screen's element, defined by the module `load` imports (one chunk per area). */
  tag: string;
  load: () => Promise<unknown>;
  /** The operation a role must be allowed to call to open the screen (the console hides it otherwise). */
  needs: OperationId;
  /** The navigation entry that leads here (and is marked current). */
  nav: NavKey;
}

/**
 * Every screen of the console. An area's screens live in console/src/screens/<area>/ and are
 * loaded when first opened. The first route a role may open is its home.
 */
export const routes: readonly ConsoleRoute[] = [
  { pattern: '/today', tag: 'tk-today-screen', load: () => import('./screens/today/index.js'), needs: 'getTodayDashboard', nav: 'today' },
  { pattern: '/sell', tag: 'tk-sell-screen', load: () => import('./screens/sell/index.js'), needs: 'sellAtBoxOffice', nav: 'sell' },
  { pattern: '/till', tag: 'tk-till-screen', load: () => import('./screens/sell/index.js'), needs: 'getCurrentTill', nav: 'till' },
  { pattern: '/tills', tag: 'tk-tills-screen', load: () => import('./screens/sell/index.js'), needs: 'listTills', nav: 'till' },
  { pattern: '/check-in', tag: 'tk-check-in-screen', load: () => import('./screens/check-in/index.js'), needs: 'checkIn', nav: 'checkIn' },
  { pattern: '/scan', tag: 'tk-scan-screen', load: () => import('./screens/door/index.js'), needs: 'checkIn', nav: 'checkIn' },
  { pattern: '/door', tag: 'tk-door-overview-screen', load: () => import('./screens/door/index.js'), needs: 'getDoorOverview', nav: 'checkIn' },
  { pattern: '/door/:performanceId/duplicates', tag: 'tk-door-duplicates-screen', load: () => import('./screens/door/index.js'), needs: 'listDoorDuplicates', nav: 'checkIn' },
  { pattern: '/events', tag: 'tk-events-screen', load: () => import('./screens/events/index.js'), needs: 'listAdminEvents', nav: 'events' },
  { pattern: '/events/:id', tag: 'tk-event-screen', load: () => import('./screens/events/index.js'), needs: 'getAdminEvent', nav: 'events' },
  { pattern: '/events/:eventId/questions', tag: 'tk-questions-screen', load: () => import('./screens/events/index.js'), needs: 'listEventQuestions', nav: 'events' },
  { pattern: '/events/:eventId/performances/:id/waiting-list', tag: 'tk-waiting-list-screen', load: () => import('./screens/events/index.js'), needs: 'listWaitingList', nav: 'events' },
  { pattern: '/venues', tag: 'tk-venues-screen', load: () => import('./screens/venues/index.js'), needs: 'listVenues', nav: 'venues' },
  { pattern: '/venues/:id', tag: 'tk-venue-screen', load: () => import('./screens/venues/index.js'), needs: 'listVenues', nav: 'venues' },
  { pattern: '/plans/:id', tag: 'tk-plan-screen', load: () => import('./screens/venues/index.js'), needs: 'getSeatingPlan', nav: 'venues' },
  { pattern: '/codes', tag: 'tk-codes-screen', load: () => import('./screens/codes/index.js'), needs: 'listPromoCodes', nav: 'codes' },
  { pattern: '/codes/promo/:id', tag: 'tk-promo-code-screen', load: () => import('./screens/codes/index.js'), needs: 'listPromoCodes', nav: 'codes' },
  { pattern: '/codes/passes', tag: 'tk-passes-screen', load: () => import('./screens/codes/index.js'), needs: 'listPassProducts', nav: 'codes' },
  { pattern: '/codes/vouchers', tag: 'tk-vouchers-screen', load: () => import('./screens/codes/index.js'), needs: 'listVouchers', nav: 'codes' },
  { pattern: '/codes/vouchers/:id', tag: 'tk-voucher-screen', load: () => import('./screens/codes/index.js'), needs: 'getVoucher', nav: 'codes' },
  { pattern: '/orders', tag: 'tk-orders-screen', load: () => import('./screens/orders/index.js'), needs: 'searchOrders', nav: 'orders' },
  { pattern: '/orders/:number', tag: 'tk-order-screen', load: () => import('./screens/orders/index.js'), needs: 'getStaffOrder', nav: 'orders' },
  { pattern: '/reports', tag: 'tk-reports-screen', load: () => import('./screens/reports/index.js'), needs: 'getSalesReport', nav: 'reports' },
  { pattern: '/resellers', tag: 'tk-resellers-screen', load: () => import('./screens/resellers/index.js'), needs: 'listResellers', nav: 'resellers' },
  { pattern: '/ticket-imports', tag: 'tk-ticket-import-screen', load: () => import('./screens/resellers/index.js'), needs: 'importTickets', nav: 'resellers' },
  { pattern: '/settings', tag: 'tk-settings-screen', load: () => import('./screens/settings/index.js'), needs: 'getShopSettings', nav: 'settings' },
  { pattern: '/embed', tag: 'tk-embed-screen', load: () => import('./screens/embed/index.js'), needs: 'listAdminEvents', nav: 'embed' },
  { pattern: '/staff', tag: 'tk-staff-screen', load: () => import('./screens/staff/index.js'), needs: 'listStaff', nav: 'staff' },
  { pattern: '/tokens', tag: 'tk-tokens-screen', load: () => import('./screens/tokens/index.js'), needs: 'listTokens', nav: 'tokens' },
  { pattern: '/webhooks', tag: 'tk-webhooks-screen', load: () => import('./screens/webhooks/index.js'), needs: 'listWebhooks', nav: 'webhooks' },
  { pattern: '/activity', tag: 'tk-activity-screen', load: () => import('./screens/activity/index.js'), needs: 'listActivity', nav: 'activity' },
];

/** The navigation, in order: one entry per area, each opening its first route. */
export const navigation: readonly NavKey[] = ['today', 'sell', 'till', 'checkIn', 'events', 'venues', 'codes', 'orders', 'reports', 'resellers', 'settings', 'embed', 'staff', 'tokens', 'webhooks', 'activity'];
