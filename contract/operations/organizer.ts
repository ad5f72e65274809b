import { CancellationListQuery, CancellationParams, InsuredTicketsQuery, PeriodQuery, StaffCancellationBody } from '../cancellations.js';
import {
  CodePageQuery,
  IssuePassBody,
  IssueVoucherBody,
  PassListQuery,
  PassPatch,
  PassProductBody,
  PassProductPatch,
  ProductOrderListQuery,
  PromoCodeBody,
  PromoCodePatch,
  VoucherPatch,
} from '../codes.js';
import { BoxOfficeExchangeBody, BoxOfficeOrderParams, BoxOfficeQuoteQuery } from '../exchange.js';
import { defineOperation, type HttpMethod, type Operation } from '../operation.js';
import {
  CancelOrderBody,
  CheckinBody,
  CreateTokenBody,
  EventBody,
  EventPatch,
  IdParams,
  InvoicePaymentBody,
  MessageParams,
  MessageQuery,
  OrderNumberParams,
  OrderSearchQuery,
  PerformanceBody,
  PerformancePatch,
  PerformanceSeriesBody,
  SeatBlockBody,
  SeatingPlanImport,
  ShopSettings,
  TariffBody,
  TariffPatch,
  TokenParams,
  VenueBody,
  VenuePatch,
} from '../organizer.js';
import { ExchangeOptions, ExchangeQuote, ExchangeResult } from '../responses/exchange.js';
import { CheckinResult, OrderSearchResult, OrderView } from '../responses/orders.js';
import { CancellationList, RefundRetryResult, StaffCancellationResult } from '../responses/organizer/cancellations.js';
import {
  DeletedRecord,
  EventDetailView,
  EventAdminView,
  EventListView,
  ImportedPlan,
  PerformanceAdminView,
  PerformanceSeriesCreated,
  PerformanceSeriesPreview,
  PlanView,
  SeatBlockResult,
  SeatUnblockResult,
  TariffAdminView,
  VenueList,
  VenueView,
} from '../responses/organizer/catalog.js';
import { PassList, PassProductList, PassProductView, PassView, PromoCodeList, PromoCodeView, PromoCodeWritten, VoucherDetail, VoucherList, VoucherView } from '../responses/organizer/codes.js';
import { MessageList, MessageView } from '../responses/organizer/messages.js';
import { StaffOrderView } from '../responses/organizer/orders.js';
import { NewToken, RevokedToken, ShopSettingsView, TokenList } from '../responses/organizer/shop.js';
import { ProductOrderList } from '../responses/products.js';
import { ActivityList, MeView, SessionsRevoked, StaffList, StaffMember } from '../responses/organizer/staff.js';
import { ActivityQuery, InviteStaffBody, StaffParams, StaffPatch } from '../staff.js';
import { CommissionReportQuery, ReportPeriodQuery, SalesReportQuery } from '../reports.js';
import { CodesReport, CommissionsReport, InsuranceReport, RefundsReport, SalesReport, TodayDashboard } from '../responses/organizer/reports.js';

/**
 * An organizer operation: every one needs the shop's API token, and every state-changing one
 * accepts an Idempotency-Key (the idempotency middleware covers every POST, PATCH and DELETE).
 */
const org = <const O extends Omit<Operation, 'auth' | 'idempotent' | 'path'> & { path: `/${string}` }>(op: O) =>
  // The spread's type would be O & { path: … }: two path literals, an impossible (never) operation.
  defineOperation({ ...op, path: `/api/org${op.path}`, auth: 'organizer', idempotent: op.method !== ('get' satisfies HttpMethod) } as Omit<O, 'path'> & {
    path: `/api/org${O['path']}`;
    auth: 'organizer';
    idempotent: boolean;
  });

const csv = (description: string) => ({ mediaType: 'text/csv', description });

