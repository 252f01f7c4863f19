import { chromium } from 'playwright-core';
const BASE = process.env.B || 'http://localhost:18090';
const mock = process.env.MOCK === '1';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
const page = await ctx.newPage();
page.on('console', (m) => console.log('console', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror', e));
if (mock) {
  await page.route('**/api/supervision/board', async (route) => {
    const res = await route.fetch();
    const d = await res.json();
    const rnd = (i, j) => ((i * 7 + j * 3) % 5);
    d.rows.forEach((r, i) => { for (const k of ['all','keyTasks','rectification']) { const c = r[k]; c.dueSoon = rnd(i,1); c.overdue = rnd(i,2) % 3; c.yellow = i % 3; c.red = i % 2; c.listed = i === 3 ? 1 : 0; c.total = c.onTime + c.dueSoon + c.overdue + c.yellow + c.red + c.listed; c.onTimeRate = c.total ? Math.round((c.onTime + c.dueSoon) * 1000 / c.total) / 1000 : 1; } });
    d.rows[5].all = { onTime: 0, dueSoon: 0, overdue: 0, yellow: 0, red: 0, listed: 0, total: 0, onTimeRate: 1 };
    await route.fulfill({ response: res, json: d });
  });
}
await page.goto(`${BASE}/camunda/app/cockpit/default/`);
const u = page.locator('input[ng-model="username"]');
await u.waitFor();
await u.fill(process.env.U || 'supervisor');
await page.locator('input[ng-model="password"]').fill('demo');
await page.locator('form', { has: u }).locator('button[type="submit"]').click();
await page.locator('.ov-board').waitFor({ timeout: 30000 }).catch((e) => console.log('no board', e.message));
await page.locator('.ov-board table.ov-table').waitFor({ timeout: 15000 }).catch((e) => console.log('no table', e.message));
if (process.env.CLICK) {
  await page.locator('.ov-board a.ov-count').first().click();
  await page.locator('.ov-board table.ov-list tbody tr').first().waitFor();
  await page.locator('.ov-board table.ov-list button.ov-link').first().click();
  await page.waitForTimeout(800);
}
await page.waitForTimeout(500);
const overflow = await page.evaluate(() => { let extra = 0; for (let e = document.querySelector('.ov-board'); e; e = e.parentElement) extra = Math.max(extra, e.scrollHeight - e.clientHeight); return extra; });
console.log('overflow', overflow);
await page.setViewportSize({ width: 1440, height: 1000 + overflow + 20 });
await page.waitForTimeout(300);
if (process.env.EL) await page.locator('.ov-board').screenshot({ path: '/tmp/dev/el.png' });
await page.screenshot({ path: process.env.OUT || '/tmp/dev/shot.png', fullPage: true });
console.log(await page.locator('.ov-board').innerText().catch(() => 'none'));
await browser.close();
