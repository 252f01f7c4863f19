#!/usr/bin/env node
// Real-browser end-to-end check of Camunda Tasklist with the project's embedded
// Chinese forms, driven through the system Chromium by playwright-core.
//
//   1. lead logs in, sees the filters, opens a 交办重点任务 task, the embedded
//      dispatch form renders with its labels and county check boxes
//      (screenshot docs/screenshots/tasklist-dispatch-form.png);
//   2. lead claims and completes it through the form with the proposed counties;
//   3. the first proposed county user logs in, opens 签收任务
//      (screenshot docs/screenshots/tasklist-accept-form.png), the phone pattern
//      error shows and blocks completion, a valid phone completes it, and REST
//      shows the next task 报送进展情况 (submitProgressReport).
//
// Needs a running app with the demo profile (fresh database): see run.sh.
// Env: E2E_BASE_URL (default http://localhost:18080), E2E_CHROMIUM (default
// /usr/bin/chromium), E2E_SCREENSHOT_DIR (default <repo>/docs/screenshots),
// E2E_HEADED=1 to watch it. Exit code 0 only if every check passed; the last
// line is "e2e: N passed, M failed".

import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const BASE = (process.env.E2E_BASE_URL || 'http://localhost:18080').replace(/\/+$/, '');
const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const SHOT_DIR = resolve(process.env.E2E_SCREENSHOT_DIR || join(HERE, '..', '..', 'docs', 'screenshots'));
const PASSWORD = process.env.E2E_DEMO_PASSWORD || 'demo';
const TIMEOUT = 30_000;

const TASKLIST = `${BASE}/camunda/app/tasklist/`;
const PHONE_ERROR = '应为11位手机号或带区号的固定电话';

let passed = 0;
let failed = 0;

class CheckFailed extends Error {}

function log(msg) {
  console.log(msg);
}

/** One named check: counts a pass, or throws so the run stops at the first failure. */
function check(ok, what, detail) {
  if (ok) {
    passed++;
    log(`  ok   ${what}`);
    return;
  }
  failed++;
  const msg = detail === undefined ? what : `${what} -- ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`;
  log(`  FAIL ${msg}`);
  throw new CheckFailed(msg);
}

function step(title) {
  log(`\n# ${title}`);
}

// ---------------------------------------------------------------- REST helpers

async function rest(user, path, { method = 'GET', body } = {}) {
  const headers = {
    Authorization: 'Basic ' + Buffer.from(`${user}:${PASSWORD}`).toString('base64'),
    Accept: 'application/json',
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(`${BASE}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new Error(`cannot reach ${BASE}${path}: ${e?.cause?.code || e?.cause?.message || e?.message}`);
  }
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

async function restOk(user, path, opts) {
  const r = await rest(user, path, opts);
  if (r.status < 200 || r.status >= 300) {
    throw new Error(`${opts?.method || 'GET'} ${path} as ${user}: HTTP ${r.status} ${r.text.slice(0, 500)}`);
  }
  return r.json;
}

async function variable(user, taskId, name) {
  const v = await restOk(user, `/engine-rest/task/${taskId}/variables/${name}?deserializeValues=false`);
  return v.value;
}

/** Polls fn until it returns a truthy value or the timeout passes; returns the last value. */
async function poll(fn, timeoutMs = TIMEOUT, intervalMs = 500) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await fn();
    if (last || Date.now() > end) return last;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

// ------------------------------------------------------------- browser helpers

const consoleErrors = [];
const pageErrors = [];

function watch(page) {
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${m.text()} @ ${m.location()?.url || '?'}`);
  });
  page.on('pageerror', (e) => pageErrors.push(String(e?.stack || e)));
  page.on('response', (r) => {
    // The two 404s Tasklist always causes (admin plugin auth, welcome app) are not ours.
    if (r.status() >= 500) consoleErrors.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
  });
}

let uiLanguageChecked = false;

async function login(page, user) {
  await page.goto(TASKLIST);
  const username = page.locator('input[ng-model="username"]');
  await username.waitFor();
  await username.fill(user);
  await page.locator('input[ng-model="password"]').fill(PASSWORD);
  // The submit button of the login form, found by structure, not by its caption
  // (登录 in the Chinese UI, "Log in" in English).
  const submit = page.locator('form', { has: username }).locator('button[type="submit"]');
  if (!uiLanguageChecked) {
    uiLanguageChecked = true;
    const caption = (await submit.innerText()).trim();
    check(caption === '登录', 'Tasklist speaks Chinese: the login button reads 登录', caption);
  }
  await submit.click();
  // Logged in when the account menu shows and the filter list has loaded.
  const ok = await page
    .locator('li.account .dropdown-toggle')
    .waitFor({ timeout: TIMEOUT })
    .then(() => true)
    .catch(() => false);
  check(ok, `Tasklist login as ${user}`, ok ? undefined : await notificationText(page));
  await page.locator('.task-filter').first().waitFor();
}