/** The organizer API: the shop's settings and tokens, its catalogue, codes, box office and reports. */
export const organizerOperations = [
  org({ id: 'getShopSettings', method: 'get', path: '/shop', tag: 'Shop settings', summary: "The shop's settings.", responses: { 200: ShopSettingsView } }),
  org({ id: 'updateShopSettings', method: 'patch', path: '/shop', tag: 'Shop settings', summary: "Change the shop's settings.", body: ShopSettings, responses: { 200: ShopSettingsView } }),
  org({ id: 'listTokens', method: 'get', path: '/tokens', tag: 'Shop settings', summary: 'Active API tokens (never their secret).', responses: { 200: TokenList } }),
  org({ id: 'createToken', method: 'post', path: '/tokens', tag: 'Shop settings', summary: 'A new API token; its secret is shown only in this answer.', body: CreateTokenBody, responses: { 201: NewToken } }),
  org({ id: 'revokeToken', method: 'delete', path: '/tokens/:tokenId', tag: 'Shop settings', summary: 'Revoke an API token.', params: TokenParams, responses: { 200: RevokedToken } }),

  org({ id: 'getMe', method: 'get', path: '/me', tag: 'Staff and activity', summary: 'Who is calling (staff member or token, with its role) and their shop.', responses: { 200: MeView } }),
  org({ id: 'listStaff', method: 'get', path: '/staff', tag: 'Staff and activity', summary: "The shop's staff members, revoked ones included.", responses: { 200: StaffList } }),
  org({
    id: 'inviteStaff',
    method: 'post',
    path: '/staff',
    tag: 'Staff and activity',
    summary: 'Invite a staff member with a role; the invitation e-mail carries a sign-in link valid 72 hours.',
    body: InviteStaffBody,
    responses: { 201: StaffMember },
  }),
  org({
    id: 'updateStaff',
    method: 'patch',
    path: '/staff/:id',
    tag: 'Staff and activity',
    summary: "Rename a staff member or change their role (409 last_owner: the shop keeps an owner).",
    params: StaffParams,
    body: StaffPatch,
    responses: { 200: StaffMember },
  }),
  org({
    id: 'revokeStaff',
    method: 'delete',
    path: '/staff/:id',
    tag: 'Staff and activity',
    summary: 'Revoke a staff member: their sessions end at once (409 last_owner: the shop keeps an owner).',
    params: StaffParams,
    responses: { 200: StaffMember },
  }),
  org({
    id: 'revokeStaffSessions',
    method: 'delete',
    path: '/staff/:id/sessions',
    tag: 'Staff and activity',
    summary: "Sign a staff member out everywhere (the owner anyone; every staff member themselves).",
    params: StaffParams,
    responses: { 200: SessionsRevoked },
  }),
  org({
    id: 'listActivity',
    method: 'get',
    path: '/activity',
    tag: 'Staff and activity',
    summary: 'Every organizer write, newest first: who (staff member or token, with its role), what, on which path, with which status.',
    query: ActivityQuery,
    responses: { 200: ActivityList },
  }),

  org({ id: 'listVenues', method: 'get', path: '/venues', tag: 'Catalogue management', summary: 'Venues with their seating plans.', responses: { 200: VenueList } }),
  org({ id: 'createVenue', method: 'post', path: '/venues', tag: 'Catalogue management', summary: 'Add a venue.', body: VenueBody, responses: { 201: VenueView } }),
  org({ id: 'updateVenue', method: 'patch', path: '/venues/:id', tag: 'Catalogue management', summary: 'Change a venue.', params: IdParams, body: VenuePatch, responses: { 200: VenueView } }),
  org({
    id: 'importSeatingPlan',
    method: 'post',
    path: '/venues/:id/plans',
    tag: 'Catalogue management',
    summary: 'Import a seating plan (sections, zones, seats, landmarks) into a venue; up to 32 MB.',
    params: IdParams,
    body: SeatingPlanImport,
    responses: { 201: ImportedPlan },
  }),
  org({ id: 'getSeatingPlan', method: 'get', path: '/plans/:id', tag: 'Catalogue management', summary: 'A seating plan with its price zones.', params: IdParams, responses: { 200: PlanView } }),
  org({ id: 'listAdminEvents', method: 'get', path: '/events', tag: 'Catalogue management', summary: 'All events of the shop, drafts included.', responses: { 200: EventListView } }),
  org({ id: 'createEvent', method: 'post', path: '/events', tag: 'Catalogue management', summary: 'Add an event (a draft until published).', body: EventBody, responses: { 201: EventAdminView } }),
  org({ id: 'getAdminEvent', method: 'get', path: '/events/:id', tag: 'Catalogue management', summary: 'An event with its performances and tariffs.', params: IdParams, responses: { 200: EventDetailView } }),
  org({ id: 'updateEvent', method: 'patch', path: '/events/:id', tag: 'Catalogue management', summary: 'Change an event (publish it with status).', params: IdParams, body: EventPatch, responses: { 200: EventAdminView } }),
  org({
    id: 'createPerformance',
    method: 'post',
    path: '/events/:id/performances',
    tag: 'Catalogue management',
    summary: 'Add a performance: seated (planId) or general admission (capacity).',
    params: IdParams,
    body: PerformanceBody,
    responses: { 201: PerformanceAdminView },
  }),
  org({
    id: 'createPerformanceSeries',
    method: 'post',
    path: '/events/:id/performances/series',
    tag: 'Catalogue management',
    summary: 'Add many performances at once (chosen weekdays between two dates, local start times), all or none; dryRun answers the dates only.',
    description:
      'Dates and times are in the shop\'s time zone and stored in UTC (20:00 in Zurich is 19:00Z in winter, 18:00Z in summer). At most 400 performances a request. A date on which the event already has a scheduled performance at the same instant is skipped (listed in `skipped`).',
    params: IdParams,
    body: PerformanceSeriesBody,
    responses: { 200: PerformanceSeriesPreview, 201: PerformanceSeriesCreated },
  }),
  org({
    id: 'updatePerformance',
    method: 'patch',
    path: '/performances/:id',
    tag: 'Catalogue management',
    summary: 'Change a performance (dates, sales window, status, general-admission capacity).',
    params: IdParams,
    body: PerformancePatch,
    responses: { 200: PerformanceAdminView },
  }),
  org({ id: 'deletePerformance', method: 'delete', path: '/performances/:id', tag: 'Catalogue management', summary: 'Delete a performance nobody has bought, held or been given a code for (otherwise cancel it).', params: IdParams, responses: { 200: DeletedRecord } }),
  org({ id: 'createTariff', method: 'post', path: '/events/:id/tariffs', tag: 'Catalogue management', summary: 'Add a tariff to an event.', params: IdParams, body: TariffBody, responses: { 201: TariffAdminView } }),
  org({ id: 'updateTariff', method: 'patch', path: '/tariffs/:id', tag: 'Catalogue management', summary: 'Change a tariff.', params: IdParams, body: TariffPatch, responses: { 200: TariffAdminView } }),
  org({ id: 'deleteTariff', method: 'delete', path: '/tariffs/:id', tag: 'Catalogue management', summary: 'Delete a tariff no ticket, hold or promo code uses (otherwise deactivate or hide it).', params: IdParams, responses: { 200: DeletedRecord } }),
  org({
    id: 'blockSeats',
    method: 'post',
    path: '/performances/:id/blocks',
    tag: 'Catalogue management',
    summary: 'Block seats from sale; held or sold seats are skipped.',
    params: IdParams,
    body: SeatBlockBody,
    responses: { 200: SeatBlockResult },
  }),
  org({ id: 'unblockSeats', method: 'post', path: '/performances/:id/unblocks', tag: 'Catalogue management', summary: 'Put blocked seats back on sale.', params: IdParams, body: SeatBlockBody, responses: { 200: SeatUnblockResult } }),

  org({ id: 'listPromoCodes', method: 'get', path: '/promo-codes', tag: 'Codes', summary: 'Promo codes, newest first, with their uses.', query: CodePageQuery, responses: { 200: PromoCodeList } }),
  org({ id: 'createPromoCode', method: 'post', path: '/promo-codes', tag: 'Codes', summary: 'Create a promo code (discount and/or unlocked hidden tariffs).', body: PromoCodeBody, responses: { 201: PromoCodeWritten } }),
  org({ id: 'getPromoCode', method: 'get', path: '/promo-codes/:id', tag: 'Codes', summary: 'A promo code with its uses.', params: IdParams, responses: { 200: PromoCodeView } }),
  org({ id: 'updatePromoCode', method: 'patch', path: '/promo-codes/:id', tag: 'Codes', summary: 'Change or deactivate a promo code.', params: IdParams, body: PromoCodePatch, responses: { 200: PromoCodeWritten } }),
  org({ id: 'listPassProducts', method: 'get', path: '/pass-products', tag: 'Codes', summary: 'Pass products (season or multi-performance passes).', responses: { 200: PassProductList } }),
  org({ id: 'createPassProduct', method: 'post', path: '/pass-products', tag: 'Codes', summary: 'Create a pass product.', body: PassProductBody, responses: { 201: PassProductView } }),
  org({ id: 'updatePassProduct', method: 'patch', path: '/pass-products/:id', tag: 'Codes', summary: 'Change a pass product.', params: IdParams, body: PassProductPatch, responses: { 200: PassProductView } }),
  org({ id: 'listPasses', method: 'get', path: '/passes', tag: 'Codes', summary: 'Passes sold or issued, with their usage.', query: PassListQuery, responses: { 200: PassList } }),
  org({ id: 'issuePass', method: 'post', path: '/passes', tag: 'Codes', summary: 'Issue a pass without a sale.', body: IssuePassBody, responses: { 201: PassView } }),
  org({ id: 'updatePass', method: 'patch', path: '/passes/:id', tag: 'Codes', summary: 'Change the holder of a pass or cancel it.', params: IdParams, body: PassPatch, responses: { 200: PassView } }),
  org({ id: 'listVouchers', method: 'get', path: '/vouchers', tag: 'Codes', summary: 'Gift vouchers with their balances.', query: CodePageQuery, responses: { 200: VoucherList } }),
  org({ id: 'issueVoucher', method: 'post', path: '/vouchers', tag: 'Codes', summary: 'Issue a gift voucher without a sale.', body: IssueVoucherBody, responses: { 201: VoucherView } }),
  org({ id: 'getVoucher', method: 'get', path: '/vouchers/:id', tag: 'Codes', summary: 'A gift voucher with its redemptions.', params: IdParams, responses: { 200: VoucherDetail } }),
  org({ id: 'updateVoucher', method: 'patch', path: '/vouchers/:id', tag: 'Codes', summary: 'Change the note of a gift voucher or cancel it.', params: IdParams, body: VoucherPatch, responses: { 200: VoucherDetail } }),
  org({ id: 'listProductOrders', method: 'get', path: '/product-orders', tag: 'Codes', summary: 'Purchases of passes and vouchers.', query: ProductOrderListQuery, responses: { 200: ProductOrderList } }),

  org({ id: 'searchOrders', method: 'get', path: '/orders', tag: 'Box office', summary: 'Find orders by number, buyer, status or performance.', query: OrderSearchQuery, responses: { 200: OrderSearchResult } }),
  org({
    id: 'getStaffOrder',
    method: 'get',
    path: '/orders/:number',
    tag: 'Box office',
    summary: 'An order with its insurance, commissions, cancellations, e-mails and payments (Stripe disputes included).',
    params: OrderNumberParams,
    responses: { 200: StaffOrderView },
  }),
  org({ id: 'checkIn', method: 'post', path: '/checkins', tag: 'Box office', summary: 'Admit a ticket at the door from its QR code.', body: CheckinBody, responses: { 200: CheckinResult } }),
  org({
    id: 'getBoxOfficeExchangeOptions',
    method: 'get',
    path: '/orders/:number/exchange',
    tag: 'Box office',
    summary: "An order's tickets and where they can move (the box office may pass deadlines).",
    params: BoxOfficeOrderParams,
    responses: { 200: ExchangeOptions },
  }),
  org({
    id: 'quoteBoxOfficeExchange',
    method: 'get',
    path: '/orders/:number/exchange/quote',
    tag: 'Box office',
    summary: 'What an exchange at the counter costs.',
    params: BoxOfficeOrderParams,
    query: BoxOfficeQuoteQuery,
    responses: { 200: ExchangeQuote },
  }),
  org({
    id: 'exchangeTicketAtBoxOffice',
    method: 'post',
    path: '/orders/:number/exchanges',
    tag: 'Box office',
    summary: 'Exchange a ticket, the payment taken at the counter.',
    params: BoxOfficeOrderParams,
    body: BoxOfficeExchangeBody,
    responses: { 201: ExchangeResult },
  }),

  org({
    id: 'recordInvoicePayment',
    method: 'post',
    path: '/orders/:number/payments',
    tag: 'Invoices',
    summary: 'Record the payment of an invoice order; the tickets go out.',
    params: OrderNumberParams,
    body: InvoicePaymentBody,
    responses: { 201: OrderView },
  }),
  org({ id: 'cancelInvoiceOrder', method: 'post', path: '/orders/:number/cancel', tag: 'Invoices', summary: 'Cancel an unpaid invoice order.', params: OrderNumberParams, body: CancelOrderBody, responses: { 200: OrderView } }),
  org({
    id: 'getStaffInvoicePdf',
    method: 'get',
    path: '/orders/:number/invoice.pdf',
    tag: 'Invoices',
    summary: 'The invoice of an order, to print.',
    params: OrderNumberParams,
    responses: { 200: { mediaType: 'application/pdf', description: 'The invoice as a PDF.' } },
  }),

  org({
    id: 'cancelByStaff',
    method: 'post',
    path: '/orders/:number/cancellations',
    tag: 'Cancellations',
    summary: 'Cancel an order or some of its tickets, with a refund.',
    params: OrderNumberParams,
    body: StaffCancellationBody,
    responses: { 201: StaffCancellationResult },
  }),
  org({
    id: 'retryCardRefund',
    method: 'post',
    path: '/cancellations/:id/refund',
    tag: 'Cancellations',
    summary: "Retry a cancellation's card refund (402 refund_failed when the provider refuses).",
    params: CancellationParams,
    responses: { 200: RefundRetryResult },
  }),
  org({ id: 'listCancellations', method: 'get', path: '/cancellations', tag: 'Cancellations', summary: 'Cancellations, newest first.', query: CancellationListQuery, responses: { 200: CancellationList } }),
  org({
    id: 'exportCancellations',
    method: 'get',
    path: '/cancellations.csv',
    tag: 'Cancellations',
    summary: 'Cancellations of a period, for accounting.',
    query: PeriodQuery,
    responses: { 200: csv('One row per cancellation.') },
  }),
  org({
    id: 'exportInsuredTickets',
    method: 'get',
    path: '/reports/insured-tickets.csv',
    tag: 'Cancellations',
    summary: 'Insured tickets of a period, for the insurer.',
    query: InsuredTicketsQuery,
    responses: { 200: csv('One row per insured ticket.') },
  }),

  org({
    id: 'getTodayDashboard',
    method: 'get',
    path: '/reports/today',
    tag: 'Reports',
    summary: "The console's first screen: sales today and this week, fill of the next performances, unpaid invoices, recent orders.",
    description: "Today and this week are cut in the shop's time zone; weeks start on Monday.",
    responses: { 200: TodayDashboard },
  }),
  org({
    id: 'getSalesReport',
    method: 'get',
    path: '/reports/sales',
    tag: 'Reports',
    summary: 'Sales of a period grouped by event, performance, zone, tariff, payment method or day.',
    description:
      "`from` and `to` are dates (whole days in the shop's time zone, `to` included) or date-times with an offset (`to` excluded); at most 400 days. A sale counts on the day its order was paid; later cancellations stay in it (see the refunds report and `cancelledSince`); an exchange counts on its own day on the new ticket's row.",
    query: SalesReportQuery,
    responses: { 200: SalesReport },
  }),
  org({ id: 'exportSalesReport', method: 'get', path: '/reports/sales.csv', tag: 'Reports', summary: 'The sales report as CSV.', query: SalesReportQuery, responses: { 200: csv('One row per group and currency.') } }),
  org({ id: 'getCodesReport', method: 'get', path: '/reports/codes', tag: 'Reports', summary: 'Promo codes, passes and gift vouchers used in the orders of a period.', query: ReportPeriodQuery, responses: { 200: CodesReport } }),
  org({ id: 'exportCodesReport', method: 'get', path: '/reports/codes.csv', tag: 'Reports', summary: 'The codes report as CSV.', query: ReportPeriodQuery, responses: { 200: csv('One row per code and currency.') } }),
  org({ id: 'getInsuranceReport', method: 'get', path: '/reports/insurance', tag: 'Reports', summary: 'Cancellation insurance opt-ins of the orders of a period, per performance.', query: ReportPeriodQuery, responses: { 200: InsuranceReport } }),
  org({ id: 'exportInsuranceReport', method: 'get', path: '/reports/insurance.csv', tag: 'Reports', summary: 'The insurance report as CSV.', query: ReportPeriodQuery, responses: { 200: csv('One row per performance and currency.') } }),
  org({ id: 'getRefundsReport', method: 'get', path: '/reports/refunds', tag: 'Reports', summary: 'Cancellations and refunds of a period, per refund method.', query: ReportPeriodQuery, responses: { 200: RefundsReport } }),
  org({ id: 'exportRefundsReport', method: 'get', path: '/reports/refunds.csv', tag: 'Reports', summary: 'The refunds report as CSV.', query: ReportPeriodQuery, responses: { 200: csv('One row per refund method and currency.') } }),
  org({ id: 'getCommissionsReport', method: 'get', path: '/reports/commissions', tag: 'Reports', summary: "The platform's commission on the tickets sold in a period, per event or performance.", query: CommissionReportQuery, responses: { 200: CommissionsReport } }),
  org({ id: 'exportCommissionsReport', method: 'get', path: '/reports/commissions.csv', tag: 'Reports', summary: 'The commissions report as CSV.', query: CommissionReportQuery, responses: { 200: csv('One row per event or performance and currency.') } }),

  org({ id: 'listMessages', method: 'get', path: '/messages', tag: 'Messages', summary: "The shop's latest 100 e-mails (e.g. ?status=failed).", query: MessageQuery, responses: { 200: MessageList } }),
  org({ id: 'retryMessage', method: 'post', path: '/messages/:id/retry', tag: 'Messages', summary: 'Send a failed e-mail again.', params: MessageParams, responses: { 200: MessageView } }),
] as const;
