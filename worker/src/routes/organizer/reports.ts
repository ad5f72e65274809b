import { Hono } from 'hono';
import { CommissionReportQuery, ReportPeriodQuery, SalesReportQuery } from '../../../../contract/reports.js';
import type { AppEnv } from '../../env.js';
import { codesReport } from '../../services/reports/codes.js';
import { commissionsReport } from '../../services/reports/commissions.js';
import { codesCsv, commissionsCsv, insuranceCsv, periodFileDays, productsCsv, refundsCsv, resellersCsv, salesCsv } from '../../services/reports/csv.js';
import { resellersReport } from '../../services/reports/resellers.js';
import { insuranceReport } from '../../services/reports/insurance.js';
import { productsReport } from '../../services/reports/products.js';
import { refundsReport } from '../../services/reports/refunds.js';
import { salesReport } from '../../services/reports/sales.js';
import { loadReportShop } from '../../services/reports/shared.js';
import { todayDashboard } from '../../services/reports/today.js';
import { validate } from '../../validation.js';
import { csvResponse } from './csv-response.js';

/** The organizer's reports, each as JSON and as CSV (same query), and the console's dashboard. */
export const organizerReportRoutes = new Hono<AppEnv>()
  .get('/reports/today', async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await todayDashboard(storage.db, await loadReportShop(storage.db, c.get('orgShopId')), now()), 200);
  })
  .get('/reports/sales', validate('query', SalesReportQuery), async (c) => {
    const { db } = c.get('deps').storage;
    return c.json(await salesReport(db, await loadReportShop(db, c.get('orgShopId')), c.req.valid('query')), 200);
  })
  .get('/reports/sales.csv', validate('query', SalesReportQuery), async (c) => {
    const { db } = c.get('deps').storage;
    const report = await salesReport(db, await loadReportShop(db, c.get('orgShopId')), c.req.valid('query'));
    return csvResponse(salesCsv(report), `sales-by-${report.groupBy}-${periodFileDays(report.period)}.csv`);
  })
  .get('/reports/codes', validate('query', ReportPeriodQuery), async (c) => {
    const { db } = c.get('deps').storage;
    return c.json(await codesReport(db, await loadReportShop(db, c.get('orgShopId')), c.req.valid('query')), 200);
  })
  .get('/reports/codes.csv', validate('query', ReportPeriodQuery), async (c) => {
    const { db } = c.get('deps').storage;
    const report = await codesReport(db, await loadReportShop(db, c.get('orgShopId')), c.req.valid('query'));
    return csvResponse(codesCsv(report), `codes-${periodFileDays(report.period)}.csv`);
  })
  .get('/reports/products', validate('query', ReportPeriodQuery), async (c) => {
    const { db } = c.get('deps').storage;
    return c.json(await productsReport(db, await loadReportShop(db, c.get('orgShopId')), c.req.valid('query')), 200);
  })
  .get('/reports/products.csv', validate('query', ReportPeriodQuery), async (c) => {
    const { db } = c.get('deps').storage;
    const report = await productsReport(db, await loadReportShop(db, c.get('orgShopId')), c.req.valid('query'));
    return csvResponse(productsCsv(report), `products-${periodFileDays(report.period)}.csv`);
  })
  .get('/reports/insurance', validate('query', ReportPeriodQuery), async (c) => {
    const { db } = c.get('deps').storage;
    return c.json(await insuranceReport(db, await loadReportShop(db, c.get('orgShopId')), c.req.valid('query')), 200);
  })
  .get('/reports/insurance.csv', validate('query', ReportPeriodQuery), async (c) => {
    const { db } = c.get('deps').storage;
    const report = await insuranceReport(db, await loadReportShop(db, c.get('orgShopId')), c.req.valid('query'));
    return csvResponse(insuranceCsv(report), `insurance-${periodFileDays(report.period)}.csv`);
  })
  .get('/reports/refunds', validate('query', ReportPeriodQuery), async (c) => {
    const { db } = c.get('deps').storage;
    return c.json(await refundsReport(db, await loadReportShop(db, c.get('orgShopId')), c.req.valid('query')), 200);
  })
  .get('/reports/refunds.csv', validate('query', ReportPeriodQuery), async (c) => {
    const { db } = c.get('deps').storage;
    const report = await refundsReport(db, await loadReportShop(db, c.get('orgShopId')), c.req.valid('query'));
    return csvResponse(refundsCsv(report), `refunds-${periodFileDays(report.period)}.csv`);
  })
  .get('/reports/commissions', validate('query', CommissionReportQuery), async (c) => {
    const { db } = c.get('deps').storage;
    return c.json(await commissionsReport(db, await loadReportShop(db, c.get('orgShopId')), c.req.valid('query')), 200);
  })
  .get('/reports/resellers', validate('query', ReportPeriodQuery), async (c) => {
    const { db } = c.get('deps').storage;
    return c.json(await resellersReport(db, await loadReportShop(db, c.get('orgShopId')), c.req.valid('query')), 200);
  })
  .get('/reports/resellers.csv', validate('query', ReportPeriodQuery), async (c) => {
    const { db } = c.get('deps').storage;
    const report = await resellersReport(db, await loadReportShop(db, c.get('orgShopId')), c.req.valid('query'));
    return csvResponse(resellersCsv(report), `resellers-${periodFileDays(report.period)}.csv`);
  })
  .get('/reports/commissions.csv', validate('query', CommissionReportQuery), async (c) => {
    const { db } = c.get('deps').storage;
    const report = await commissionsReport(db, await loadReportShop(db, c.get('orgShopId')), c.req.valid('query'));
    return csvResponse(commissionsCsv(report), `commissions-by-${report.groupBy}-${periodFileDays(report.period)}.csv`);
  });
