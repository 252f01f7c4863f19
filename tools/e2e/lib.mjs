// Shared by the e2e scripts (tasklist, cockpit, supervision): configuration from the
// environment, the pass/fail counting, REST calls with the demo users' Basic auth, polling, and
// the Tasklist page helpers more than one script drives.

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
export const BASE = (process.env.E2E_BASE_URL || 'http://localhost:18080').replace(/\/+$/, '');
export const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
export const SHOT_DIR = resolve(process.env.E2E_SCREENSHOT_DIR || join(HERE, '..', '..', 'docs', 'screenshots'));
export const PASSWORD = process.env.E2E_DEMO_PASSWORD || 'demo';
export const TIMEOUT = 30_000;
export const TASKLIST = `${BASE}/camunda/app/tasklist/`;

/** The run's tally; the last line a script prints is "e2e: N passed, M failed". */
export const counts = { passed: 0, failed: 0 };

export class CheckFailed extends Error {}

/** Browser console errors and uncaught page errors seen by watch(). */
export const consoleErrors = [];
export const pageErrors = [];

export function log(msg) {
  console.log(msg);
}

/** One named check: counts a pass, or throws so the run stops at the first failure. */
export function check(ok, what, detail) {
  if (ok) {
    counts.passed++;
    log(`  ok   ${what}`);
    return;
  }
  counts.failed++;
  const msg = detail === undefined ? what : `${what} -- ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`;
  log(`  FAIL ${msg}`);
  throw new CheckFailed(msg);
}

/** A failed check after which the run can still go on: counted, but does not stop the run. */
export function softFail(what, detail) {
  counts.failed++;
  log(`  FAIL ${what} -- ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`);
}

export function step(title) {
  log(`\n# ${title}`);
}

export async function rest(user, path, { method = 'GET', body } = {}) {
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
  return { status: res.status, json, text, headers: res.headers };
}

export async function restOk(user, path, opts) {
  const r = await rest(user, path, opts);
  if (r.status < 200 || r.status >= 300) {
    throw new Error(`${opts?.method || 'GET'} ${path} as ${user}: HTTP ${r.status} ${r.text.slice(0, 500)}`);
  }
  return r.json;
}

/** Polls fn until it returns a truthy value or the timeout passes; returns the last value. */
export async function poll(fn, timeoutMs = TIMEOUT, intervalMs = 500) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await fn();
    if (last || Date.now() > end) return last;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function watch(page) {
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${m.text()} @ ${m.location()?.url || '?'}`);
  });
  page.on('pageerror', (e) => pageErrors.push(String(e?.stack || e)));
  page.on('response', (r) => {
    // The two 404s Tasklist always causes (admin plugin auth, welcome app) are not ours.
    if (r.status() >= 500) consoleErrors.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
  });
}

export async function notificationText(page) {
  return (await page.locator('.page-notifications').innerText().catch(() => '')).trim() || '(no notification)';
}

export async function logout(page) {
  await page.locator('li.account .dropdown-toggle').click();
  await page.locator('li.logout a').click();
  const ok = await page
    .locator('input[ng-model="username"]')
    .waitFor({ timeout: TIMEOUT })
    .then(() => true)
    .catch(() => false);
  check(ok, 'logout shows the login form again');
}

export async function selectFilter(page, name) {
  await page.locator('.task-filter', { hasText: name }).first().click();
  await page.locator('.task-filter.active', { hasText: name }).waitFor();
}

/** Opens a task: from the 我的待办 list if it is on the first page there, else by its URL. */
export async function openTask(page, taskId, formName) {
  await selectFilter(page, '我的待办');
  const link = page.locator(`ol.tasks-list a[href="#/?task=${taskId}"]`);
  const listed = await link.waitFor({ timeout: 5_000 }).then(() => true).catch(() => false);
  if (listed) {
    await link.click();
  } else {
    log(`  (task ${taskId} not on the first page of 我的待办; opening it by URL)`);
    await page.goto(`${TASKLIST}#/?task=${taskId}`);
  }
  await page.locator(`form[name="${formName}"]`).waitFor();
}

/**
 * The open task was claimed for the user on opening it (app/tasklist/scripts/clerk-ux.js),
 * without anyone clicking 认领: the header shows the user as assignee with 取消认领, no 认领
 * button, and the form is no longer disabled.
 */