async function logout(page) {
  await page.locator('li.account .dropdown-toggle').click();
  await page.locator('li.logout a').click();
  const ok = await page
    .locator('input[ng-model="username"]')
    .waitFor({ timeout: TIMEOUT })
    .then(() => true)
    .catch(() => false);
  check(ok, 'logout shows the login form again');
}

async function notificationText(page) {
  return (await page.locator('.page-notifications').innerText().catch(() => '')).trim() || '(no notification)';
}

async function filterNames(page) {
  const names = await page.locator('.task-filter h4.name a').allInnerTexts();
  // "我的待办\n\n 162" -> "我的待办"
  return names.map((n) => n.replace(/\s*\d+\s*$/, '').trim());
}

async function selectFilter(page, name) {
  await page.locator('.task-filter', { hasText: name }).first().click();
  await page.locator('.task-filter.active', { hasText: name }).waitFor();
}

/** Opens the task with this id from the task list; returns when its embedded form is there. */
async function openTaskFromList(page, taskId, formName) {
  const link = page.locator(`ol.tasks-list a[href="#/?task=${taskId}"]`);
  await link.waitFor();
  await link.click();
  await page.locator(`form[name="${formName}"]`).waitFor();
}

/** Claims the open task (embedded form fields and Complete only work for the assignee). */
async function claim(page, formName) {
  const claimButton = page.locator('button.claim');
  if (await claimButton.count()) await claimButton.click();
  const claimed = await poll(async () => (await claimButton.count()) === 0, 10_000);
  check(claimed, `task claimed in Tasklist (${formName})`, claimed ? undefined : await notificationText(page));
  // Tasklist re-renders the form after claiming.
  await page.locator(`form[name="${formName}"]`).waitFor();
}

/** Tasklist's own Complete button (完成 in the Chinese UI), found by its action, not its caption. */
function completeButton(page) {
  return page.locator('.form-actions button.btn-primary[ng-click="complete()"]');
}

