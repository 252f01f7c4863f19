#!/usr/bin/env node
// Real-browser end-to-end check of the 督办看板 Cockpit plugin
// (src/main/resources/META-INF/resources/webjars/camunda/app/cockpit/scripts/supervision-board.js),
// driven through the system Chromium by playwright-core. Runs after tasklist.e2e.mjs in run.sh
// against the same app, but needs nothing from it:
//
//   1. lead dispatches the rectification ledger over REST (POST /api/rectification/dispatch,
//      idempotent), so that every county has open items on the board;
//   2. supervisor logs in to Cockpit; the dashboard shows the plugin (data-plugin-id
//      oversight.supervisionBoard) with 督办看板, 数据截至 <asOf>, the six statuses, 合计 and
//      按时率 as columns, the seven Dingxi counties and a 合计 row with the counts of
//      GET /api/supervision/board, and an SVG chart with one bar per county;
//   3. a non-zero cell opens the item list (as many rows as the cell says, linking to
//      Cockpit's process instance view, which opens); the kind switch 督察整改 shows the
//      rectification counts and reloads the list; 下载督办台账(Excel) downloads an .xlsx;
//      screenshot docs/screenshots/cockpit-supervision-board.png;
//   4. county user anding: Cockpit's login refuses it (Tasklist only); the board read from a
//      logged-in Tasklist page (session + X-Requested-With) and over HTTP Basic has exactly one
//      row, 安定区, and no other county's items.
//
// Env: E2E_BASE_URL (default http://localhost:18080), E2E_CHROMIUM (default
// /usr/bin/chromium), E2E_SCREENSHOT_DIR (default <repo>/docs/screenshots), E2E_DEMO_PASSWORD
// (default demo), E2E_HEADED=1 to watch it. Exit code 0 only if every check passed; the last
// line is "e2e: N passed, M failed".

import { chromium } from 'playwright-core';
import {
  log,
  check,
  step,
  rest,
  restOk,
  poll,
  watch,
  notificationText,
  BASE,
  CHROMIUM,
  SHOT_DIR,
  PASSWORD,
  TIMEOUT,
  TASKLIST,
  CheckFailed,
  consoleErrors,
  pageErrors,
  counts,
} from './lib.mjs';
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';


const COCKPIT = `${BASE}/camunda/app/cockpit/default/`;
const PLUGIN_ID = 'oversight.supervisionBoard';
const COUNTIES = ['安定区', '通渭县', '陇西县', '渭源县', '临洮县', '漳县', '岷县'];
const STATUSES = ['按期推进', '即将到期', '逾期', '黄牌', '红牌', '挂牌督办'];
const FIELDS = ['onTime', 'dueSoon', 'overdue', 'yellow', 'red', 'listed'];
const SHOT = join(SHOT_DIR, 'cockpit-supervision-board.png');






// ---------------------------------------------------------------- REST helpers




// ------------------------------------------------------------- browser helpers




/** Logs in on a Camunda webapp login page (Cockpit or Tasklist share the login widget). */
async function login(page, url, user, app) {
  await page.goto(url);
  const username = page.locator('input[ng-model="username"]');
  await username.waitFor();
  await username.fill(user);
  await page.locator('input[ng-model="password"]').fill(PASSWORD);
  await page.locator('form', { has: username }).locator('button[type="submit"]').click();
  const ok = await page
    .locator('li.account .dropdown-toggle')
    .waitFor({ timeout: TIMEOUT })
    .then(() => true)
    .catch(() => false);
  check(ok, `${app} login as ${user}`, ok ? undefined : await notificationText(page));
}

/** The board table as the user sees it: one entry per row, header texts, cell texts. */
async function tableState(board) {
  return board.locator('table.ov-table').evaluate((t) => ({
    head: [...t.querySelectorAll('thead th')].map((th) => th.textContent.trim()),
    rows: [...t.querySelectorAll('tbody tr')].map((tr) => ({
      county: tr.dataset.county,
      name: tr.querySelector('th').textContent.trim(),
      cells: [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()),
    })),
  }));
}

