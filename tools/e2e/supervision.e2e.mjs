#!/usr/bin/env node
// Real-browser end-to-end check of the supervision forms (延期申请, 挂牌督办, 红牌约谈) in
// Camunda Tasklist, driven through the system Chromium by playwright-core. Runs after
// tasklist.e2e.mjs and cockpit.e2e.mjs in run.sh against the same app, but needs nothing
// from them:
//
//   1. lead dispatches the rectification ledger over REST (POST /api/rectification/dispatch,
//      idempotent), so that every county has open items;
//   2. 延期申请: weiyuan starts it from Tasklist's start-process dialog
//      (request-extension.html) for one of its cases: 事项编号, a date in the date picker later
//      than the case's due date (Start stays disabled without one), a reason (screenshot
//      docs/screenshots/tasklist-extension-request.png); lead opens 审批延期申请
//      (decide-extension.html), sees 当前办理时限 / 申请延期至 as readable dates (screenshot
//      docs/screenshots/tasklist-extension-decision.png), chooses 同意延期 and completes it;
//      the board (REST) shows the case's new due date. Filing again with a date earlier than
//      the new due date is refused in the dialog with the server's 应晚于当前办理时限 and
//      records nothing;
//   3. 挂牌督办: lead starts it (order-listing.html) for a case of minxian; the board counts
//      it as listed; minxian opens 报送周进展 (weekly-report.html) and submits it (week 2
//      follows); lead opens 解除挂牌督办 (lift-listing.html) and completes it; the instance
//      ends and the board's listed count is back where it was;
//   4. 红牌约谈: lead starts it (order-summons.html, 通报来源 媒体曝光) for a case of longxi,
//      which turns red; lead completes 安排并记录约谈 (record-summons.html) with the date-time
//      picker (Complete stays disabled without it); longxi completes 报送书面说明
//      (written-report.html; fewer than 20 characters show an error and block Complete); the
//      summons instance is finished (REST history) and the case is no longer red.
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
  logout,
  openTask,
  claimedOnOpen,
  completeButton,
  taskGoneFromList,
  restTaskGone,
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
  chooseItem,
  webappLogin,
} from './lib.mjs';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ZONE = 'Asia/Shanghai';







// ---------------------------------------------------------------- REST helpers




/** The board's items of a county (REST, as lead), optionally of one warning level. */
async function boardItems(county, level) {
  const q = `county=${encodeURIComponent(county)}${level ? `&level=${encodeURIComponent(level)}` : ''}`;
  return restOk('lead', `/api/supervision/board/items?${q}`);
}

async function boardItem(county, businessKey) {
  return (await boardItems(county)).find((i) => i.businessKey === businessKey);
}

/** The board's row of a county (REST, as lead). */
async function boardRow(county) {
  return (await restOk('lead', '/api/supervision/board')).rows.find((r) => r.county === county);
}

/** The open tasks of a business key as this user (REST). */
async function tasksOf(user, businessKey, processDefinitionKey) {
  const q = `processInstanceBusinessKey=${encodeURIComponent(businessKey)}${
    processDefinitionKey ? `&processDefinitionKey=${encodeURIComponent(processDefinitionKey)}` : ''
  }`;
  return restOk(user, `/engine-rest/task?${q}`);
}

/** Waits until this user has an open task of this step for the business key; returns it. */
async function waitForTask(user, businessKey, taskDefinitionKey) {
  const list = await poll(async () => {
    const l = (await tasksOf(user, businessKey)).filter((t) => t.taskDefinitionKey === taskDefinitionKey);
    return l.length === 1 ? l : null;
  });
  return list?.[0];
}

/** The instances (history) of a process for a business key. */
async function instancesOf(processDefinitionKey, businessKey) {
  return restOk(
    'lead',
    `/engine-rest/history/process-instance?processDefinitionKey=${processDefinitionKey}&processInstanceBusinessKey=${encodeURIComponent(businessKey)}`,
  );
}

// ------------------------------------------------------------------ dates

/** Today (YYYY-MM-DD) in the app's time zone. */
function today() {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE }).format(new Date());
}

