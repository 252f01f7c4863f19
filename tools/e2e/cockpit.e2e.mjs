#!/usr/bin/env node
// Real-browser end-to-end check of the 督办看板 Cockpit plugin
// (src/main/resources/META-INF/resources/webjars/camunda/app/cockpit/scripts/supervision-board.js),
// driven through the system Chromium by playwright-core. Runs after tasklist.e2e.mjs in run.sh
// against the same app, but needs nothing from it:
//
//   1. lead dispatches the rectification ledger over REST (POST /api/rectification/dispatch,
//      idempotent), so that every county has open items on the board;
//   2. supervisor logs in to Cockpit and lands on the 督办看板 page (#/supervision-board, not the
//      dashboard), with 督办看板 in the top navigation: 督办看板, 数据截至 <asOf>, the six statuses, 合计
//      and 按时率 as columns, the seven Dingxi counties and a 合计 row with the counts of
//      GET /api/supervision/board, and an SVG chart with one bar per county; Camunda's dashboard is
//      still one click away and keeps a short link to the board;
//   3. a non-zero cell opens the item list (as many rows as the cell says); the kind switch 督察整改
//      shows the rectification counts and reloads the list; 下载督办台账(Excel) downloads the list
//      shown, with the filter in the file name and in the sheet's title; screenshot
//      docs/screenshots/cockpit-board-page.png;
//   4. an item's 编号 opens the read-only item page (#/supervision-board/item/<key>) in Chinese:
//      facts, reporting and ladder history (the red card given in step 1), no English "Actions"
//      and no variable types; screenshot docs/screenshots/cockpit-item-page.png;
//   5. /catalogue.html as lead (logged in to Tasklist): shows the user, the way back to Tasklist
//      and to the board, and 已交办 with the counties for a dispatched task; screenshot
//      docs/screenshots/catalogue.png;
//   6. county user anding: Cockpit's login refuses it (Tasklist only); the board read from a
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
  webappLogin as login,
  fillLogin,
} from './lib.mjs';
import { mkdirSync, readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';


const COCKPIT = `${BASE}/camunda/app/cockpit/default/`;
const PLUGIN_ID = 'oversight.supervisionBoard';
/** 2026-12-02 → 2026年12月2日 (the board's and the ledger's date style). */
const cnDate = (day) => day.replace(/^(\d{4})-(\d{2})-(\d{2})$/, (_, y, m, d) => `${y}年${Number(m)}月${Number(d)}日`);
const COUNTIES = ['安定区', '通渭县', '陇西县', '渭源县', '临洮县', '漳县', '岷县'];
const STATUSES = ['按期推进', '即将到期', '逾期', '黄牌', '红牌', '挂牌督办'];
const FIELDS = ['onTime', 'dueSoon', 'overdue', 'yellow', 'red', 'listed'];
const SHOT = join(SHOT_DIR, 'cockpit-board-page.png');
const ITEM_SHOT = join(SHOT_DIR, 'cockpit-item-page.png');
const CATALOGUE_SHOT = join(SHOT_DIR, 'catalogue.png');
const LEVELS = ['none', 'reminder', 'overdue', 'yellow', 'red', 'listed'];

/** One file of a zip (an .xlsx), read with node:zlib alone: the central directory, then the entry. */
function unzipEntry(buf, name) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) return null;
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const entryName = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    if (entryName === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + nameLen + extraLen + commentLen;
  }
  return null;
}






// ---------------------------------------------------------------- REST helpers




// ------------------------------------------------------------- browser helpers





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

