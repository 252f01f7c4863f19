/*
 * Tasklist as the county and department clerks use it (issue: real-browser trials, items 2, 6, 7).
 *
 * A Tasklist front-end plugin (plugin API of Camunda 7.14+): a plain ES module, no build step, no
 * libraries. Loaded through `customScripts: ['scripts/clerk-ux.js']` in
 * app/tasklist/scripts/config.js. It sits at the plugin point `tasklist.navbar.action` only to be
 * rendered once per page with an AngularJS scope; it shows nothing there itself.
 *
 * 1. Claim on opening. When the user opens an unassigned task, the engine is asked whether the
 *    user is a candidate for it (GET task?taskId=<id>&candidateUser=<me>, which by default lists
 *    unassigned tasks only). Only then the task is claimed, through Tasklist's own claim action of
 *    the task header (the scope of [cam-tasklist-task-meta]), so that Tasklist reloads the task and
 *    the form becomes editable; 取消认领 stays where it is. A user who only reads the task (the
 *    supervision office in 全部待办（只读）) is no candidate: no claim is attempted.
 * 2. A notice after 完成. A successful POST task/<id>/submit-form (or /complete) from this page is
 *    followed by GET /api/tasklist/next-step?taskId=<id> (NextStepController) and a Tasklist
 *    notification naming the task just done and what follows: the next step and who acts on it,
 *    the step the case now waits in, or that the process has ended.
 * 3. Menus. 创建任务 only for operators (the REST gate refuses creating tasks to everyone else),
 *    启动流程 only for users who may start at least one process from Tasklist (the same query
 *    Tasklist's start dialog makes: startableInTasklist + startablePermissionCheck), 键盘快捷键
 *    not for counties and units (groups county-* / dept-*). styles/user-styles.css hides the three
 *    entries and shows the allowed ones through body classes once this script has decided (it then
 *    adds ov-menus-ready); if the decision cannot be made (a failed call), all three are shown.
 *    The Camunda 8 migration banner is hidden by user-styles.css alone.
 */

const PLUGIN_ID = 'oversight-clerk-ux';
const ADMIN_GROUP = 'camunda-admin';
const LOCAL_GROUP_PREFIXES = ['county-', 'dept-'];
/** How long to wait for Tasklist to show the opened task in its header before giving up. */
const HEADER_WAIT_MS = 15000;
/** How long Tasklist may take to show a claimed task as claimed before it is told to reload it. */
const CLAIM_SETTLE_MS = 4000;
const NOTICE_STATUS = '已提交';
const CLAIM_STATUS = '已认领';

// ------------------------------------------------------------------ helpers

function base() {
  return document.querySelector('base');
}

/** The engine REST API as the webapp calls it, e.g. /camunda/api/engine/engine/default. */
function engineApi() {
  const b = base();
  const api = (b && b.getAttribute('engine-api')) || '/camunda/api/engine/';
  return `${api}engine/default`;
}

/** The application's own /api, next to the Camunda webapp (default path /camunda). */
function appApi() {
  const b = base();
  const appRoot = (b && b.getAttribute('app-root')) || '/camunda';
  return `${appRoot.replace(/\/camunda\/?$/, '')}/api`;
}