/** Screenshot of the whole page with the task form unscrolled: grows the viewport to fit it. */
async function screenshotForm(page, formName, file) {
  const size = page.viewportSize();
  const overflow = await page.evaluate((name) => {
    let extra = 0;
    for (let e = document.querySelector(`form[name="${name}"]`); e; e = e.parentElement) {
      extra = Math.max(extra, e.scrollHeight - e.clientHeight);
    }
    return extra;
  }, formName);
  await page.setViewportSize({ width: size.width, height: Math.min(size.height + overflow + 40, 6000) });
  await page.evaluate(() => document.activeElement?.blur?.());
  await page.waitForTimeout(300);
  mkdirSync(dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  await page.setViewportSize(size);
  log(`  saved ${file}`);
}

async function taskGoneFromList(page, taskId) {
  return poll(async () => (await page.locator(`ol.tasks-list a[href="#/?task=${taskId}"]`).count()) === 0, TIMEOUT);
}

async function restTaskGone(user, taskId) {
  return poll(async () => (await rest(user, `/engine-rest/task/${taskId}`)).status === 404, TIMEOUT);
}

// ------------------------------------------------------------------------ run

async function run(page) {
  step(`app at ${BASE}`);
  const health = await rest('lead', '/actuator/health');
  check(health.json?.status === 'UP', 'GET /actuator/health is UP', health.text.slice(0, 300));

  const leadDispatchCount = (await restOk('lead', '/engine-rest/task/count?taskDefinitionKey=dispatchKeyTask')).count;
  check(leadDispatchCount > 0, 'lead has 交办重点任务 tasks (REST)', `count ${leadDispatchCount}`);

  // ---------------------------------------------------------------- lead
  step('lead: filters and the 交办重点任务 form');
  await login(page, 'lead');

  const filters = await filterNames(page);
  check(filters.includes('我的待办'), 'filter 我的待办 is listed', filters);
  check(filters.includes('即将到期'), 'filter 即将到期 is listed', filters);

  await selectFilter(page, '我的待办');
  const firstDispatch = page.locator('ol.tasks-list li.task h4.task a', { hasText: '交办重点任务' }).first();
  const listed = await firstDispatch.waitFor().then(() => true).catch(() => false);
  check(listed, '我的待办 lists a 交办重点任务 task');

  const href = await firstDispatch.getAttribute('href');
  const taskId = /task=([^&]+)/.exec(href || '')?.[1];
  check(!!taskId, 'task link carries the task id', href);
  await openTaskFromList(page, taskId, 'dispatchForm');

  const form = page.locator('form[name="dispatchForm"]');
  const taskCodeInput = form.locator('input[cam-variable-name="taskCode"]');
  const boxes = form.locator('input[type="checkbox"][ng-model="c.checked"]');
  // Rendered = variables fetched: task code filled in and the county boxes built by the form script.
  const rendered = await poll(async () => (await taskCodeInput.inputValue()) !== '' && (await boxes.count()) > 0);
  check(rendered, 'embedded dispatch form rendered (task code filled, county boxes built)');

  const labels = (await form.locator('label').allInnerTexts()).map((t) => t.trim());
  for (const want of ['任务编号', '工作措施']) {
    check(labels.includes(want), `form shows label ${want}`, labels);
  }
  check(labels.some((l) => l.startsWith('责任县区')), 'form shows label 责任县区', labels);
  check(labels.some((l) => l.startsWith('完成时限')), 'form shows label 完成时限', labels);
  for (const county of ['安定区', '通渭县']) {
    check(labels.includes(county), `form offers county ${county}`, labels);
  }

  const taskCode = await taskCodeInput.inputValue();
  const restTaskCode = await variable('lead', taskId, 'taskCode');
  check(taskCode !== '' && taskCode === restTaskCode, `任务编号 field has the task's code (${taskCode})`, { ui: taskCode, rest: restTaskCode });

  const claimCaption = (await page.locator('button.claim').innerText().catch(() => '')).trim();
  check(claimCaption === '' || claimCaption === '认领', 'the claim button reads 认领', claimCaption);
  await claim(page, 'dispatchForm');
  const completeCaption = (await completeButton(page).innerText()).trim();
  check(completeCaption === '完成', 'the Complete button reads 完成', completeCaption);
  await screenshotForm(page, 'dispatchForm', join(SHOT_DIR, 'tasklist-dispatch-form.png'));

  step(`lead: complete ${taskCode} with the proposed counties`);
  const proposed = (await variable('lead', taskId, 'proposedCounties')).split(',').filter(Boolean);
  const options = Object.fromEntries(
    (await variable('lead', taskId, 'countyOptions'))
      .split(',')
      .filter(Boolean)
      .map((p) => p.split(':')),
  );
  check(proposed.length > 0, 'task has proposed counties (REST)', proposed);

  const boxState = async () =>
    form.locator('label.checkbox-inline').evaluateAll((ls) =>
      ls.map((l) => ({ name: l.textContent.trim(), checked: l.querySelector('input').checked })),
    );
  const sameSet = (a, b) => a.length === b.length && a.every((x) => b.includes(x));
  // What the form submits: the AngularJS model of the hidden assignedCounties field that the
  // boxes' ng-change keeps in step (a hidden input's DOM value is never updated by AngularJS).
  const assigned = () =>
    form
      .locator('input[name="assignedCounties"]')
      .evaluate((el) => window.angular.element(el).controller('ngModel').$modelValue || '')
      .then((v) => v.split(',').filter(Boolean));
  const noCountyMsg = form.locator('p.text-danger', { hasText: '请至少选择一个县区' });
  const complete = completeButton(page);

  const state = await boxState();
  const expected = Object.entries(options).map(([code, name]) => ({ name, checked: proposed.includes(code) }));
  check(JSON.stringify(state) === JSON.stringify(expected), 'county boxes are checked exactly for the proposed counties', {
    shown: state,
    expected,
  });
  check(sameSet(await assigned(), proposed), 'assignedCounties holds the proposed counties', await assigned());

  // The boxes work: unticking drops a county, none ticked blocks completion, ticking restores.
  const box = (code) => form.locator('label.checkbox-inline', { hasText: options[code] }).locator('input');
  const last = proposed[proposed.length - 1];
  await box(last).uncheck();
  check(
    sameSet(await assigned(), proposed.filter((c) => c !== last)),
    `unticking ${options[last]} removes ${last} from assignedCounties`,
    await assigned(),
  );
  for (const code of proposed) await box(code).uncheck();
  check(
    (await assigned()).length === 0 && (await noCountyMsg.isVisible()) && (await complete.isDisabled()),
    'no county ticked: 请至少选择一个县区 shows and Complete is disabled',
    { assigned: await assigned(), message: await noCountyMsg.count(), completeDisabled: await complete.isDisabled() },
  );
  for (const code of proposed) await box(code).check();
  const restored = await boxState();
  check(
    JSON.stringify(restored) === JSON.stringify(expected) && sameSet(await assigned(), proposed) && (await noCountyMsg.count()) === 0,
    'ticking the proposed counties again restores them',
    { shown: restored, assigned: await assigned() },
  );

  check(await complete.isEnabled(), 'Complete button is enabled');
  await complete.click();
  check(await taskGoneFromList(page, taskId), 'completed task disappears from the task list');
  check(await restTaskGone('lead', taskId), 'completed task is gone in the engine (REST 404)');

  // Every proposed county got its own county-assignment instance waiting at 签收任务.
  const acceptTaskOf = (code) =>
    poll(async () => {
      const key = `KT-${taskCode}:${code}`;
      const list = await restOk(code, `/engine-rest/task?processInstanceBusinessKey=${encodeURIComponent(key)}`);
      return list.length ? list : null;
    });
  const perCounty = {};
  for (const code of proposed) perCounty[code] = (await acceptTaskOf(code))?.map((t) => t.name) || [];
  check(
    proposed.every((code) => perCounty[code].length === 1 && perCounty[code][0] === '签收任务'),
    `each of the ${proposed.length} proposed counties has one 签收任务 (REST, as the county user)`,
    perCounty,
  );

  // ---------------------------------------------------------------- county
  const county = proposed[0];
  const businessKey = `KT-${taskCode}:${county}`;
  step(`${county}: 签收任务 for ${businessKey}`);
  const acceptId = (await acceptTaskOf(county))[0].id;

  await logout(page);
  await login(page, county);
  await selectFilter(page, '我的待办');
  await openTaskFromList(page, acceptId, 'acceptForm');

  const aform = page.locator('form[name="acceptForm"]');
  const acceptRendered = await poll(
    async () => (await aform.locator('input[cam-variable-name="taskCode"]').inputValue()) === taskCode,
  );
  check(acceptRendered, `embedded 签收任务 form rendered for ${taskCode}`);
  const countyName = await aform.locator('input[cam-variable-name="countyName"]').inputValue();
  check(countyName === options[county], `县区 field shows ${options[county]}`, countyName);

  await claim(page, 'acceptForm');
  await screenshotForm(page, 'acceptForm', join(SHOT_DIR, 'tasklist-accept-form.png'));

  const person = aform.locator('#responsiblePerson');
  const phone = aform.locator('#responsiblePhone');
  const phoneError = aform.locator('p.text-danger', { hasText: PHONE_ERROR });
  const acceptComplete = completeButton(page);

  // Person first, so that the disabled button can only be the phone's fault.
  await person.fill('张伟');
  await phone.fill('12345');
  check(await phoneError.isVisible(), `invalid phone 12345 shows "${PHONE_ERROR}"`, await aform.innerText());
  check(await acceptComplete.isDisabled(), 'Complete is disabled while the phone is invalid');

  await phone.fill('13909321234');
  check(await phoneError.count() === 0, 'valid phone 13909321234 clears the error');
  check(await acceptComplete.isEnabled(), 'Complete is enabled with 责任人 and a valid phone');
  await acceptComplete.click();
  check(await taskGoneFromList(page, acceptId), '签收任务 disappears from the task list');

  const next = await poll(async () => {
    const list = await restOk(county, `/engine-rest/task?processInstanceBusinessKey=${encodeURIComponent(businessKey)}`);
    return list.length && list[0].id !== acceptId ? list : null;
  });
  check(
    next?.length === 1 && next[0].taskDefinitionKey === 'submitProgressReport' && next[0].name === '报送进展情况',
    'next task is 报送进展情况 (submitProgressReport)',
    next?.map((t) => `${t.name}/${t.taskDefinitionKey}`),
  );
  const saved = await restOk(county, `/engine-rest/process-instance/${next[0].processInstanceId}/variables?deserializeValues=false`);
  check(
    saved.responsiblePerson?.value === '张伟' && saved.responsiblePhone?.value === '13909321234',
    'responsiblePerson / responsiblePhone saved from the form',
    { responsiblePerson: saved.responsiblePerson?.value, responsiblePhone: saved.responsiblePhone?.value },
  );

  check(pageErrors.length === 0, 'no uncaught JavaScript errors in the page', pageErrors);
}

async function main() {
  const profile = mkdtempSync(join(tmpdir(), 'e2e-chromium-'));
  let context;
  let page;
  let code = 0;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: process.env.E2E_HEADED !== '1',
      viewport: { width: 1400, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
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
    context.setDefaultTimeout(TIMEOUT);
    page = context.pages()[0] || (await context.newPage());
    watch(page);
    await run(page);
  } catch (e) {
    code = 1;
    if (!(e instanceof CheckFailed)) {
      failed++;
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
    await context?.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
  log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(code || (failed ? 1 : 0));
}

await main();