/** Screenshot of the whole page: grows the viewport so that the scrolled content fits. */
async function screenshotDashboard(page, file, selector = '.ov-board') {
  const size = page.viewportSize();
  const overflow = await page.evaluate((sel) => {
    let extra = 0;
    for (let e = document.querySelector(sel); e; e = e.parentElement) {
      extra = Math.max(extra, e.scrollHeight - e.clientHeight);
    }
    return extra;
  }, selector);
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
  step('supervisor: Cockpit opens on the 督办看板 page');
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
    const landedOnBoard = await poll(async () => page.url().includes('#/supervision-board'), 15_000, 200);
    check(landedOnBoard, 'supervisor lands on #/supervision-board, not on the dashboard', { url: page.url() });
    const ui = page.locator('.ov-board.ov-page[data-plugin="oversight.supervisionBoard"]');
    const shown = await ui.locator('table.ov-table tbody tr').first().waitFor().then(() => true).catch(() => false);
    check(shown, 'the board page renders its table', shown ? undefined : (await page.locator('.ctn-main').innerText().catch((e) => String(e))).slice(0, 800));
    const dashboardShown = await page.locator('.dashboard, [cam-dashboard]').count()
      + await page.getByText('自定义插件', { exact: true }).count();
    check(dashboardShown === 0, "the page is the board, not Cockpit's dashboard (no 自定义插件 section)", dashboardShown);
    const navEntry = page.locator('[cam-widget-header] li', { has: page.locator('a[href="#/supervision-board"]') });
    const navText = (await navEntry.first().innerText().catch(() => '')).trim();
    check((await navEntry.count()) === 1 && navText === '督办看板', 'the top navigation has the entry 督办看板 (#/supervision-board)', navText);
    check(/\bactive\b/.test((await navEntry.first().getAttribute('class')) || ''), 'the 督办看板 entry is marked active');
    const navOrder = (await page.locator('[cam-widget-header] ul[cam-if-logged-in] > li').allInnerTexts()).map((t) => t.trim());
    check(navOrder[0] === '督办看板', '督办看板 comes first in the top navigation', navOrder);

    check((await ui.locator('.ov-title').innerText()).trim() === '督办看板', 'the title reads 督办看板');
    const asOf = (await ui.locator('.ov-asof').innerText()).trim();
    check(asOf === `数据截至 ${cnDate(board.asOf)}`, `the board says 数据截至 ${cnDate(board.asOf)} (dates read 年月日 across forms, board and ledger)`, asOf);
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

    // Camunda's own dashboard stays one click away (the brand link), with a short link to the board.
    step("supervisor: Camunda's dashboard is still there, with a link to the board");
    await page.locator('a.navbar-brand').click();
    const link = page.locator('[data-plugin="oversight.supervisionBoard.dashboard"] a[href="#/supervision-board"]');
    const linkShown = await link.waitFor({ timeout: 15_000 }).then(() => true).catch(() => false);
    await page.waitForTimeout(1500); // a redirect would have happened by now
    check(linkShown && page.url().includes('#/dashboard'),
      'the brand link opens the dashboard (no second redirect), which links 打开督办看板', { url: page.url(), linkShown });
    await link.click();
    await ui.locator('table.ov-table tbody tr').first().waitFor();
    check(page.url().includes('#/supervision-board'), 'the dashboard link opens the board page', page.url());

    // ---------------------------------------------------------------- a cell's items
    step('supervisor: a non-zero cell opens its item list; its 编号 links to the item page');
    const cellLink = ui.locator('table.ov-table tbody tr:not(.ov-total) td:not(.ov-sum):not(.ov-reason) a.ov-count').first();
    check((await cellLink.count()) === 1, 'the board has a non-zero status cell (a link)');
    const cellInfo = await cellLink.evaluate((a) => ({
      n: Number(a.textContent.trim()),
      level: a.closest('td').dataset.level,
      county: a.closest('tr').dataset.county,
      countyName: a.closest('tr').querySelector('th').textContent.trim(),
    }));
    const levelName = STATUSES[LEVELS.indexOf(cellInfo.level)];
    log(`  (clicking ${cellInfo.countyName} × ${levelName}: ${cellInfo.n})`);
    await cellLink.click();
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
      rowsShown.every((r, i) => r.href === `#/supervision-board/item/${encodeURIComponent(restItems[i].businessKey)}`),
      "each 编号 links to the board's item page, not to Cockpit's process instance view",
      rowsShown.slice(0, 3),
    );

    // ---------------------------------------------------------------- filtered download
    step('supervisor: 下载督办台账(Excel) of a filtered list says it is filtered');
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
    const download = async (what) => {
      const [d] = await Promise.all([page.waitForEvent('download'), ui.locator('button.ov-download').click()]);
      const bytes = readFileSync(await d.path());
      const sheet = unzipEntry(bytes, 'xl/worksheets/sheet1.xml') || '';
      const title = (/<c r="A1"[^>]*>.*?<t[^>]*>([^<]*)<\/t>/s.exec(sheet) || [])[1] || '';
      log(`  (${what}: ${d.suggestedFilename()}, A1 ${title})`);
      return { name: d.suggestedFilename(), bytes, title };
    };
    const filter = `${cellInfo.countyName}·${levelName}`;
    let got = await download('filtered by the cell');
    check(got.bytes.length > 1000 && got.bytes.subarray(0, 2).toString('latin1') === 'PK', 'the download is an .xlsx workbook (zip)', { size: got.bytes.length });
    check(got.name === `督办台账（筛选：${filter}）-${board.asOf}.xlsx`, `the file name says the filter: 督办台账（筛选：${filter}）-${board.asOf}.xlsx`, got.name);
    check(got.title === `督办台账（筛选：${filter}；截至 ${cnDate(board.asOf)}）`, `the sheet's title says the filter: 督办台账（筛选：${filter}；截至 ${cnDate(board.asOf)}）`, got.title);

    // ---------------------------------------------------------------- kind switch
    step('supervisor: the kind switch and the list follow 督察整改');
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
    got = await download('filtered by the cell and 督察整改');
    const riFilter = `${cellInfo.countyName}·督察整改·${levelName}`;
    check(got.name === `督办台账（筛选：${riFilter}）-${board.asOf}.xlsx` && got.title.includes(`筛选：${riFilter}`),
      `with 督察整改 the file name and title say 筛选：${riFilter}`, { name: got.name, title: got.title });
    await ui.locator('.ov-items .ov-link', { hasText: '收起' }).click();
    await ui.locator('.ov-kinds button', { hasText: '全部' }).click();
    got = await download('the whole board');
    check(got.name === `督办台账-${board.asOf}.xlsx` && got.title === `督办台账（截至 ${cnDate(board.asOf)}）`,
      'the unfiltered ledger is 督办台账-<date>.xlsx, titled without a filter', { name: got.name, title: got.title });
    check((await ui.locator('.ov-msg.ov-error').count()) === 0 || !(await ui.locator('.ov-msg.ov-error').isVisible()), 'no error message on the board');

    // ---------------------------------------------------------------- screenshot of the board
    await ui.locator('table.ov-table tbody tr[data-county="tongwei"] td[data-level="red"] a.ov-count').click();
    await poll(async () => (await ui.locator('.ov-items .ov-subtitle').innerText().catch(() => '')).includes('· 全部（'), 10_000, 200);
    await list.first().waitFor();
    // The board's own captions (item codes and titles are data, e.g. HTK-2).
    const english = await ui.evaluate((el) =>
      [...el.querySelectorAll('.ov-head, table.ov-table, .ov-chart-box, .ov-items-head, table.ov-list thead')]
        .flatMap((e) => e.textContent.match(/[A-Za-z]{2,}/g) || [])
        .filter((w) => w !== 'Excel'));
    check(english.length === 0, 'the board captions are Chinese (no English words but Excel)', english);
    await screenshotDashboard(page, SHOT);

    // ---------------------------------------------------------------- the item page
    step(`supervisor: the item page of ${redItem.businessKey} (red card by media criticism)`);
    const itemLink = ui.locator(`.ov-items tr[data-business-key="${redItem.businessKey}"] a.ov-item-link`);
    check((await itemLink.count()) === 1, `通渭县 × 红牌 lists ${redItem.businessKey} with a link`);
    await itemLink.click();
    const itemPage = page.locator('.ov-board.ov-item');
    const itemShown = await itemPage.locator('dl.ov-facts').waitFor().then(() => true).catch(() => false);
    check(itemShown && page.url().includes(`#/supervision-board/item/`),
      'the link opens the item page #/supervision-board/item/<key> in Cockpit', { url: page.url() });
    check((await itemPage.getAttribute('data-case-key')) === redItem.businessKey, 'the page is the clicked item', await itemPage.getAttribute('data-case-key'));
    const restItem = await restOk('supervisor', `/api/supervision/items/${encodeURIComponent(redItem.businessKey)}`);
    const facts = await itemPage.locator('dl.ov-facts').evaluate((d) => Object.fromEntries(
      [...d.querySelectorAll('dt')].map((dt) => [dt.textContent.trim(), dt.nextElementSibling.textContent.trim()])));
    log(`  (facts: ${JSON.stringify(facts)})`);
    check(facts['事项编号'] === redItem.businessKey && facts['县区（单位）'] === '通渭县' && facts['预警等级'] === '红牌督办'
      && facts['牵头单位'] === (restItem.leadNames || '—') && facts['完成时限'] === restItem.deadlineText,
      'the facts: 事项编号, 县区 通渭县, 牵头单位, 完成时限 and 预警等级 红牌督办 as GET /api/supervision/items says', facts);
    const sections = (await itemPage.locator('section .ov-subtitle').allInnerTexts()).map((t) => t.trim());
    check(JSON.stringify(sections) === JSON.stringify(['进展报送记录', '预警与督办记录', '督办函', '佐证材料']),
      'sections: 进展报送记录, 预警与督办记录, 督办函, 佐证材料', sections);
    const ladderText = await itemPage.locator('section.ov-ladder').innerText();
    check(ladderText.includes('红牌督办') && ladderText.includes('媒体'), 'the ladder history shows the red card and its reason (媒体曝光)', ladderText.slice(0, 400));
    const mainText = await page.locator('.ctn-main').innerText();
    const englishWords = (mainText.match(/\b(Actions|Variables?|String|Boolean|Integer|Long|Double|Date|Json|Object|Null|Runtime|History)\b/g) || []);
    check(englishWords.length === 0, 'no English "Actions", variable keys or types on the item page', englishWords);
    await screenshotDashboard(page, ITEM_SHOT, '.ov-board.ov-item');
    await itemPage.locator('a.ov-back').click();
    await ui.locator('table.ov-table tbody tr').first().waitFor();
    check(page.url().includes('#/supervision-board') && !page.url().includes('/item/'), '← 返回督办看板 leads back to the board');

    // an item the URL names but that does not exist: the page says so (the server's 404)
    await page.goto(`${COCKPIT}#/supervision-board/item/${encodeURIComponent('KT-0.0.0:anding')}`);
    const notFound = await page.locator('.ov-item .ov-msg.ov-error').innerText().catch(() => '');
    check(notFound.includes('未找到事项') && notFound.includes('404'), 'an unknown item shows 未找到事项 … (404)', notFound);
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

  // ---------------------------------------------------------------- catalogue page
  step('lead: /catalogue.html knows the Tasklist session, links back, shows what is dispatched');
  let status = await restOk('lead', '/api/catalogue/dispatch-status');
  if (!Object.keys(status).length) {
    // nothing dispatched yet (tasklist.e2e.mjs not run before): the lead dispatches one task over REST
    const [task] = await restOk('lead', '/engine-rest/task?taskDefinitionKey=dispatchKeyTask&processVariables=leadUnits_eq_sthj&maxResults=1');
    const proposed = (await restOk('lead', `/engine-rest/task/${task.id}/variables/proposedCounties`)).value;
    await restOk('lead', `/engine-rest/task/${task.id}/claim`, { method: 'POST', body: { userId: 'lead' } });
    await restOk('lead', `/engine-rest/task/${task.id}/submit-form`, { method: 'POST',
      body: { variables: { assignedCounties: { value: proposed, type: 'String' } } } });
    status = await restOk('lead', '/api/catalogue/dispatch-status');
  }
  const [code, dispatchedTask] = Object.entries(status)[0] || [];
  check(!!code && dispatchedTask.counties.length + dispatchedTask.units.length > 0,
    'GET /api/catalogue/dispatch-status names a dispatched task with its counties or units', status);
  const lctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  lctx.setDefaultTimeout(TIMEOUT);
  const lpage = await lctx.newPage();
  watch(lpage);
  try {
    await login(lpage, TASKLIST, 'lead', 'Tasklist');
    await lpage.goto(`${BASE}/catalogue.html`);
    const who = await poll(async () => {
      const t = (await lpage.locator('#who').innerText().catch(() => '')).trim();
      return t.startsWith('当前用户') ? t : null;
    }, 10_000, 200);
    check(!!who && who.includes('lead') && who.includes('市局领导'), 'the page shows the logged-in user (当前用户 … lead, 市局领导)', who);
    check(!(await lpage.locator('#loginHint').isVisible()) && !(await lpage.getByText('请先以市局领导').isVisible().catch(() => false)),
      'no 请先…登录 hint while logged in');
    const back = lpage.locator('#toTasklist');
    check((await back.getAttribute('href')).startsWith('/camunda/app/tasklist/') && (await back.innerText()).includes('Tasklist'),
      'a link leads back to Tasklist', await back.getAttribute('href'));
    check((await lpage.locator('#toBoard').getAttribute('href')).endsWith('#/supervision-board'), "a link leads to Cockpit's 督办看板");
    const row = lpage.locator(`#catalogue tr[data-code="${code}"]`);
    await row.waitFor();
    const stateText = (await row.locator('td.state').innerText()).trim();
    const to = [...dispatchedTask.counties, ...dispatchedTask.units];
    check(stateText.startsWith('已交办') && to.every((n) => stateText.includes(n)), `task ${code} shows 已交办 and where it went (${to.join('、')})`, stateText);
    const openCount = await lpage.locator('#catalogue td.state [data-state="open"]').count();
    check(openCount > 0 && (await lpage.locator('#catalogue td.state [data-state="open"]').first().innerText()).trim() === '待交办',
      'tasks not yet dispatched show 待交办', openCount);
    const counted = (await lpage.locator('#dispatchedCount').innerText()).trim();
    check(counted === String(Object.keys(status).length), `the heading counts ${Object.keys(status).length} dispatched`, counted);
    await lpage.evaluate((c) => {
      // the dispatched task in the middle of the screenshot, outlined; the page's header (user,
      // way back) stays at the top while the list scrolls
      const tr = document.querySelector(`#catalogue tr[data-code="${c}"]`);
      tr.style.outline = '2px solid #1a7f37';
      tr.scrollIntoView({ block: 'center' });
    }, code);
    check(await lpage.locator('#who').isVisible() && await lpage.locator('#toTasklist').isVisible(),
      'the user and the way back stay in view while the list scrolls');
    mkdirSync(dirname(CATALOGUE_SHOT), { recursive: true });
    await lpage.screenshot({ path: CATALOGUE_SHOT });
    log(`  saved ${CATALOGUE_SHOT}`);

    // 批量交办: one chapter at once, after a preview and one confirmation
    await lpage.evaluate(() => window.scrollTo(0, 0));
    const ch8 = (await restOk('lead', '/api/catalogue/bulk-dispatch?chapter=8'));
    check(ch8.length > 0 && ch8.every((t) => t.code.startsWith('8.')), `the preview of chapter 8 lists ${ch8.length} open 交办 tasks (REST)`, ch8.map((t) => t.code));
    await lpage.locator('#bulkChapter').selectOption('8');
    await lpage.locator('#bulkPreview').click();
    const summary = await poll(async () => (await lpage.locator('#bulkSummary').innerText().catch(() => '')).trim() || null, 10_000, 200);
    check(!!summary && summary.includes(`将交办 ${ch8.length} 项任务`), `the page previews 将交办 ${ch8.length} 项任务 with their parties`, summary);
    let asked = '';
    lpage.once('dialog', (d) => { asked = d.message(); d.accept(); });
    await lpage.locator('#bulkConfirm').click();
    const done = await poll(async () => (await lpage.locator('#bulkDone').innerText().catch(() => '')).trim() || null, 60_000, 500);
    check(asked.startsWith(`确认按建议交办 ${ch8.length} 项任务`), 'one confirmation is asked before dispatching', asked);
    check(!!done && done.startsWith('已交办'), 'the page says 已交办 N 项任务', done);
    const left = await restOk('lead', '/api/catalogue/bulk-dispatch?chapter=8');
    check(left.length < ch8.length, `chapter 8's 交办 tasks are done (${ch8.length} → ${left.length} open; the rest named as refused)`, left.map((t) => t.code));
    await lpage.locator('#dispatchSection').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await lpage.screenshot({ path: join(SHOT_DIR, 'catalogue-bulk-dispatch.png') });
    await back.click();
    const inTasklist = await lpage.locator('li.account .dropdown-toggle').waitFor().then(() => true).catch(() => false);
    check(inTasklist && lpage.url().includes('/camunda/app/tasklist/'), 'the way back opens Tasklist, still logged in', lpage.url());
  } finally {
    await lctx.close().catch(() => {});
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
    await fillLogin(cpage, 'anding');
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
