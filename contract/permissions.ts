import type { organizerOperations } from './operations/organizer.js';
import type { webhookOperations } from './operations/webhooks.js';
import type { staffRoles } from './vocabulary.js';

export type StaffRole = (typeof staffRoles)[number];

/** Every operation a staff member or an organizer token calls (`auth: 'organizer'`). */
export type OrganizerOperationId = (typeof organizerOperations)[number]['id'] | Extract<(typeof webhookOperations)[number], { auth: 'organizer' }>['id'];

const owner = ['owner'] as const;
const managers = ['owner', 'manager'] as const;
/** Reading the catalogue: everyone who sells, reports or looks up an order needs the events' names and dates. */
const catalogueReaders = ['owner', 'manager', 'box_office', 'accountant'] as const;
/** Looking up orders and codes: at the counter and for the books. */
const orderReaders = ['owner', 'manager', 'box_office', 'accountant'] as const;
/** Changing an order at the counter: exchanges, invoice payments, cancellations (the box office up to the refund limit). */
const counter = ['owner', 'manager', 'box_office'] as const;
const reports = ['owner', 'manager', 'accountant'] as const;
const door = ['owner', 'manager', 'box_office', 'door'] as const;
const everyone = ['owner', 'manager', 'box_office', 'door', 'accountant'] as const;
/** A reseller's token: only its own quotas (it sells through the storefront API). */
const reseller = ['reseller'] as const;
/** The console's first screen: the box office sees it too. */
const dashboard = ['owner', 'manager', 'box_office', 'accountant'] as const;

/**
 * The role matrix: which roles may call each organizer operation. The API enforces it on every
 * request (worker/src/middleware/organizer-auth.ts), the console hides what a role may not do,
 * the reference lists it per operation, and a test calls every operation with every role. A
 * new organizer operation does not compile until it is listed here.
 */
export const rolesByOperation = {
  /** A reseller's token too: who it is and its shop, and nothing else of the organizer API but its quotas. */
  getMe: [...everyone, 'reseller'],
  listStaff: owner,
  inviteStaff: owner,
  updateStaff: owner,
  revokeStaff: owner,
  /** Every staff member may sign themselves out everywhere; only the owner others (the route checks whose sessions). */
  revokeStaffSessions: everyone,
  listActivity: reports,

  getShopSettings: ['owner', 'manager', 'accountant'],
  updateShopSettings: owner,
  listTokens: owner,
  createToken: owner,
  revokeToken: owner,

  listVenues: catalogueReaders,
  createVenue: managers,
  updateVenue: managers,
  importSeatingPlan: managers,
  getSeatingPlan: catalogueReaders,
  importSeatingPlanCsv: managers,
  getSeatingPlanSeats: catalogueReaders,
  setSeatFlags: managers,
  getPerformanceSeating: catalogueReaders,
  listAdminEvents: catalogueReaders,
  createEvent: managers,
  getAdminEvent: catalogueReaders,
  updateEvent: managers,
  createPerformance: managers,
  createPerformanceSeries: managers,
  deletePerformance: managers,
  updatePerformance: managers,
  createTariff: managers,
  updateTariff: managers,
  deleteTariff: managers,
  blockSeats: managers,
  unblockSeats: managers,

  listPromoCodes: orderReaders,
  createPromoCode: managers,
  getPromoCode: orderReaders,
  updatePromoCode: managers,
  listPassProducts: orderReaders,
  createPassProduct: managers,
  updatePassProduct: managers,
  listPasses: orderReaders,
  issuePass: managers,
  updatePass: managers,
  listVouchers: orderReaders,
  issueVoucher: managers,
  getVoucher: orderReaders,
  updateVoucher: managers,
  listProductOrders: orderReaders,

  searchOrders: orderReaders,
  getStaffOrder: orderReaders,
  checkIn: door,
  syncAdmissions: door,
  getDoorList: door,
  getDoorOverview: door,
  listDoorDuplicates: door,
  getBoxOfficeExchangeOptions: counter,
  listBoxOfficeExchangeSeats: counter,
  quoteBoxOfficeExchange: counter,
  exchangeTicketAtBoxOffice: counter,

  createBoxOfficeHold: counter,
  sellAtBoxOffice: counter,
  getCurrentTill: counter,
  /** The box office sees only its own tills (the route filters); the others everyone's. */
  listTills: ['owner', 'manager', 'box_office', 'accountant'],
  /** One's own till; owners and managers any (the route checks whose). */
  closeTill: counter,
  exportTills: reports,

  recordInvoicePayment: counter,
  cancelInvoiceOrder: counter,
  getStaffInvoicePdf: orderReaders,
  getStaffOrderTicketsPdf: orderReaders,
  getStaffTicketPdf: orderReaders,

  cancelByStaff: counter,
  retryCardRefund: counter,
  listCancellations: orderReaders,
  exportCancellations: reports,
  exportInsuredTickets: reports,

  getTodayDashboard: dashboard,
  getSalesReport: reports,
  exportSalesReport: reports,
  getCodesReport: reports,
  exportCodesReport: reports,
  getProductsReport: reports,
  exportProductsReport: reports,
  getInsuranceReport: reports,
  exportInsuranceReport: reports,
  getRefundsReport: reports,
  exportRefundsReport: reports,
  getCommissionsReport: reports,
  exportCommissionsReport: reports,
  getResellersReport: reports,
  exportResellersReport: reports,

  listMessages: orderReaders,
  retryMessage: counter,
  resendOrderMessage: counter,

  listWebhooks: owner,
  createWebhook: owner,
  getWebhook: owner,
  updateWebhook: owner,
  deleteWebhook: owner,
  rotateWebhookSecret: owner,
  listWebhookDeliveries: owner,
  redeliverWebhook: owner,
  testWebhook: owner,

  listWaitingList: catalogueReaders,
  listEventQuestions: catalogueReaders,
  createEventQuestion: managers,
  updateEventQuestion: managers,
  archiveEventQuestion: managers,
  reorderEventQuestions: managers,
  erasePersonalData: managers,
  exportOrders: orderReaders,
  updateWaitingList: managers,
  removeWaitingListEntry: managers,
  listResellers: managers,
  createReseller: managers,
  updateReseller: managers,
  setResellerQuota: managers,
  listResellerQuotas: managers,
  listMyQuotas: reseller,
  importTickets: managers,
} as const satisfies Record<OrganizerOperationId, readonly StaffRole[]>;

/** Whether a role may call an organizer operation; an operation not in the matrix is refused. */
export function roleMayCall(role: StaffRole, operationId: string): boolean {
  const roles: readonly StaffRole[] | undefined = (rolesByOperation as Record<string, readonly StaffRole[]>)[operationId];
  return roles?.includes(role) ?? false;
}