export async function claimedOnOpen(page, formName) {
  const unclaim = page.locator('[cam-tasklist-task-meta] button.unclaim');
  const shown = await unclaim.waitFor({ timeout: 15_000 }).then(() => true).catch(() => false);
  const claimButtons = await page.locator('[cam-tasklist-task-meta] button.claim').count();
  check(shown && claimButtons === 0, `task claimed on opening, without clicking 认领 (${formName})`,
    shown ? `认领 buttons: ${claimButtons}` : await notificationText(page));
  await page.locator(`form[name="${formName}"]`).waitFor();
  const enabled = await poll(async () => (await page.locator('.disabled-form').count()) === 0, 10_000, 200);
  check(enabled, `the form is editable at once (${formName})`);
}

/**
 * The notice shown after 完成 (clerk-ux.js), once it names the task just done (its Tasklist title
 * starts with the step's name: 签收任务 3.2.1 …); '' if none.
 */
export async function completionNotice(page, taskName) {
  const notice = page.locator('.page-notifications', { hasText: new RegExp(`「${taskName}[^」]*」已办理完毕`) });
  const shown = await notice.waitFor({ timeout: 15_000 }).then(() => true).catch(() => false);
  return shown ? (await notice.innerText()).replace(/\s+/g, ' ').trim() : '';
}

/**
 * Which navbar entries are visible (创建任务, 启动流程, 键盘快捷键) once clerk-ux.js has decided,
 * and whether the Camunda 8 migration banner is visible.
 */
export async function navbarState(page) {
  await page.locator('body.ov-menus-ready').waitFor({ timeout: 15_000 }).catch(() => {});
  const visible = (sel) => page.locator(sel).first().isVisible().catch(() => false);
  return {
    createTask: await visible('li.create-task-action'),
    startProcess: await visible('li.start-process-action'),
    shortcuts: await visible('li.shortcut-help'),
    banner: await visible('.ce-eol-banner'),
  };
}

/** Tasklist's own Complete button (完成 in the Chinese UI), found by its action, not its caption. */
export function completeButton(page) {
  return page.locator('.form-actions button.btn-primary[ng-click="complete()"]');
}

export async function taskGoneFromList(page, taskId) {
  return poll(async () => (await page.locator(`ol.tasks-list a[href="#/?task=${taskId}"]`).count()) === 0, TIMEOUT);
}

export async function restTaskGone(user, taskId) {
  return poll(async () => (await rest(user, `/engine-rest/task/${taskId}`)).status === 404, TIMEOUT);
}

/**
 * Chooses the item `key` in a start form's 事项 list (fragment item-key: a select filled from
 * GET /api/supervision/startable-items, never a typed key). Returns the option labels offered.
 */
export async function chooseItem(form, key) {
  const select = form.locator('select#itemKey');
  await form.locator(`select#itemKey option[value="${key}"]`).waitFor({ state: 'attached', timeout: 15000 });
  await select.selectOption(key);
  return select.locator('option').evaluateAll((os) => os.filter((o) => o.value).map((o) => o.textContent.trim()));
}

/** Logs in on a Camunda webapp login page (Cockpit or Tasklist share the login widget). */
export async function webappLogin(page, url, user, app) {
  await page.goto(url);
  const username = page.locator('input[ng-model="username"]');
  await username.waitFor();
  await fillLogin(page, user);
  await page.locator('form', { has: username }).locator('button[type="submit"]').click();
  const ok = await page
    .locator('li.account .dropdown-toggle')
    .waitFor({ timeout: TIMEOUT })
    .then(() => true)
    .catch(() => false);
  check(ok, `${app} login as ${user}`, ok ? undefined : await notificationText(page));
}

/**
 * Types the demo credentials into a Camunda login form. The form may still be re-rendering when
 * the page is shown (seen on a busy machine: the password typed into the user name), so the
 * values are read back and typed again until they hold.
 */
export async function fillLogin(page, user) {
  const username = page.locator('input[ng-model="username"]');
  const password = page.locator('input[ng-model="password"]');
  await username.waitFor();
  for (let i = 0; i < 5; i++) {
    await username.fill(user);
    await password.fill(PASSWORD);
    if ((await username.inputValue()) === user && (await password.inputValue()) === PASSWORD) return;
    await page.waitForTimeout(300);
  }
}