/** YYYY-MM-DD plus n days. */
function addDays(day, n) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** YYYY-MM-DD as the forms and the server's messages show it: 2026年11月30日. */
function readable(day) {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The day (YYYY-MM-DD, app time zone) and time (HH:mm) of a Camunda REST date value. */
function dayAndTime(value) {
  const iso = String(value).replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(new Date(iso));
  const [day, time] = parts.split(' ');
  return { day, time };
}

// ------------------------------------------------------------- browser helpers




async function login(page, user) {
  await webappLogin(page, TASKLIST, user, 'Tasklist');
  await page.locator('.task-filter').first().waitFor();
}








/** Screenshot of the whole page with the form unscrolled: grows the viewport to fit it. */
async function screenshotForm(page, formSelector, file) {
  const size = page.viewportSize();
  const overflow = await page.evaluate((sel) => {
    let extra = 0;
    for (let e = document.querySelector(sel); e; e = e.parentElement) {
      extra = Math.max(extra, e.scrollHeight - e.clientHeight);
    }
    return extra;
  }, formSelector);
  await page.setViewportSize({ width: size.width, height: Math.min(size.height + overflow + 40, 6000) });
  await page.evaluate(() => document.activeElement?.blur?.());
  await page.mouse.move(1, 1); // no hover tooltip in the picture
  await page.waitForTimeout(300);
  mkdirSync(dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  await page.setViewportSize(size);
  log(`  saved ${file}`);
}

/**
 * Opens Tasklist's start-process dialog and the start form of the process named so; returns
 * { modal, form, start } (start: the dialog's Start button).
 */
async function openStartForm(page, processName, formName) {
  await page.locator('.start-process-action a').click();
  const modal = page.locator('.modal-content');
  await modal.locator('ul.processes').waitFor();
  let link = modal.locator('ul.processes a', { hasText: processName });
  if (!(await link.count())) {
    // The dialog lists a page of processes; its search box narrows the list.
    await modal.locator('input[type="text"], input[type="search"]').first().fill(processName);
    link = modal.locator('ul.processes a', { hasText: processName });
  }
  const offered = await link.first().waitFor().then(() => true).catch(() => false);
  check(offered, `the start-process dialog offers ${processName}`, await modal.locator('ul.processes').innerText().catch(() => ''));
  await link.first().click();
  const form = modal.locator(`form[name="${formName}"]`);
  const shown = await form.waitFor().then(() => true).catch(() => false);
  check(shown, `the start form of ${processName} renders in the dialog (${formName})`, shown ? undefined : await modal.innerText());
  const start = modal.locator('.modal-footer button.btn-primary[ng-click="startProcessInstance()"]');
  return { modal, form, start };
}

/** Clicks Start; true when the dialog closed (the instance was started). */
async function startAndWaitClosed(page, start) {
  await start.click();
  return page
    .locator('.modal-content')
    .waitFor({ state: 'detached', timeout: TIMEOUT })
    .then(() => true)
    .catch(() => false);
}

async function labelsOf(form) {
  return (await form.locator('label').allInnerTexts()).map((t) => t.trim());
}

// ------------------------------------------------------------------------ run

async function run(page) {
  step(`app at ${BASE}`);
  const health = await rest('lead', '/actuator/health');
  check(health.json?.status === 'UP', 'GET /actuator/health is UP', health.text.slice(0, 300));
  const dispatched = await restOk('lead', '/api/rectification/dispatch', { method: 'POST' });
  check(Array.isArray(dispatched?.businessKeys), 'POST /api/rectification/dispatch as lead (the counties have open cases)', dispatched);

  await extension(page);
  await listing(page);
  await summons(page);

  check(pageErrors.length === 0, 'no uncaught JavaScript errors in the page', pageErrors);
}

// ------------------------------------------------------------------- 延期申请

async function extension(page) {
  const county = 'weiyuan';
  const now = today();
  const candidates = (await boardItems(county, 'none')).filter((i) => i.dueDate && i.dueDate >= now && i.openTask);
  check(candidates.length > 0, `${county} has a case with an open task that is not due yet (board, level none)`, candidates);
  const item = candidates[0];
  const key = item.businessKey;
  const oldDue = item.dueDate;
  const requested = addDays(oldDue, 30);
  log(`  (case ${key}: 「${item.openTask}」 due ${oldDue}; asking for ${requested})`);

  step(`${county}: 延期申请 for ${key} from the start-process dialog`);
  await login(page, county);
  const { modal, form, start } = await openStartForm(page, '延期申请', 'extensionRequestForm');
  const labels = await labelsOf(form);
  check(['事项', '申请延期至', '延期理由'].every((w) => labels.some((l) => l.startsWith(w))), 'start form shows 事项 / 申请延期至 / 延期理由', labels);
  check((await form.locator('input#itemKey').count()) === 0, 'no text box asks for a typed 事项编号');
  const dateInput = form.locator('#requestedDue');
  const dateType = await dateInput.getAttribute('type');
  check(dateType === 'date', '申请延期至 is a native date picker (input type=date)', dateType);
  check(!labels.some((l) => /yyyy|HH:mm/i.test(l)), 'no label asks for yyyy-MM-ddTHH:mm:ss text', labels);

  const offered = await chooseItem(form, key);
  check(offered.length > 0 && offered.every((l) => l.endsWith('（渭源县）')), `the 事项 list offers ${county}'s own items only (${offered.length})`, offered);
  const chosenKey = (await form.locator('#itemKeyChosen').innerText().catch(() => '')).trim();
  check(chosenKey === `事项编号：${key}`, `choosing shows 事项编号：${key}`, chosenKey);
  await form.locator('#extensionReason').fill('整改方案需经专家论证，论证会安排在原时限之后，申请延期一个月');
  check(await start.isDisabled(), 'Start stays disabled while no date is picked (required)');
  await dateInput.fill(requested);
  check((await dateInput.inputValue()) === requested, `the date picker holds ${requested}`, await dateInput.inputValue());
  const chosen = (await form.locator('#requestedDueChosen').innerText().catch(() => '')).trim();
  check(chosen === `已选择：${readable(requested)} 17:30`, `the form repeats the choice: 已选择：${readable(requested)} 17:30`, chosen);
  check(await start.isEnabled(), 'Start is enabled with an item, a date and a reason');
  await screenshotForm(page, '.modal-content', join(SHOT_DIR, 'tasklist-extension-request.png'));

  const before = (await instancesOf('extension-request', key)).length;
  const closed = await startAndWaitClosed(page, start);
  check(closed, 'the start succeeds: the dialog closes', closed ? undefined : await notificationText(page));
  const decideTask = await waitForTask('lead', key, 'decideExtension');
  check(!!decideTask && decideTask.name.startsWith('审批延期申请'), 'lead has 审批延期申请 (decideExtension) for the case (REST)', await tasksOf('lead', key));
  check((await instancesOf('extension-request', key)).length === before + 1, 'one 延期申请 instance was started (REST history)');
  const vars = await restOk('lead', `/engine-rest/process-instance/${decideTask.processInstanceId}/variables?deserializeValues=false`);
  const savedDue = vars.requestedDue ? dayAndTime(vars.requestedDue.value) : null;
  check(
    vars.requestedDue?.type === 'Date' && savedDue?.day === requested && savedDue?.time === '17:30',
    `requestedDue saved as a Date: ${requested} 17:30`,
    { requestedDue: vars.requestedDue, parsed: savedDue },
  );
  check(vars.itemKey?.value === key, 'itemKey saved from the form', vars.itemKey);

  step(`lead: 审批延期申请 for ${key}`);
  await logout(page);
  await login(page, 'lead');
  await openTask(page, decideTask.id, 'extensionDecisionForm');
  const dform = page.locator('form[name="extensionDecisionForm"]');
  const currentShown = dform.locator('#currentDueShown');
  const requestedShown = dform.locator('#requestedDueShown');
  const datesShown = await poll(async () => (await currentShown.inputValue()) !== '' && (await requestedShown.inputValue()) !== '');
  check(datesShown, 'the decision form shows 当前办理时限 and 申请延期至');
  check((await currentShown.inputValue()) === readable(oldDue), `当前办理时限 reads ${readable(oldDue)}`, await currentShown.inputValue());
  check((await requestedShown.inputValue()) === readable(requested), `申请延期至 reads ${readable(requested)}`, await requestedShown.inputValue());
  const reason = await dform.locator('textarea[cam-variable-name="extensionReason"]').inputValue();
  check(reason.startsWith('整改方案需经专家论证'), '延期理由 shows what weiyuan wrote', reason);
  check(
    (await dform.locator('input[cam-variable-name="taskCode"]').inputValue()) === item.code,
    `编号 shows ${item.code}`,
    await dform.locator('input[cam-variable-name="taskCode"]').inputValue(),
  );

  await claimedOnOpen(page, 'extensionDecisionForm');
  await dform.locator('#extensionDecision').selectOption({ label: '同意延期' });
  await dform.locator('#extensionComment').fill('同意延期');
  const complete = completeButton(page);
  check(await complete.isEnabled(), 'Complete is enabled with 同意延期');
  await screenshotForm(page, 'form[name="extensionDecisionForm"]', join(SHOT_DIR, 'tasklist-extension-decision.png'));
  await complete.click();
  check(await taskGoneFromList(page, decideTask.id), '审批延期申请 disappears from the task list');
  check(await restTaskGone('lead', decideTask.id), '审批延期申请 is gone in the engine (REST 404)');
  const moved = await poll(async () => (await boardItem(county, key))?.dueDate === requested);
  check(moved, `the board shows ${key} due ${requested} now (REST)`, await boardItem(county, key));
  const hist = await restOk('lead', `/engine-rest/history/variable-instance?processInstanceId=${decideTask.processInstanceId}&deserializeValues=false`);
  const byName = Object.fromEntries(hist.map((v) => [v.name, v]));
  check(
    byName.extensionDecision?.value === 'approve' && byName.extensionApplied?.value === true,
    'extensionDecision approve, extensionApplied true (REST history)',
    { extensionDecision: byName.extensionDecision?.value, extensionApplied: byName.extensionApplied?.value },
  );
  check(
    dayAndTime(byName.currentDue?.value).day === oldDue && dayAndTime(byName.requestedDue?.value).day === requested,
    'currentDue / requestedDue unchanged by the decision form (shown only, not sent back)',
    { currentDue: byName.currentDue?.value, requestedDue: byName.requestedDue?.value },
  );

  step(`${county}: a second 延期申请 for ${key} earlier than its new due date is refused`);
  await logout(page);
  await login(page, county);
  const tooEarly = addDays(oldDue, 10);
  const second = await openStartForm(page, '延期申请', 'extensionRequestForm');
  const offeredAgain = await second.form.locator('select#itemKey option').evaluateAll((os) => os.map((o) => o.value));
  check(offeredAgain.includes(key), `${key} is offered again (its request was decided, its new due date is ahead)`, offeredAgain);
  await chooseItem(second.form, key);
  await second.form.locator('#requestedDue').fill(tooEarly);
  await second.form.locator('#extensionReason').fill('再次申请延期');
  const countBefore = (await instancesOf('extension-request', key)).length;
  check(await second.start.isEnabled(), `Start is enabled (date ${tooEarly})`);
  await second.start.click();
  const wanted = `应晚于当前办理时限 ${readable(requested)}`;
  const refusal = page.locator('.notifications, .page-notifications, [notifications-panel]', { hasText: '应晚于当前办理时限' }).first();
  const refused = await refusal.waitFor().then(() => true).catch(() => false);
  const refusalText = refused ? (await refusal.innerText()).trim() : (await page.locator('body').innerText()).slice(0, 800);
  check(refused && refusalText.includes(wanted), `the start is refused with the server's error "${wanted}"`, refusalText);
  log(`  (notification: ${refusalText.replace(/\s+/g, ' ')})`);
  check((await second.form.count()) === 1, 'the dialog stays open with the form');
  check((await instancesOf('extension-request', key)).length === countBefore, 'no 延期申请 instance was recorded (REST history)');
  check((await boardItem(county, key))?.dueDate === requested, `${key} is still due ${requested}`);
  await second.modal.locator('.modal-footer button[ng-click="$dismiss()"]').click();
  await page.locator('.modal-content').waitFor({ state: 'detached' });
  await logout(page);
}

// ------------------------------------------------------------------- 挂牌督办

async function listing(page) {
  const county = 'minxian';
  const candidates = (await boardItems(county, 'none')).filter((i) => i.openTask);
  check(candidates.length > 0, `${county} has an open case that is not listed (board, level none)`, candidates);
  const item = candidates[0];
  const key = item.businessKey;
  const listedBefore = (await boardRow(county)).all.listed;

  step(`lead: 挂牌督办 for ${key}`);
  await login(page, 'lead');
  const { form, start } = await openStartForm(page, '挂牌督办', 'listingOrderForm');
  const labels = await labelsOf(form);
  check(['事项', '挂牌事由'].every((w) => labels.some((l) => l.startsWith(w))), 'start form shows 事项 / 挂牌事由', labels);
  await chooseItem(form, key);
  await form.locator('#listingReason').fill('整改进展严重滞后，连续两次未按期报送进展');
  check(await start.isEnabled(), 'Start is enabled with an item and 挂牌事由');
  const closed = await startAndWaitClosed(page, start);
  check(closed, 'the start succeeds: the dialog closes', closed ? undefined : await notificationText(page));
  const weekly = await waitForTask(county, key, 'submitWeeklyReport');
  check(!!weekly && weekly.name.startsWith('报送周进展'), `${county} has 报送周进展 (submitWeeklyReport) (REST)`, await tasksOf(county, key));
  const listedNow = await poll(async () => (await boardRow(county)).all.listed === listedBefore + 1);
  check(listedNow, `the board counts ${listedBefore + 1} listed case(s) for ${county}`, (await boardRow(county)).all);
  check((await boardItem(county, key))?.level === 'listed', `${key} is at level listed on the board`, await boardItem(county, key));
  const lift = await waitForTask('lead', key, 'liftListing');
  check(!!lift && lift.name.startsWith('解除挂牌督办'), 'lead has 解除挂牌督办 (liftListing) (REST)', await tasksOf('lead', key));
  await logout(page);

  step(`${county}: 报送周进展 for ${key}`);
  await login(page, county);
  await openTask(page, weekly.id, 'weeklyReportForm');
  const wform = page.locator('form[name="weeklyReportForm"]');
  const rendered = await poll(async () => (await wform.locator('input[cam-variable-name="taskCode"]').inputValue()) === item.code);
  check(rendered, `报送周进展 form rendered for ${item.code}`, await wform.locator('input[cam-variable-name="taskCode"]').inputValue());
  check((await wform.locator('input[cam-variable-name="week"]').inputValue()) === '1', '第几周 shows 1');
  check(
    (await wform.locator('textarea[cam-variable-name="listingReason"]').inputValue()).startsWith('整改进展严重滞后'),
    '挂牌事由 shows what lead wrote',
  );
  await claimedOnOpen(page, 'weeklyReportForm');
  const wcomplete = completeButton(page);
  check(await wcomplete.isDisabled(), 'Complete is disabled while 本周进展 is empty');
  await wform.locator('#weeklyProgress').fill('已完成整改方案初稿，正在征求相关部门意见');
  await wform.locator('#weeklyProblems').fill('资金尚未落实');
  await wform.locator('#weeklyNextSteps').fill('召开专题会议研究资金来源');
  check(await wcomplete.isEnabled(), 'Complete is enabled with 本周进展');
  await wcomplete.click();
  check(await taskGoneFromList(page, weekly.id), '报送周进展 disappears from the task list');
  check(await restTaskGone(county, weekly.id), '报送周进展 is gone in the engine (REST 404)');
  const next = await poll(async () => {
    const l = (await tasksOf(county, key, 'listed-supervision')).filter((t) => t.taskDefinitionKey === 'submitWeeklyReport');
    return l.length === 1 && l[0].id !== weekly.id ? l[0] : null;
  });
  check(!!next, 'the next 报送周进展 follows (REST)');
  const nextWeek = await restOk(county, `/engine-rest/task/${next.id}/variables/week?deserializeValues=false`);
  check(nextWeek.value === 2, 'week is 2 now', nextWeek);
  const saved = await restOk(county, `/engine-rest/process-instance/${next.processInstanceId}/variables?deserializeValues=false`);
  check(
    saved.weeklyProgress?.value === '已完成整改方案初稿，正在征求相关部门意见' && saved.weeklyProblems?.value === '资金尚未落实',
    'weeklyProgress / weeklyProblems saved from the form',
    { weeklyProgress: saved.weeklyProgress?.value, weeklyProblems: saved.weeklyProblems?.value },
  );
  await logout(page);

  step(`lead: 解除挂牌督办 for ${key}`);
  await login(page, 'lead');
  await openTask(page, lift.id, 'liftListingForm');
  const lform = page.locator('form[name="liftListingForm"]');
  const lrendered = await poll(async () => (await lform.locator('input[cam-variable-name="week"]').inputValue()) === '2');
  check(lrendered, '解除挂牌督办 form rendered, 当前周次 shows 2', await lform.locator('input[cam-variable-name="week"]').inputValue());
  await claimedOnOpen(page, 'liftListingForm');
  const lcomplete = completeButton(page);
  check(await lcomplete.isDisabled(), 'Complete is disabled while 解除意见 is empty');
  await lform.locator('#liftComment').fill('整改已步入正轨，解除挂牌督办');
  check(await lcomplete.isEnabled(), 'Complete is enabled with 解除意见');
  await lcomplete.click();
  check(await taskGoneFromList(page, lift.id), '解除挂牌督办 disappears from the task list');
  const ended = await poll(async () => {
    const h = await instancesOf('listed-supervision', key);
    return h.length && h.every((i) => i.state !== 'ACTIVE') ? h : null;
  });
  check(!!ended, 'the 挂牌督办 instance has ended (REST history)', await instancesOf('listed-supervision', key));
  check((await tasksOf(county, key, 'listed-supervision')).length === 0, 'no 报送周进展 is left open');
  const back = await poll(async () => (await boardRow(county)).all.listed === listedBefore);
  check(back, `the board's listed count for ${county} is back to ${listedBefore}`, (await boardRow(county)).all);
  check((await boardItem(county, key))?.level !== 'listed', `${key} is no longer listed`, await boardItem(county, key));
  await logout(page);
}

// ------------------------------------------------------------------- 红牌约谈

async function summons(page) {
  const county = 'longxi';
  const candidates = (await boardItems(county, 'none')).filter((i) => i.openTask);
  check(candidates.length > 0, `${county} has an open case at level none (board)`, candidates);
  const item = candidates[0];
  const key = item.businessKey;
  const redBefore = (await boardRow(county)).all.red;

  step(`lead: 红牌约谈 for ${key} (媒体曝光)`);
  await login(page, 'lead');
  const { form, start } = await openStartForm(page, '红牌约谈', 'summonsOrderForm');
  const labels = await labelsOf(form);
  check(['事项', '通报来源', '通报情况'].every((w) => labels.some((l) => l.startsWith(w))), 'start form shows 事项 / 通报来源 / 通报情况', labels);
  await chooseItem(form, key);
  await form.locator('#flagSource').selectOption('媒体曝光');
  await form.locator('#summonsReason').fill('省级媒体曝光该问题整改不力，群众反映强烈');
  check(await start.isEnabled(), 'Start is enabled with an item, 通报来源 and 通报情况');
  const closed = await startAndWaitClosed(page, start);
  check(closed, 'the start succeeds: the dialog closes', closed ? undefined : await notificationText(page));
  const record = await waitForTask('lead', key, 'recordSummons');
  check(!!record && record.name.startsWith('安排并记录约谈'), 'lead has 安排并记录约谈 (recordSummons) (REST)', await tasksOf('lead', key));
  const red = await poll(async () => (await boardItem(county, key))?.level === 'red');
  check(red, `${key} is 红牌 on the board`, await boardItem(county, key));
  check((await boardRow(county)).all.red === redBefore + 1, `the board counts ${redBefore + 1} red case(s) for ${county}`, (await boardRow(county)).all);
  const vars = await restOk('lead', `/engine-rest/process-instance/${record.processInstanceId}/variables?deserializeValues=false`);
  check(vars.flagSource?.value === '媒体曝光', 'flagSource 媒体曝光 saved from the form', vars.flagSource);
  const reportDue = dayAndTime(vars.writtenReportDue.value).day;

  step(`lead: 安排并记录约谈 for ${key}`);
  await openTask(page, record.id, 'summonsRecordForm');
  const rform = page.locator('form[name="summonsRecordForm"]');
  const dueShown = rform.locator('#writtenReportDueShown');
  const rendered = await poll(async () => (await dueShown.inputValue()) !== '');
  check(rendered, '安排并记录约谈 form rendered (书面说明期限 filled)');
  check((await dueShown.inputValue()) === readable(reportDue), `书面说明期限 reads ${readable(reportDue)}`, await dueShown.inputValue());
  await claimedOnOpen(page, 'summonsRecordForm');
  const summonsAt = rform.locator('#summonsAt');
  check((await summonsAt.getAttribute('type')) === 'datetime-local', '约谈时间 is a native date-time picker (input type=datetime-local)');
  await rform.locator('#summonsPlace').fill('市生态环境局三楼会议室');
  await rform.locator('#summonsAttendees').fill('陇西县政府分管副县长、县生态环境局局长');
  await rform.locator('#summonsRecord').fill('通报问题情况，听取整改说明，提出限期整改要求');
  await rform.locator('#summonsHeldBy').fill('市生态环境局局长');
  await rform.locator('#summonsForm').selectOption('面对面约谈');
  const rcomplete = completeButton(page);
  check(await rcomplete.isDisabled(), 'Complete stays disabled while no 约谈时间 is picked (required)');
  const summonsDay = addDays(today(), 1);
  await summonsAt.fill(`${summonsDay}T09:30`);
  check((await summonsAt.inputValue()) === `${summonsDay}T09:30`, `the picker holds ${summonsDay} 09:30`, await summonsAt.inputValue());
  const chosen = (await rform.locator('#summonsAtChosen').innerText().catch(() => '')).trim();
  check(chosen === `已选择：${readable(summonsDay)} 09:30`, `the form repeats the choice: 已选择：${readable(summonsDay)} 09:30`, chosen);
  check(await rcomplete.isEnabled(), 'Complete is enabled with 约谈时间, 地点, 对象 and 记录');
  await rcomplete.click();
  check(await taskGoneFromList(page, record.id), '安排并记录约谈 disappears from the task list');
  check(await restTaskGone('lead', record.id), '安排并记录约谈 is gone in the engine (REST 404)');
  const at = await restOk('lead', `/engine-rest/process-instance/${record.processInstanceId}/variables/summonsAt?deserializeValues=false`);
  const atParsed = dayAndTime(at.value);
  check(
    at.type === 'Date' && atParsed.day === summonsDay && atParsed.time === '09:30',
    `summonsAt saved as a Date: ${summonsDay} 09:30`,
    { summonsAt: at, parsed: atParsed },
  );
  const place = await restOk('lead', `/engine-rest/process-instance/${record.processInstanceId}/variables/summonsPlace?deserializeValues=false`);
  check(place.value === '市生态环境局三楼会议室', 'summonsPlace saved from the form', place);
  await logout(page);

  step(`${county}: 报送书面说明 for ${key}`);
  const report = await waitForTask(county, key, 'submitWrittenReport');
  check(!!report && report.name.startsWith('报送书面说明'), `${county} has 报送书面说明 (submitWrittenReport) (REST)`, await tasksOf(county, key));
  await login(page, county);
  await openTask(page, report.id, 'writtenReportForm');
  const wform = page.locator('form[name="writtenReportForm"]');
  const wdue = wform.locator('#writtenReportDueShown');
  const wrendered = await poll(async () => (await wdue.inputValue()) !== '');
  check(wrendered, '报送书面说明 form rendered (书面说明期限 filled)');
  check((await wdue.inputValue()) === readable(reportDue), `书面说明期限 reads ${readable(reportDue)}`, await wdue.inputValue());
  check(
    (await wform.locator('textarea[cam-variable-name="summonsReason"]').inputValue()).startsWith('省级媒体曝光'),
    '亮红牌原因 shows what lead wrote',
  );
  await claimedOnOpen(page, 'writtenReportForm');
  const wcomplete = completeButton(page);
  const short = wform.locator('p.text-danger', { hasText: '书面说明不少于20字' });
  await wform.locator('#writtenReportBy').fill('王强');
  await wform.locator('#rectificationPledge').fill('年底前完成园区管网改造，由分管副县长负责');
  await wform.locator('#writtenReport').fill('已开始整改');
  check(await short.isVisible(), 'a short 书面说明 shows 书面说明不少于20字');
  check(await wcomplete.isDisabled(), 'Complete is disabled while 书面说明 is too short');
  const text = '经查，问题系园区污水收集管网建设滞后所致。县政府已成立专班，制定整改方案，明确于年底前完成管网改造，由分管副县长负责。';
  await wform.locator('#writtenReport').fill(text);
  check((await short.count()) === 0, 'a long enough 书面说明 clears the error');
  check(await wcomplete.isEnabled(), 'Complete is enabled with 书面说明 and 报送人');
  await wcomplete.click();
  check(await taskGoneFromList(page, report.id), '报送书面说明 disappears from the task list');

  const finished = await poll(async () => {
    const l = await restOk('lead', '/engine-rest/history/process-instance?processDefinitionKey=summons&finished=true');
    return l.find((i) => i.id === record.processInstanceId);
  });
  check(!!finished, 'the 红牌约谈 instance is finished (GET /engine-rest/history/process-instance?processDefinitionKey=summons&finished=true)');
  const unflagged = await poll(async () => (await boardItem(county, key))?.level !== 'red');
  check(unflagged, `${key} has left 红牌 (board)`, await boardItem(county, key));
  check((await boardRow(county)).all.red === redBefore, `the board's red count for ${county} is back to ${redBefore}`, (await boardRow(county)).all);
  const hist = await restOk('lead', `/engine-rest/history/variable-instance?processInstanceId=${record.processInstanceId}&variableName=writtenReport`);
  check(hist[0]?.value === text, 'writtenReport saved from the form (REST history)', hist[0]?.value);
  await logout(page);
}

async function main() {
  let browser;
  let page;
  let code = 0;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: process.env.E2E_HEADED !== '1',
      // Chinese browser UI, so that the native date pickers read 2026/11/30 as in a Chinese
      // Chrome (needs the chromium-l10n package; without it they fall back to 11/30/2026).
      env: { ...process.env, LANG: 'zh_CN.UTF-8', LANGUAGE: 'zh_CN:zh' },
      args: [
        '--lang=zh-CN',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN', timezoneId: ZONE });
    context.setDefaultTimeout(TIMEOUT);
    page = await context.newPage();
    watch(page);
    await run(page);
  } catch (e) {
    code = 1;
    if (!(e instanceof CheckFailed)) {
      counts.failed++;
      log(`  FAIL unexpected error: ${e?.stack || e}`);
    }
    if (page && page.url() !== 'about:blank') {
      const shot = join(tmpdir(), `e2e-failure-${Date.now()}.png`);
      await page.screenshot({ path: shot, fullPage: true }).then(
        () => log(`  failure screenshot: ${shot} (url ${page.url()})`),
        () => {},
      );
      log(`  notifications: ${await notificationText(page)}`);
    }
    if (consoleErrors.length) log(`  browser console errors:\n    ${consoleErrors.join('\n    ')}`);
    if (pageErrors.length) log(`  page errors:\n    ${pageErrors.join('\n    ')}`);
  } finally {
    if (!code && consoleErrors.length) log(`\n  note: browser console errors (not counted):\n    ${consoleErrors.join('\n    ')}`);
    await browser?.close().catch(() => {});
  }
  log(`e2e: ${counts.passed} passed, ${counts.failed} failed`);
  process.exit(code || (counts.failed ? 1 : 0));
}

await main();
