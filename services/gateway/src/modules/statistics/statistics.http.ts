import type { IncomingMessage, ServerResponse } from 'node:http';
import { statisticsRepository } from '@thidua/db';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { appError, assertYear } from '../../common/errors';
import { inProvince, readRouteRequest, sendRouteFailure } from '../../http/authorized-request';
import { HttpFailure } from '../../http/request-context';
import type { GatewayServices } from '../../services';
import { attachmentDisposition } from '../../http/content-disposition';
import { assertProvinceRunsYear } from '../history/province-years';
import { statisticsForms } from './statistics.forms';
import { statisticsWorkbook } from './statistics.xlsx';

/** Aggregates only: the secretariat, and the ministry's viewers for any province. */
export const STATISTICS_READERS = ['PROVINCE_ADMIN', 'NATIONAL_VIEWER'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 *   GET /reports/statistics?year=2026   (Authorization: Bearer …, x-province-id)
 * The statutory statistics forms 0601–0605 of the province for the year, as one XLSX workbook.
 */
export function statisticsRoutes(opts: {
  services: GatewayServices;
  dataSource: DataSource;
  logger: Logger;
}) {
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string) {
    try {
      if (url.pathname !== '/reports/statistics' || req.method !== 'GET')
        throw new HttpFailure(404, appError('NOT_FOUND', `No route ${req.method} ${url.pathname}`));
      const r = await readRouteRequest(opts.services, req, requestId, opts.logger);
      const year = Number(url.searchParams.get('year'));
      assertYear('year', year);
      const { province, stats } = await inProvince(
        opts.services,
        opts.dataSource,
        r,
        { roles: STATISTICS_READERS, writes: false },
        async (ctx) => {
          // A year before the province began was reported by the former provinces, from their own records: here
          // every figure would be 0.
          await assertProvinceRunsYear(ctx, year, 'year', {
            vi: (former) => `biểu thống kê của năm đó lập tại ${former} cũ (chọn ${former} cũ ở đầu trang)`,
            en: "that year's statistics are the former province's (choose it at the top of the page)",
          });
          return {
            province: (await ctx.loaders.province.load(r.provinceId))!,
            stats: await statisticsRepository.ofYear(year),
          };
        },
      );
      const body = await statisticsWorkbook(statisticsForms(stats, province.kind), { province, year });
      res.statusCode = 200;
      res.setHeader('content-type', XLSX);
      res.setHeader('content-length', String(body.length));
      res.setHeader(
        'content-disposition',
        attachmentDisposition(`Thống kê TĐKT ${province.name} ${year} (biểu 0601-0605).xlsx`),
      );
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('cache-control', 'private, no-store');
      res.end(body);
    } catch (e) {
      sendRouteFailure(res, e, opts.logger.child({ requestId }));
    }
  };
}