async function getJson(url) {
  const res = await fetch(url, {
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`HTTP ${res.status} for ${url}`);
  return res.json();
}

function angularOf() {
  return window.angular;
}

/** A Tasklist service (e.g. Notifications), or null when AngularJS is not reachable. */
function service(name) {
  const ng = angularOf();
  const el = document.querySelector('[ng-controller="camTasklistAppCtrl"]') || document.body;
  try {
    const injector = ng && ng.element(el).injector();
    return injector ? injector.get(name) : null;
  } catch (e) {
    return null;
  }
}

/** Runs fn with Tasklist's notification service inside a digest, if the service is reachable. */
function withNotifications(fn) {
  const notifications = service('Notifications');
  if (!notifications) return false;
  const root = service('$rootScope');
  if (root && !root.$$phase) root.$apply(() => fn(notifications));
  else fn(notifications);
  return true;
}

/** Shows a notice in Tasklist's notification panel, replacing an earlier one of this status. */
function notify(message, status, type, duration) {
  const shown = withNotifications((n) => n.add({ type, status, message, exclusive: ['status'], duration }));
  if (!shown) console.warn('[clerk-ux] Tasklist notifications not reachable:', message);
}

/** Takes this script's notices away (another task opened, another user logged in). */
function clearNotices(...statuses) {
  withNotifications((n) => statuses.forEach((status) => n.clear({ status })));
}

/** The task id in Tasklist's route (#/?...&task=<id>), or null. */
function openTaskId() {
  const hash = window.location.hash || '';
  const q = hash.indexOf('?');
  if (q < 0) return null;
  return new URLSearchParams(hash.slice(q + 1)).get('task');
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------ 1. claim on opening

/** The task header's isolated scope (Tasklist's claim/unclaim live there), or null. */
function headerScope() {
  const ng = angularOf();
  const el = document.querySelector('[cam-tasklist-task-meta]');
  if (!ng || !el) return null;
  const e = ng.element(el);
  return (e.isolateScope && e.isolateScope()) || (e.scope && e.scope()) || null;
}

class ClaimOnOpen {
  constructor(userId) {
    this.userId = userId;
    this.handled = null;
  }

  async onRoute() {
    const taskId = openTaskId();
    if (!taskId || taskId === this.handled) return;
    this.handled = taskId;
    let candidate;
    try {
      const params = new URLSearchParams({ taskId, candidateUser: this.userId });
      const found = await getJson(`${engineApi()}/task?${params}`);
      candidate = Array.isArray(found) ? found.find((t) => t.id === taskId) : null;
    } catch (e) {
      console.warn('[clerk-ux] candidate check failed; not claiming', e);
      return;
    }
    if (!candidate) return; // assigned already, or the user only reads it: leave it alone
    const end = Date.now() + HEADER_WAIT_MS;
    while (Date.now() < end) {
      if (openTaskId() !== taskId) return; // the user moved on
      const scope = headerScope();
      const shown = scope && scope.task;
      if (shown && shown.id === taskId && typeof scope.claim === 'function') {
        if (shown.assignee || scope.isAssignee) return;
        scope.$evalAsync(() => scope.claim());
        // said only once the claim went through (a failed one shows Tasklist's own 认领任务时出错)
        if (await this.ensureShownAsClaimed(taskId, scope)) {
          notify(`已为您认领「${candidate.name || '此任务'}」，可直接填写。如需交回，请点击办理人姓名旁的“×”（取消认领）。`,
            CLAIM_STATUS, 'info', 8000);
        }
        return;
      }
      await sleep(100);
    }
    console.warn(`[clerk-ux] task ${taskId} did not show in the task header; not claimed`);
  }

  /**
   * Tasklist reloads the task after its claim; when a load it had started before the claim
   * answers last, the page still shows the task unclaimed (seen once on a cold start). Then it is
   * told once more that the task changed. True when the task is the user's now.
   */
  async ensureShownAsClaimed(taskId, scope) {
    const end = Date.now() + CLAIM_SETTLE_MS;
    while (Date.now() < end) {
      await sleep(200);
      if (openTaskId() !== taskId) return false;
      if (scope.isAssignee && !scope.submitInProgress) return true;
    }
    if (openTaskId() !== taskId || !scope.taskData) return false;
    const t = await getJson(`${engineApi()}/task/${encodeURIComponent(taskId)}`).catch(() => null);
    if (!t || t.assignee !== this.userId) return false;
    if (!scope.isAssignee) {
      console.info(`[clerk-ux] task ${taskId} claimed but shown unclaimed; reloading it`);
      scope.$evalAsync(() => {
        scope.taskData.changed('task');
        scope.taskData.changed('taskList');
      });
    }
    return true;
  }
}

// ------------------------------------------------------------------ 2. notice after 完成

const COMPLETION = /\/task\/([^/?#]+)\/(submit-form|complete)(?:[?#]|$)/;
const NAMES = new Map(); // task id -> name, remembered when a task is opened
const MAX_WHO = 5;

function who(list) {
  if (!list || !list.length) return '';
  const shown = list.slice(0, MAX_WHO).join('、');
  return list.length > MAX_WHO ? `${shown}等${list.length}家` : shown;
}

/** The Chinese notice for the answer of /api/tasklist/next-step. */
export function describeNextStep(taskName, answer) {
  const done = `「${taskName || '任务'}」已办理完毕`;
  if (!answer) return `${done}。`;
  if (answer.next && answer.next.length) {
    const steps = answer.next.map((s) => (s.who && s.who.length ? `「${s.name}」（${who(s.who)}办理）` : `「${s.name}」`));
    const more = answer.moreTasks > 0 ? `，另有${answer.moreTasks}项待办` : '';
    return `${done}，已转入下一环节：${steps.join('、')}${more}。`;
  }
  if (answer.processEnded) return `${done}，本流程已办结。`;
  if (answer.waitingAt && answer.waitingAt.length) {
    return `${done}。当前环节：${answer.waitingAt.map((n) => `「${n}」`).join('、')}。`;
  }
  return `${done}，已进入下一环节。`;
}

async function announceCompletion(taskId) {
  let answer = null;
  try {
    answer = await getJson(`${appApi()}/tasklist/next-step?taskId=${encodeURIComponent(taskId)}`);
  } catch (e) {
    console.warn('[clerk-ux] next step not known', e);
  }
  const name = (answer && answer.taskName) || NAMES.get(taskId);
  // stays until closed or until another task is opened
  notify(describeNextStep(name, answer), NOTICE_STATUS, 'success');
}

/** Watches this page's XMLHttpRequests (Tasklist's REST client uses them) for completed tasks. */
function watchCompletions() {
  if (window.__ovCompletionWatch) return;
  window.__ovCompletionWatch = true;
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.__ov = { method: String(method).toUpperCase(), url: String(url) };
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    const info = this.__ov;
    const m = info && info.method === 'POST' ? COMPLETION.exec(info.url) : null;
    if (m) {
      const taskId = decodeURIComponent(m[1]);
      this.addEventListener('loadend', () => {
        if (this.status >= 200 && this.status < 300) {
          // after Tasklist's own handling of the answer (list refresh, route change)
          setTimeout(() => announceCompletion(taskId), 0);
        }
      });
    }
    return send.apply(this, args);
  };
}

async function rememberName(taskId) {
  if (!taskId || NAMES.has(taskId)) return;
  try {
    const t = await getJson(`${engineApi()}/task/${encodeURIComponent(taskId)}`);
    if (t && t.name) NAMES.set(taskId, t.name);
  } catch (e) {
    // not readable: the notice then names the task from the server's answer only
  }
}

// ------------------------------------------------------------------ 3. menus

async function decideMenus(userId) {
  const body = document.body;
  try {
    const [groups, startable] = await Promise.all([
      getJson(`${engineApi()}/identity/groups?userId=${encodeURIComponent(userId)}`),
      getJson(`${engineApi()}/process-definition/count?latestVersion=true&active=true&startableInTasklist=true&startablePermissionCheck=true`),
    ]);
    const ids = ((groups && groups.groups) || []).map((g) => g.id);
    const local = ids.some((id) => LOCAL_GROUP_PREFIXES.some((p) => id.startsWith(p)));
    body.classList.toggle('ov-may-create-task', ids.includes(ADMIN_GROUP));
    body.classList.toggle('ov-may-start-process', ((startable && startable.count) || 0) > 0);
    body.classList.toggle('ov-shortcuts', !local);
  } catch (e) {
    console.warn('[clerk-ux] menus not decided; showing them all', e);
    body.classList.add('ov-may-create-task', 'ov-may-start-process', 'ov-shortcuts');
  }
  body.classList.add('ov-menus-ready');
}

// ------------------------------------------------------------------ the plugin

let detach = [];

export default [
  {
    id: PLUGIN_ID,
    pluginPoint: 'tasklist.navbar.action',
    priority: -1000,
    render(node, api, scope) {
      node.hidden = true;
      const root = scope && scope.$root;
      const userId = root && root.authentication && root.authentication.name;
      if (!userId) return;
      watchCompletions();
      clearNotices(NOTICE_STATUS, CLAIM_STATUS); // the previous user's, after a logout
      decideMenus(userId);
      const claimer = new ClaimOnOpen(userId);
      const onRoute = () => {
        const taskId = openTaskId();
        if (taskId && taskId !== claimer.handled) clearNotices(NOTICE_STATUS);
        rememberName(taskId);
        claimer.onRoute();
      };
      detach.push(root.$on('$locationChangeSuccess', onRoute));
      onRoute();
    },
    unmount() {
      detach.forEach((off) => off());
      detach = [];
    },
  },
];