/** What a board row should show for a cell of GET /api/supervision/board. */
function expectedCells(cell, reasons) {
  const pct = `${Math.round(cell.onTimeRate * 1000) / 10}%`;
  return [...FIELDS.map((f) => String(cell[f])), String(cell.total), cell.total ? pct : '—',
    ...['notReported', 'notCompleted', 'notConcerned'].map((f) => String(reasons[f]))];
}

const REASONS_OF = { all: 'allReasons', keyTasks: 'keyTaskReasons', rectification: 'rectificationReasons' };

function sameRows(shown, board, kindCell) {
  const want = [...board.rows, board.total].map((r) => ({ name: r.countyName,
    cells: expectedCells(r[kindCell], r[REASONS_OF[kindCell]]) }));
  const got = shown.rows.map((r) => ({ name: r.name, cells: r.cells }));
  return { ok: JSON.stringify(want) === JSON.stringify(got), want, got };
}

/** Screenshot of the whole dashboard: grows the viewport so that the scrolled content fits. */
async function screenshotDashboard(page, file) {
  const size = page.viewportSize();
  const overflow = await page.evaluate(() => {
    let extra = 0;
    for (let e = document.querySelector('.ov-board'); e; e = e.parentElement) {
      extra = Math.max(extra, e.scrollHeight - e.clientHeight);
    }
    return extra;
  });
  await page.setViewportSize({ width: size.width, height: Math.min(size.height + overflow + 20, 6000) });
  await page.evaluate(() => document.activeElement?.blur?.());
  await page.mouse.move(1, 1);
  await page.waitForTimeout(300);
  mkdirSync(dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  await page.setViewportSize(size);
  log(`  saved ${file}`);
}

// ------------------------------------------------------------------------ run

async function run(browser) {
  step(`app at ${BASE}`);
  const health = await rest('supervisor', '/actuator/health');
  check(health.json?.status === 'UP', 'GET /actuator/health is UP', health.text.slice(0, 300));

  step('lead: dispatch the rectification ledger (REST), so that every county has open items');
  const dispatched = await restOk('lead', '/api/rectification/dispatch', { method: 'POST' });
  log(`  (started ${dispatched.started} rectification items; already running ones are skipped)`);
  await poll(async () => {
    const b = await restOk('supervisor', '/api/supervision/board');
    return b.rows.every((r) => r.all.total > 0) ? b : null;
  });

  step('lead: a red card (media criticism) and a listing (挂牌督办), through the engine REST API as Tasklist starts them');
  const before = await restOk('supervisor', '/api/supervision/board');
  const [redItem] = await restOk('lead', '/api/supervision/board/items?county=tongwei&level=none&limit=1');
  const [listItem] = await restOk('lead', '/api/supervision/board/items?county=minxian&level=none&limit=1');
  const str = (value) => ({ value, type: 'String' });
  await restOk('lead', '/engine-rest/process-definition/key/summons/start', { method: 'POST', body: { variables: {
    itemKey: str(redItem.businessKey), flagSource: str('媒体曝光'), summonsReason: str('e2e：媒体报道整改不力') } } });
  await restOk('lead', '/engine-rest/process-definition/key/listed-supervision/start', { method: 'POST', body: {
    variables: { itemKey: str(listItem.businessKey), listingReason: str('e2e：进展缓慢，挂牌督办') } } });
  const board = await restOk('supervisor', '/api/supervision/board');
  const row = (b, county) => b.rows.find((r) => r.county === county).all;
  check(row(board, 'tongwei').red === row(before, 'tongwei').red + 1 && row(board, 'minxian').listed === row(before, 'minxian').listed + 1,
    'the red card and the listing show on the board (通渭县 红牌 +1, 岷县 挂牌督办 +1)',
    { tongwei: row(board, 'tongwei'), minxian: row(board, 'minxian') });
  const [redNow] = await restOk('supervisor', `/api/supervision/board/items?county=tongwei&level=red&limit=50`)
    .then((items) => items.filter((i) => i.businessKey === redItem.businessKey));
  check(redNow?.levelName === '红牌督办', `${redItem.businessKey} is 红牌督办 in the item list`, redNow);
  check(!!board, 'GET /api/supervision/board as supervisor: every county has open items');
  check(
    JSON.stringify(board.rows.map((r) => r.countyName)) === JSON.stringify(COUNTIES) && board.total?.countyName === '合计',
    'the board has the 7 Dingxi counties and 合计 (REST)',
    board.rows.map((r) => r.countyName),
  );
  check(JSON.stringify(board.statuses) === JSON.stringify(STATUSES), 'the board statuses are the six columns (REST)', board.statuses);

  // ---------------------------------------------------------------- supervisor in Cockpit
  step('supervisor: the 督办看板 on the Cockpit dashboard');
  const ctx = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  ctx.setDefaultTimeout(TIMEOUT);
  const page = await ctx.newPage();
  watch(page);
  try {
    await login(page, COCKPIT, 'supervisor', 'Cockpit');
    const host = page.locator(`[data-plugin-id="${PLUGIN_ID}"]`);
    const hosted = await host.waitFor().then(() => true).catch(() => false);
    check(hosted, `Cockpit's dashboard hosts the plugin ${PLUGIN_ID} (plugin point cockpit.dashboard)`,
      hosted ? undefined : (await page.locator('body').innerText()).slice(0, 800));
    const ui = host.locator('.ov-board');
    const shown = await ui.locator('table.ov-table tbody tr').first().waitFor().then(() => true).catch(() => false);
    check(shown, 'the board table renders', shown ? undefined : await ui.innerText().catch((e) => String(e)));

    check((await ui.locator('.ov-title').innerText()).trim() === '督办看板', 'the title reads 督办看板');
    const asOf = (await ui.locator('.ov-asof').innerText()).trim();
    check(asOf === `数据截至 ${board.asOf}`, `the board says 数据截至 ${board.asOf}`, asOf);
    const kinds = (await ui.locator('.ov-kinds button').allInnerTexts()).map((t) => t.trim());
    check(JSON.stringify(kinds) === JSON.stringify(['全部', '重点任务', '督察整改']), 'the kind switch offers 全部 / 重点任务 / 督察整改', kinds);
    const dl = (await ui.locator('button.ov-download').innerText()).trim();
    check(dl === '下载督办台账(Excel)', 'the download button reads 下载督办台账(Excel)', dl);

    let state = await tableState(ui);
    check(
      JSON.stringify(state.head) === JSON.stringify(['县区', ...STATUSES, '合计', '按时率', '逾期未报', '逾期未完成', '不涉及']),
      'columns: 县区, the six statuses, 合计, 按时率, then 逾期未报, 逾期未完成, 不涉及 apart',
      state.head,
    );
    const names = state.rows.map((r) => r.name);
    check(
      JSON.stringify(names) === JSON.stringify([...COUNTIES, '合计']),
      `rows: ${COUNTIES.join(' ')} and 合计`,
      names,
    );
    let same = sameRows(state, board, 'all');
    check(same.ok, 'every count and 按时率 matches GET /api/supervision/board (全部)', same);

    const bars = ui.locator('svg.ov-chart rect.ov-bar');
    check((await bars.count()) === 7, 'the 按时率 chart (inline SVG) has 7 bars', await bars.count());
    const barCounties = await bars.evaluateAll((rs) => rs.map((r) => r.dataset.county));
    check(
      JSON.stringify(barCounties) === JSON.stringify(board.rows.map((r) => r.county)),
      'one bar per county, in board order',
      barCounties,
    );
    const chartText = await ui.locator('svg.ov-chart').evaluate((s) => s.textContent);
    check(COUNTIES.every((c) => chartText.includes(c)) && chartText.includes('%'), 'the chart labels the counties with percentages', chartText);

    // ---------------------------------------------------------------- a cell's items
    step('supervisor: a non-zero cell opens its item list');
    const link = ui.locator('table.ov-table tbody tr:not(.ov-total) td:not(.ov-sum):not(.ov-reason) a.ov-count').first();
    check((await link.count()) === 1, 'the board has a non-zero status cell (a link)');
    const cellInfo = await link.evaluate((a) => ({
      n: Number(a.textContent.trim()),
      level: a.closest('td').dataset.level,
      county: a.closest('tr').dataset.county,
      countyName: a.closest('tr').querySelector('th').textContent.trim(),
    }));
    const levelName = STATUSES[['none', 'reminder', 'overdue', 'yellow', 'red', 'listed'].indexOf(cellInfo.level)];
    log(`  (clicking ${cellInfo.countyName} × ${levelName}: ${cellInfo.n})`);
    await link.click();
    const list = ui.locator('.ov-items table.ov-list tbody tr[data-business-key]');
    const listed = await list.first().waitFor().then(() => true).catch(() => false);
    check(listed, 'the item list shows rows', listed ? undefined : await ui.locator('.ov-items').innerText().catch(() => ''));
    const caption = (await ui.locator('.ov-items .ov-subtitle').innerText()).trim();
    check(caption.includes(cellInfo.countyName) && caption.includes(levelName), `the list is titled with ${cellInfo.countyName} · ${levelName}`, caption);
    const listHead = (await ui.locator('.ov-items table.ov-list thead th').allInnerTexts()).map((t) => t.trim());
    check(
      JSON.stringify(listHead) === JSON.stringify(['编号', '任务/问题', '县区（单位）', '类别', '当前待办', '办理时限', '逾期(工作日)', '督办事由', '预警等级']),
      'list columns: 编号 任务/问题 县区 类别 当前待办 办理时限 逾期(工作日) 预警等级',
      listHead,
    );
    const expectRows = Math.min(cellInfo.n, 200);
    check((await list.count()) === expectRows, `the list has the cell's ${expectRows} items`, await list.count());
    const restItems = await restOk('supervisor', `/api/supervision/board/items?county=${cellInfo.county}&level=${cellInfo.level}&limit=200`);
    const rowsShown = await list.evaluateAll((trs) =>
      trs.map((tr) => ({
        key: tr.dataset.businessKey,
        href: tr.querySelector('td a')?.getAttribute('href'),
        county: tr.children[2].textContent.trim(),
      })),
    );
    check(
      JSON.stringify(rowsShown.map((r) => r.key)) === JSON.stringify(restItems.map((i) => i.businessKey)),
      'the list holds the items of GET /api/supervision/board/items, in order',
      { shown: rowsShown.map((r) => r.key).slice(0, 10), rest: restItems.map((i) => i.businessKey).slice(0, 10) },
    );
    check(rowsShown.every((r) => r.county === cellInfo.countyName), `every item is in ${cellInfo.countyName}`);
    check(
      rowsShown.every((r, i) => r.href === `#/process-instance/${restItems[i].processInstanceId}/runtime`),
      "each 编号 links to Cockpit's process instance view",
      rowsShown.slice(0, 3),
    );

    // The link opens the process instance in Cockpit.
    const first = restItems[0];
    await list.first().locator('td a').first().click();
    const opened = await poll(async () => page.url().includes(`/process-instance/${first.processInstanceId}`), 10_000, 200);
    // The instance view's side bar names the business key once the instance has loaded.
    const viewShown = opened && (await poll(async () => (await page.locator('.ctn-main').innerText().catch(() => '')).includes(first.businessKey)));
    check(opened && viewShown, `the link opens process instance ${first.businessKey} in Cockpit`, { url: page.url() });
    await page.goto(`${COCKPIT}#/dashboard`);
    await ui.locator('table.ov-table tbody tr').first().waitFor();

    // ---------------------------------------------------------------- kind switch
    step('supervisor: the kind switch and the list follow 督察整改');
    await ui.locator('table.ov-table tbody tr:not(.ov-total) td:not(.ov-sum):not(.ov-reason) a.ov-count').first().click();
    await list.first().waitFor();
    await ui.locator('.ov-kinds button', { hasText: '督察整改' }).click();
    state = await tableState(ui);
    same = sameRows(state, board, 'rectification');
    check(same.ok, 'with 督察整改 the table shows the rectification counts', same);
    const riCaption = await poll(async () => {
      const c = (await ui.locator('.ov-items .ov-subtitle').innerText().catch(() => '')).trim();
      return c.includes('督察整改') && /（共 \d+ 项|（前 \d+ 项/.test(c) ? c : null;
    }, 10_000, 200);
    check(!!riCaption, 'the item list reloads for 督察整改', riCaption);
    const kindsShown = await ui.locator('.ov-items table.ov-list tbody tr[data-business-key] td:nth-child(4)').allInnerTexts();
    const empty = (await ui.locator('.ov-items .ov-empty').count()) === 1;
    check(
      (kindsShown.length > 0 && kindsShown.every((k) => k.trim() === '督察整改问题')) || (kindsShown.length === 0 && empty),
      'the list holds only 督察整改问题 (or says 暂无事项)',
      kindsShown,
    );
    if (empty) check((await ui.locator('.ov-items .ov-empty').innerText()).trim() === '暂无事项', 'an empty list says 暂无事项');

    // ---------------------------------------------------------------- download
    step('supervisor: 下载督办台账(Excel)');
    // The API takes a webapp session only with X-Requested-With, so a plain link would be refused;
    // the plugin fetches the file with the header and saves it through an object URL.
    // (Asked from Node with the session cookie: in the browser, the 401's WWW-Authenticate: Basic
    // would open the browser's login prompt, which is what a plain <a href> would do.)
    const cookie = (await ctx.cookies(BASE)).map((c) => `${c.name}=${c.value}`).join('; ');
    const asLink = await fetch(`${BASE}/api/supervision/board/items.xlsx`, { headers: { Cookie: cookie } });
    const withHeader = await fetch(`${BASE}/api/supervision/board`, { headers: { Cookie: cookie, 'X-Requested-With': 'XMLHttpRequest' } });
    check(
      asLink.status === 401 && withHeader.status === 200,
      'with the Cockpit session alone items.xlsx is refused (401), with X-Requested-With the API answers (200)',
      { plain: asLink.status, withHeader: withHeader.status },
    );
    const [download] = await Promise.all([page.waitForEvent('download'), ui.locator('button.ov-download').click()]);
    const file = await download.path();
    const bytes = readFileSync(file);
    check(download.suggestedFilename() === '督办台账.xlsx', 'the download is named 督办台账.xlsx', download.suggestedFilename());
    check(bytes.length > 1000 && bytes.subarray(0, 2).toString('latin1') === 'PK', 'the download is an .xlsx workbook (zip)', {
      size: bytes.length,
    });
    check((await ui.locator('.ov-msg.ov-error').count()) === 0 || !(await ui.locator('.ov-msg.ov-error').isVisible()), 'no error message on the board');

    // ---------------------------------------------------------------- screenshot
    await ui.locator('.ov-kinds button', { hasText: '全部' }).click();
    await ui.locator('table.ov-table tbody tr:not(.ov-total) td:not(.ov-sum):not(.ov-reason) a.ov-count').first().click();
    await poll(async () => (await ui.locator('.ov-items .ov-subtitle').innerText().catch(() => '')).includes('· 全部（'), 10_000, 200);
    await list.first().waitFor();
    // The board's own captions (item codes and titles are data, e.g. HTK-2).
    const english = await ui.evaluate((el) =>
      [...el.querySelectorAll('.ov-head, table.ov-table, .ov-chart-box, .ov-items-head, table.ov-list thead')]
        .flatMap((e) => e.textContent.match(/[A-Za-z]{2,}/g) || [])
        .filter((w) => w !== 'Excel'));
    check(english.length === 0, 'the board captions are Chinese (no English words but Excel)', english);
    await screenshotDashboard(page, SHOT);
  } catch (e) {
    if (page.url() !== 'about:blank') {
      const shot = join(tmpdir(), `e2e-cockpit-failure-${Date.now()}.png`);
      await page.screenshot({ path: shot, fullPage: true }).then(
        () => log(`  failure screenshot: ${shot} (url ${page.url()})`),
        () => {},
      );
    }
    throw e;
  } finally {
    await ctx.close().catch(() => {});
  }

  // ---------------------------------------------------------------- county user
  step('anding (county, Tasklist only): the board shows exactly its own row');
  const basic = await restOk('anding', '/api/supervision/board');
  check(
    basic.rows.length === 1 && basic.rows[0].county === 'anding' && basic.rows[0].countyName === '安定区',
    'HTTP Basic: GET /api/supervision/board as anding has one row, 安定区',
    basic.rows.map((r) => r.countyName),
  );
  const cctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  cctx.setDefaultTimeout(TIMEOUT);
  const cpage = await cctx.newPage();
  watch(cpage);
  try {
    // County users have Tasklist only: Cockpit's login refuses them, so there is no board to see.
    await cpage.goto(COCKPIT);
    const username = cpage.locator('input[ng-model="username"]');
    await username.waitFor();
    await username.fill('anding');
    await cpage.locator('input[ng-model="password"]').fill(PASSWORD);
    await cpage.locator('form', { has: username }).locator('button[type="submit"]').click();
    const refused = await cpage
      .locator('.page-notifications', { hasText: '登录失败' })
      .waitFor({ timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    check(
      refused && (await cpage.locator('li.account .dropdown-toggle').count()) === 0 && (await cpage.locator('.ov-board').count()) === 0,
      'Cockpit refuses anding (登录失败): county users have no Cockpit access',
      await notificationText(cpage),
    );

    await login(cpage, TASKLIST, 'anding', 'Tasklist');
    const fromSession = await cpage.evaluate(async () => {
      const get = async (url) => {
        const r = await fetch(url, {
          credentials: 'same-origin',
          headers: { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' },
        });
        return { status: r.status, json: await r.json().catch(() => null) };
      };
      return { board: await get('/api/supervision/board'), other: await get('/api/supervision/board/items?county=tongwei') };
    });
    const rows = fromSession.board.json?.rows || [];
    check(
      fromSession.board.status === 200 && rows.length === 1 && rows[0].countyName === '安定区' && fromSession.board.json.total.all.total === rows[0].all.total,
      "the Tasklist session (cookie + X-Requested-With) gets anding's board: one row, 安定区",
      { status: fromSession.board.status, rows: rows.map((r) => r.countyName) },
    );
    check(
      fromSession.other.status === 200 && Array.isArray(fromSession.other.json) && fromSession.other.json.length === 0,
      "anding sees none of 通渭县's items",
      { status: fromSession.other.status, n: fromSession.other.json?.length },
    );
  } finally {
    await cctx.close().catch(() => {});
  }
}

async function main() {
  let browser;
  let code = 0;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: process.env.E2E_HEADED !== '1',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    await run(browser);
  } catch (e) {
    code = 1;
    if (!(e instanceof CheckFailed)) {
      counts.failed++;
      log(`  FAIL unexpected error: ${e?.stack || e}`);
    }
    if (consoleErrors.length) log(`  browser console errors:\n    ${consoleErrors.join('\n    ')}`);
    if (pageErrors.length) log(`  page errors:\n    ${pageErrors.join('\n    ')}`);
  } finally {
    if (!code && consoleErrors.length) log(`\n  note: browser console errors (not counted):\n    ${consoleErrors.join('\n    ')}`);
    if (!code && pageErrors.length) log(`\n  note: page errors (not counted):\n    ${pageErrors.join('\n    ')}`);
    await browser?.close().catch(() => {});
  }
  log(`e2e: ${counts.passed} passed, ${counts.failed} failed`);
  process.exit(code || (counts.failed ? 1 : 0));
}

await main();
