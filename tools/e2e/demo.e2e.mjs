// The living demo as a new user finds it on first start (run.sh starts the app with
// OVERSIGHT_DEMO_HISTORY=true: four months played through the real processes, demo.DemoHistory).
//
//   1. REST: the supervision board (GET /api/supervision/board as supervisor) has overdue, yellow,
//      red and listed items, reports not filed (逾期未报), and red cards waiting for the lead's
//      measure (supervision-measure instances); chapter 3 is dispatched, chapter 2 is not;
//      reports of earlier months were filed and reviewed (history of periodic-report).
//   2. Browser: supervisor logs in to Cockpit and the 督办看板 shows the same counts
//      (screenshot docs/screenshots/cockpit-living-demo.png); lead's Tasklist lists red-card
//      measures to decide (screenshot tasklist-living-demo.png).
import { chromium } from 'playwright-core';
import {
  BASE,
  CHROMIUM,
  CheckFailed,
  SHOT_DIR,
  TIMEOUT,
  TASKLIST,
  check,
  counts,
  log,
  poll,
  restOk,
  step,
  webappLogin,
} from './lib.mjs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const COCKPIT = `${BASE}/camunda/app/cockpit/default/`;

const login = (page, url, user) => webappLogin(page, url, user, url.includes('/cockpit/') ? 'Cockpit' : 'Tasklist');

async function run(browser) {
  mkdirSync(SHOT_DIR, { recursive: true });
  step('REST: the board four months in');
  const board = await restOk('supervisor', '/api/supervision/board');
  const sum = (f) => board.rows.reduce((n, r) => n + r.all[f], 0);
  const reasons = (f) => board.rows.reduce((n, r) => n + r.allReasons[f], 0);
  const totals = { overdue: sum('overdue'), yellow: sum('yellow'), red: sum('red'), listed: sum('listed'), onTime: sum('onTime') };
  log(`  (board totals: ${JSON.stringify(totals)}, 逾期未报 ${reasons('notReported')})`);
  check(totals.overdue > 0, 'the board has overdue (逾期) items', totals);
  check(totals.yellow > 0, 'the board has yellow cards (黄牌)', totals);
  check(totals.red > 0, 'the board has red cards (红牌)', totals);
  check(totals.listed > 0, 'the board has a listed item (挂牌督办)', totals);
  check(totals.onTime > totals.red, 'most items are on schedule (按期推进)', totals);
  check(reasons('notReported') > 0, 'some rows are 逾期未报 (a county that does not file)', reasons('notReported'));
  const byCounty = Object.fromEntries(board.rows.map((r) => [r.countyName, r.all]));
  check(byCounty['漳县'].red > 0 && byCounty['漳县'].listed === 1, '漳县 (never files) is red and listed', byCounty['漳县']);
  check(byCounty['通渭县'].yellow > 0, '通渭县 (last report judged 滞后) has yellow cards', byCounty['通渭县']);
  check(byCounty['岷县'].overdue > 0, '岷县 has not signed last week\'s tasks (逾期)', byCounty['岷县']);

  const measures = (await restOk('lead', '/engine-rest/process-instance/count?processDefinitionKey=supervision-measure')).count;
  check(measures > 0, `red cards wait for the lead's measure (${measures} supervision-measure instances)`);
  const filed = (await restOk('lead', '/engine-rest/history/process-instance/count?processDefinitionKey=periodic-report&finished=true')).count;
  check(filed >= 20, `earlier months' periodic reports were filed and reviewed (${filed} finished)`);
  const ch3 = (await restOk('lead', '/engine-rest/process-instance/count?processDefinitionKey=county-assignment&businessKeyLike=KT-3.%25')).count;
  check(ch3 > 50, `chapter 3 is dispatched (${ch3} assignments)`);
  const toDispatch = (await restOk('lead', '/engine-rest/task/count?taskDefinitionKey=dispatchKeyTask')).count;
  check(toDispatch > 100, `the rest of the catalogue waits for dispatch (${toDispatch} 交办 tasks)`);
  const freshDue = await restOk('lead', '/engine-rest/task?taskDefinitionKey=dispatchKeyTask&maxResults=1&sortBy=dueDate&sortOrder=asc');
  check(freshDue.length === 1 && new Date(freshDue[0].due) > new Date(), 'those 交办 tasks are fresh (due in the future)', freshDue[0]?.due);

  step('browser: the supervisor opens Cockpit');
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  await login(page, COCKPIT, 'supervisor');
  const boardEl = page.locator('table.ov-table').first();
  const shown = await boardEl.waitFor({ timeout: TIMEOUT }).then(() => true).catch(() => false);
  if (!shown) {
    // the board as a page of its own, or on the dashboard
    await page.goto(`${COCKPIT}#/supervision-board`).catch(() => {});
  }
  const visible = await boardEl.waitFor({ timeout: TIMEOUT }).then(() => true).catch(() => false);
  check(visible, 'the 督办看板 table is shown');
  const zhang = page.locator('table.ov-table tbody tr', { hasText: '漳县' }).first();
  const zhangText = visible ? (await zhang.innerText()).replace(/\s+/g, ' ') : '';
  check(zhangText.includes(String(byCounty['漳县'].red)), `漳县's row shows its ${byCounty['漳县'].red} red cards`, zhangText);
  await boardEl.scrollIntoViewIfNeeded().catch(() => {});
  await page.screenshot({ path: join(SHOT_DIR, 'cockpit-living-demo.png'), fullPage: true });
  log(`  saved ${join(SHOT_DIR, 'cockpit-living-demo.png')}`);

  step('browser: the lead\'s Tasklist');
  const lead = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
  const lpage = await lead.newPage();
  lpage.setDefaultTimeout(TIMEOUT);
  await login(lpage, TASKLIST, 'lead');
  const cards = lpage.locator('ol.tasks-list li.task');
  const listed = await poll(async () => (await cards.count()) > 0);
  check(listed, 'the lead\'s task list is not empty');
  await lpage.screenshot({ path: join(SHOT_DIR, 'tasklist-living-demo.png'), fullPage: false });
  log(`  saved ${join(SHOT_DIR, 'tasklist-living-demo.png')}`);
  await context.close();
  await lead.close();
}

async function main() {
  let browser;
  let code = 0;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: process.env.E2E_HEADED !== '1',
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'] });
    await run(browser);
  } catch (e) {
    code = 1;
    if (!(e instanceof CheckFailed)) {
      counts.failed++;
      log(`  FAIL unexpected error: ${e?.stack || e}`);
    }
  } finally {
    await browser?.close().catch(() => {});
  }
  log(`e2e: ${counts.passed} passed, ${counts.failed} failed`);
  process.exit(code || (counts.failed ? 1 : 0));
}

await main();
