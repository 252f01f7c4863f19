/*
 * 督办看板 (supervision board): a Cockpit page of its own, with a read-only item page.
 *
 * Cockpit front-end plugins (plugin API of Camunda 7.14+): a plain ES module, no build step, no
 * libraries. Loaded through `customScripts: ['scripts/supervision-board.js']` in
 * app/cockpit/scripts/config.js (Cockpit imports `<app-root>/app/cockpit/<entry>` and registers
 * every object of the default export):
 *
 * - `cockpit.navigation`: the top navigation entry 督办看板 (#/supervision-board);
 * - `cockpit.route` `/supervision-board`: the board (county × status table, chart, item lists,
 *   the Excel ledger of the list shown, titled and named by the server after its filter);
 * - `cockpit.route` `/supervision-board/item/:caseKey`: one item, read-only and in Chinese
 *   (GET /api/supervision/items/{caseKey}; the server answers 403 / 404 for what the user may not
 *   read or what does not exist);
 * - `cockpit.dashboard`: a short link to the board on Cockpit's dashboard; a lead or the
 *   supervision office (GET /api/me says `home`) landing on the dashboard is sent to the board
 *   once per page load, so Camunda's own 仪表盘 stays one click away.
 *
 * Data: the application's /api endpoints, called with the Camunda session cookie and
 * X-Requested-With (ApiAuthenticationFilter accepts a webapp session only with that header, so
 * downloads are fetched as blobs too, not linked directly).
 */

const PLUGIN_ID = 'oversight.supervisionBoard';
const ROUTE = '/supervision-board';
const ITEM_ROUTE = `${ROUTE}/item/`;

/** The board's statuses in column order: level code, cell field, caption. */
const LEVELS = [
  { code: 'none', field: 'onTime', label: '按期推进' },
  { code: 'reminder', field: 'dueSoon', label: '即将到期' },
  { code: 'overdue', field: 'overdue', label: '逾期' },
  { code: 'yellow', field: 'yellow', label: '黄牌' },
  { code: 'red', field: 'red', label: '红牌' },
  { code: 'listed', field: 'listed', label: '挂牌督办' },
];

/** The kind switch: request parameter, the board row's cell and reasons, caption. */
const KINDS = [
  { code: '', cell: 'all', reasons: 'allReasons', label: '全部' },
  { code: 'KT', cell: 'keyTasks', reasons: 'keyTaskReasons', label: '重点任务' },
  { code: 'RI', cell: 'rectification', reasons: 'rectificationReasons', label: '督察整改' },
];

/**
 * What stands behind the counts, shown apart: request parameter, the row's field, caption.
 * 不涉及 is closed work (confirmed by the lead unit), counted here only and out of every rate.
 */
const REASONS = [
  { code: 'notReported', field: 'notReported', label: '逾期未报' },
  { code: 'notCompleted', field: 'notCompleted', label: '逾期未完成' },
  { code: 'notConcerned', field: 'notConcerned', label: '不涉及' },
];

/** Warning levels as the escalation history names them (enum names). */
const LEVEL_NAMES = {
  NONE: '正常',
  REMINDER: '临期提醒',
  OVERDUE: '逾期催办',
  YELLOW: '黄牌预警',
  RED: '红牌督办',
  LISTED: '挂牌督办',
};

const ITEM_LIMIT = 200;

const STYLE_ID = 'ov-board-style';
const STYLE = `
.ov-board { margin: 0 15px 20px; font-size: 13px; color: #333; line-height: 1.4; }
.ov-board * { box-sizing: border-box; }
.ov-board .ov-head { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; margin-bottom: 10px; }
.ov-board .ov-title { font-size: 18px; font-weight: 600; margin: 0; }
.ov-board .ov-asof { color: #666; font-size: 12px; }
.ov-board .ov-kinds { display: inline-flex; border: 1px solid #b5bfc9; border-radius: 3px; overflow: hidden; }
.ov-board .ov-kinds button { border: 0; border-left: 1px solid #b5bfc9; background: #fff; color: #333;
  padding: 3px 12px; font-size: 13px; cursor: pointer; }
.ov-board .ov-kinds button:first-child { border-left: 0; }
.ov-board .ov-kinds button.ov-on { background: #2f6fa7; color: #fff; }
.ov-board .ov-actions { margin-left: auto; display: inline-flex; gap: 8px; align-items: center; }
.ov-board .ov-btn { border: 1px solid #2f6fa7; background: #fff; color: #2f6fa7; border-radius: 3px;
  padding: 3px 10px; font-size: 13px; cursor: pointer; white-space: nowrap; }
.ov-board .ov-btn:hover { background: #eaf2fa; }
.ov-board .ov-btn[disabled] { opacity: .6; cursor: wait; }
.ov-board .ov-msg { padding: 8px 12px; border-radius: 3px; margin: 6px 0 10px; }
.ov-board .ov-msg.ov-error { background: #fdecea; color: #a21b1b; border: 1px solid #f3b7b2; }
.ov-board .ov-msg.ov-info { background: #f4f6f8; color: #555; border: 1px solid #dde2e7; }
.ov-board .ov-main { display: flex; flex-wrap: wrap; gap: 16px 28px; align-items: flex-start; }
.ov-board .ov-table-wrap { overflow-x: auto; max-width: 100%; }
.ov-board table.ov-table { border-collapse: collapse; font-size: 14px; }
.ov-board table.ov-table th, .ov-board table.ov-table td { border: 1px solid #d6dbe0; padding: 4px 9px; text-align: center;
  white-space: nowrap; }
.ov-board table.ov-table thead th { background: #f1f3f5; font-weight: 600; border-top-width: 3px; }
.ov-board table.ov-table th.ov-county { text-align: left; font-weight: 600; background: #f8f9fa; }
.ov-board table.ov-table tr.ov-total td, .ov-board table.ov-table tr.ov-total th { background: #eef1f4; font-weight: 600;
  border-top: 2px solid #aab4be; }
.ov-board table.ov-table td.ov-zero { color: #aaa; }
.ov-board table.ov-table td.ov-sum { font-weight: 600; }
.ov-board table.ov-table th.ov-reason { background: #fbf3e6; }
.ov-board .ov-target { color: #666; font-size: 12px; }
.ov-board table.ov-table td.ov-rs-notConcerned, .ov-board table.ov-table th.ov-rs-notConcerned { color: #666; }
.ov-board a.ov-count { display: inline-block; min-width: 2em; color: inherit; font-weight: 600; text-decoration: underline; }
.ov-board a.ov-count:hover, .ov-board a.ov-count:focus { text-decoration: none; outline: 1px dotted #333; }
.ov-board td.ov-selected { box-shadow: inset 0 0 0 2px #2f6fa7; }
.ov-board th.ov-lv-none { border-top-color: #4caf50; }
.ov-board th.ov-lv-reminder { border-top-color: #f2c94c; }
.ov-board th.ov-lv-overdue { border-top-color: #f08c00; }
.ov-board th.ov-lv-yellow { border-top-color: #e8c300; }
.ov-board th.ov-lv-red { border-top-color: #d32f2f; }
.ov-board th.ov-lv-listed { border-top-color: #7b3fa0; }
.ov-board td.ov-lv-none:not(.ov-zero) { background: #e8f5e9; color: #1b5e20; }
.ov-board td.ov-lv-reminder:not(.ov-zero) { background: #fff8e1; color: #7a5a00; }
.ov-board td.ov-lv-overdue:not(.ov-zero) { background: #ffe3c2; color: #8a3d00; }
.ov-board td.ov-lv-yellow:not(.ov-zero) { background: #fff176; color: #4d3f00; }
.ov-board td.ov-lv-red:not(.ov-zero) { background: #f6bcbc; color: #8e1414; }
.ov-board td.ov-lv-listed:not(.ov-zero) { background: #e6d2f0; color: #4a1766; }
.ov-board .ov-rate-low { color: #b71c1c; font-weight: 600; }
.ov-board .ov-rate-mid { color: #a85d00; font-weight: 600; }
.ov-board .ov-chart-box { flex: 1 1 380px; min-width: 300px; max-width: 500px; }
.ov-board .ov-subtitle { font-size: 14px; font-weight: 600; margin: 0 0 6px; }
.ov-board svg.ov-chart { display: block; width: 100%; height: auto; font-size: 12px; }
.ov-board svg.ov-chart text { fill: #333; }
.ov-board svg.ov-chart .ov-grid { stroke: #e3e6ea; stroke-width: 1; }
.ov-board svg.ov-chart .ov-avg { stroke: #2f6fa7; stroke-width: 1.5; stroke-dasharray: 4 3; }
.ov-board svg.ov-chart text.ov-axis { fill: #888; font-size: 11px; }
.ov-board svg.ov-chart text.ov-avg-label { fill: #2f6fa7; font-size: 11px; }
.ov-board .ov-items { margin-top: 16px; }
.ov-board .ov-items-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 6px 12px; margin-bottom: 6px; }
.ov-board .ov-items-head .ov-subtitle { margin: 0; }
.ov-board .ov-link { background: none; border: 0; padding: 0; color: #2f6fa7; cursor: pointer; font-size: 12px; }
.ov-board .ov-link:hover { text-decoration: underline; }
.ov-board table.ov-list { border-collapse: collapse; width: 100%; font-size: 12.5px; }
.ov-board table.ov-list th, .ov-board table.ov-list td { border-bottom: 1px solid #e1e5e9; padding: 4px 6px;
  text-align: left; vertical-align: top; }
.ov-board table.ov-list thead th { background: #f1f3f5; border-bottom: 2px solid #cfd6dc; white-space: nowrap; }
.ov-board table.ov-list td.ov-nowrap { white-space: nowrap; }
.ov-board table.ov-list th.ov-num, .ov-board table.ov-list td.ov-num { text-align: center; white-space: nowrap; }
.ov-board table.ov-list td.ov-title-cell { min-width: 16em; }
.ov-board table.ov-list tr.ov-history td { background: #fafbfc; font-size: 12px; color: #555; }
.ov-board table.ov-list .ov-empty { text-align: center; color: #888; padding: 12px; }
.ov-board .ov-badge { display: inline-block; padding: 0 6px; border-radius: 9px; font-size: 12px; white-space: nowrap;
  border: 1px solid transparent; }
.ov-board .ov-badge.ov-lv-none { background: #e8f5e9; color: #1b5e20; border-color: #a5d6a7; }
.ov-board .ov-badge.ov-lv-reminder { background: #fff8e1; color: #7a5a00; border-color: #f2d27a; }
.ov-board .ov-badge.ov-lv-overdue { background: #ffe3c2; color: #8a3d00; border-color: #f5b26b; }
.ov-board .ov-badge.ov-lv-yellow { background: #fff176; color: #4d3f00; border-color: #e0c400; }
.ov-board .ov-badge.ov-lv-red { background: #f6bcbc; color: #8e1414; border-color: #e57373; }
.ov-board .ov-badge.ov-lv-listed { background: #e6d2f0; color: #4a1766; border-color: #b98ad0; }
.ov-board .ov-note { color: #777; font-size: 12px; margin-top: 4px; }
.ov-board.ov-page { margin: 0; padding: 16px 20px 24px; background: #fff; }
.ov-board .ov-back { font-size: 13px; color: #2f6fa7; }
.ov-board .ov-readonly { font-size: 12px; color: #666; border: 1px solid #ccd3da; border-radius: 9px; padding: 0 8px; }
.ov-board dl.ov-facts { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 6px 14px;
  margin: 4px 0 18px; padding: 12px 14px; background: #f8f9fa; border: 1px solid #e1e5e9; border-radius: 3px; }
.ov-board dl.ov-facts dt { color: #666; font-weight: normal; white-space: nowrap; }
.ov-board dl.ov-facts dd { margin: 0; }
.ov-board .ov-section { margin-top: 18px; }
.ov-board .ov-file { font-size: 12.5px; }
.ov-board.ov-dash-link { margin: 0 15px 12px; }
`;

// ------------------------------------------------------------------ helpers

/** Creates an element: attributes (on* as listeners, class, dataset via data-*), children. */
function h(tag, attrs, ...children) {
  const svg = tag.startsWith('svg:');
  const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.setAttribute('class', v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return el;
}

function pct(rate) {
  const r = Math.round((Number(rate) || 0) * 1000) / 10;
  return `${r}%`;
}

function rateClass(rate) {
  if (rate < 0.6) return 'ov-rate-low';
  if (rate < 0.9) return 'ov-rate-mid';
  return '';
}

function barColour(rate) {
  if (rate < 0.6) return '#d32f2f';
  if (rate < 0.9) return '#f08c00';
  return '#43a047';
}

/** 2026-12-02 → 2026年12月2日, the one date style of forms, board and ledger; other text unchanged. */
function cnDate(day) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(day || ''));
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : (day || '');
}

function dateTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The application's /api/supervision, next to the Camunda webapp (default path /camunda). */
function apiBase() {
  const base = document.querySelector('base');
  const appRoot = (base && base.getAttribute('app-root')) || '/camunda';
  return `${appRoot.replace(/\/camunda\/?$/, '')}/api/supervision`;
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** A short Chinese message for a failed call. */
function describe(err, what) {
  if (err && err.name === 'AbortError') return '';
  if (!(err instanceof ApiError)) return `${what}失败：无法连接服务器，请稍后重试。`;
  switch (err.status) {
    case 401:
      return `${what}失败：登录已失效，请重新登录。`;
    case 403:
      return `${what}失败：${err.message || '无权查看督办看板'}（403）。`;
    case 404:
      return `${what}失败：${err.message || '接口不存在'}（404）。`;
    default:
      return `${what}失败：${err.message || '服务器错误'}（HTTP ${err.status}）。`;
  }
}

async function call(url, signal, accept = 'application/json') {
  let res;
  try {
    res = await fetch(url, {
      credentials: 'same-origin',
      headers: { 'X-Requested-With': 'XMLHttpRequest', Accept: accept },
      signal,
    });
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw new Error('network');
  }
  if (!res.ok) {
    let message = '';
    try {
      const body = await res.json();
      message = (body && body.message) || '';
    } catch {
      // not JSON: keep the status only
    }
    throw new ApiError(res.status, message);
  }
  return res;
}

/** The item page of a case (a Cockpit route of this plugin). */
function itemHref(businessKey) {
  return `#${ITEM_ROUTE}${encodeURIComponent(businessKey)}`;
}

/**
 * Fetches a file with the session and X-Requested-With and saves it under the name the server's
 * Content-Disposition gives (RFC 5987 filename*=UTF-8''…), or the fallback.
 */
async function saveDownload(url, signal, fallback, accept = '*/*') {
  const res = await call(url, signal, accept);
  const blob = await res.blob();
  const cd = res.headers.get('Content-Disposition') || '';
  const m = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  let name = fallback;
  if (m) {
    try {
      name = decodeURIComponent(m[1]);
    } catch {
      // keep the fallback name
    }
  }
  const href = URL.createObjectURL(blob);
  const a = h('a', { href, download: name, style: 'display:none' });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

function ensureStyle() {
  if (document.getElementById(STYLE_ID)) return;
  const style = document.createElement('style');
  style.id = STYLE_ID;
  style.textContent = STYLE;
  document.head.appendChild(style);
}

// ------------------------------------------------------------------ the board

class SupervisionBoard {
  constructor(node) {
    this.node = node;
    this.api = apiBase();
    this.kind = KINDS[0];
    this.board = null;
    this.selection = null; // { county, countyName, level } of the item list shown
    this.controller = new AbortController();
    this.itemsController = null;
    this.build();
    this.loadBoard();
  }

  destroy() {
    this.controller.abort();
    if (this.itemsController) this.itemsController.abort();
    this.root.remove();
  }

  build() {
    this.kindButtons = KINDS.map((k) =>
      h('button', {
        type: 'button',
        'data-kind': k.code || 'all',
        class: k === this.kind ? 'ov-on' : '',
        'aria-pressed': String(k === this.kind),
        onclick: () => this.setKind(k),
      }, k.label));
    this.asOf = h('span', { class: 'ov-asof' }, '正在加载…');
    this.downloadButton = h('button', {
      type: 'button',
      class: 'ov-btn ov-download',
      title: '按当前筛选下载督办台账',
      onclick: () => this.download(),
    }, '下载督办台账(Excel)');
    this.message = h('div', { class: 'ov-msg', hidden: true, role: 'alert' });
    this.tableBox = h('div', { class: 'ov-table-wrap' });
    this.chartBox = h('div', { class: 'ov-chart-box' });
    this.items = h('div', { class: 'ov-items', hidden: true });
    this.root = h('div', { class: 'ov-board', 'data-plugin': PLUGIN_ID },
      h('div', { class: 'ov-head' },
        h('h2', { class: 'ov-title' }, '督办看板'),
        this.asOf,
        h('div', { class: 'ov-kinds', role: 'group', 'aria-label': '事项类别' }, this.kindButtons),
        h('div', { class: 'ov-actions' },
          h('button', { type: 'button', class: 'ov-btn ov-refresh', onclick: () => this.loadBoard() }, '刷新'),
          this.downloadButton)),
      this.message,
      h('div', { class: 'ov-main' }, this.tableBox, this.chartBox),
      this.items);
    this.node.appendChild(this.root);
  }

  showMessage(text, kind = 'ov-error') {
    if (!text) {
      this.message.hidden = true;
      this.message.textContent = '';
      return;
    }
    this.message.className = `ov-msg ${kind}`;
    this.message.textContent = text;
    this.message.hidden = false;
  }

  async loadBoard() {
    try {
      const res = await call(`${this.api}/board`, this.controller.signal);
      this.board = await res.json();
      this.showMessage('');
      this.asOf.textContent = `数据截至 ${cnDate(this.board.asOf) || '—'}`;
      this.renderBoard();
      if (this.selection) this.loadItems();
    } catch (e) {
      const text = describe(e, '加载督办看板');
      if (!text) return;
      this.asOf.textContent = '';
      this.showMessage(text);
    }
  }

  setKind(kind) {
    if (kind === this.kind) return;
    this.kind = kind;
    this.kindButtons.forEach((b, i) => {
      const on = KINDS[i] === kind;
      b.classList.toggle('ov-on', on);
      b.setAttribute('aria-pressed', String(on));
    });
    if (this.board) this.renderBoard();
    if (this.selection) this.loadItems();
  }

  renderBoard() {
    this.tableBox.replaceChildren(this.renderTable());
    this.chartBox.replaceChildren(
      h('h3', { class: 'ov-subtitle' }, `按时率（${this.kind.label}，按县区）`),
      this.renderChart());
  }

  renderTable() {
    const rows = this.board.rows || [];
    const head = h('thead', null, h('tr', null,
      h('th', { class: 'ov-county', scope: 'col' }, '县区'),
      LEVELS.map((l) => h('th', { scope: 'col', class: `ov-lv-${l.code}` }, l.label)),
      h('th', { scope: 'col' }, '合计'),
      h('th', { scope: 'col', title: '按期推进与即将到期占在办事项的比例' }, '按时率'),
      REASONS.map((r) => h('th', { scope: 'col', class: `ov-reason ov-rs-${r.code}` }, r.label))));
    const body = h('tbody', null,
      rows.map((r) => this.renderRow(r, false)),
      this.board.total ? this.renderRow(this.board.total, true) : null);
    return h('table', { class: 'ov-table', 'aria-label': '督办看板：县区 × 督办状态' }, head, body);
  }

  renderRow(row, isTotal) {
    const cell = row[this.kind.cell] || {};
    const county = isTotal ? '' : row.county;
    const tds = LEVELS.map((l) => this.countCell(cell[l.field] || 0, county, row.countyName, l, `ov-lv-${l.code}`));
    tds.push(this.countCell(cell.total || 0, county, row.countyName, null, 'ov-sum'));
    const rate = typeof cell.onTimeRate === 'number' ? cell.onTimeRate : 1;
    tds.push(h('td', { class: `ov-rate ${rateClass(rate)}`, title: cell.total ? '' : '无在办事项' },
      cell.total ? pct(rate) : '—'));
    const reasons = row[this.kind.reasons] || {};
    REASONS.forEach((r) => tds.push(this.countCell(reasons[r.field] || 0, county, row.countyName, null,
      `ov-reason ov-rs-${r.code}`, r)));
    return h('tr', { class: isTotal ? 'ov-total' : '', 'data-county': isTotal ? 'total' : row.county },
      h('th', { class: 'ov-county', scope: 'row' }, row.countyName), tds);
  }

  countCell(n, county, countyName, level, cls, reason) {
    const levelCode = level ? level.code : '';
    const reasonCode = reason ? reason.code : '';
    const sel = this.selection;
    const selected = sel && sel.county === county && sel.level === levelCode && (sel.reason || '') === reasonCode;
    const td = h('td', {
      class: `${cls}${n ? '' : ' ov-zero'}${selected ? ' ov-selected' : ''}`,
      'data-level': reason ? `reason-${reasonCode}` : levelCode || 'all',
    });
    if (!n) {
      td.textContent = '0';
      return td;
    }
    const label = reason ? reason.label : level ? level.label : '全部状态';
    const what = `${countyName} · ${label}`;
    td.appendChild(h('a', {
      href: '',
      class: 'ov-count',
      title: `查看 ${what} 的事项`,
      onclick: (ev) => {
        ev.preventDefault();
        this.select({ county, countyName, level: levelCode, reason: reasonCode, levelLabel: label });
      },
    }, String(n)));
    return td;
  }

  renderChart() {
    const rows = this.board.rows || [];
    // wide enough for the longest name (市生态环境局: 6 characters at 13 px), not only the counties
    const labelW = Math.max(70, 16 + 14 * Math.max(...rows.map((r) => [...(r.countyName || "")].length), 3));
    const barW = 250;
    const rowH = 24;
    const top = 8;
    const width = labelW + barW + 90;
    const height = top + rows.length * rowH + 22;
    const svg = h('svg:svg', {
      class: 'ov-chart',
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: 'img',
      'aria-label': '各县区按时率',
    });
    for (const t of [0, 0.5, 1]) {
      const x = labelW + t * barW;
      svg.appendChild(h('svg:line', { class: 'ov-grid', x1: x, x2: x, y1: top - 4, y2: top + rows.length * rowH }));
      svg.appendChild(h('svg:text', {
        class: 'ov-axis', x, y: top + rows.length * rowH + 14, 'text-anchor': 'middle',
      }, `${t * 100}%`));
    }
    rows.forEach((r, i) => {
      const cell = r[this.kind.cell] || {};
      const empty = !cell.total;
      const rate = empty ? 1 : Number(cell.onTimeRate) || 0;
      const y = top + i * rowH;
      svg.appendChild(h('svg:text', { x: labelW - 8, y: y + rowH / 2 + 4, 'text-anchor': 'end' }, r.countyName));
      svg.appendChild(h('svg:rect', {
        class: 'ov-bar',
        'data-county': r.county,
        x: labelW,
        y: y + 4,
        width: Math.max(rate * barW, empty ? barW : 1),
        height: rowH - 8,
        rx: 2,
        fill: empty ? '#d5d9de' : barColour(rate),
      }, h('svg:title', null, `${r.countyName}：${empty ? '无在办事项' : `按时率 ${pct(rate)}（${cell.total} 项在办）`}`)));
      svg.appendChild(h('svg:text', {
        x: labelW + barW + 6, y: y + rowH / 2 + 4, class: empty ? 'ov-axis' : '',
      }, empty ? '无在办' : pct(rate)));
    });
    const total = this.board.total && this.board.total[this.kind.cell];
    if (total && total.total && rows.length > 1) {
      const x = labelW + (Number(total.onTimeRate) || 0) * barW;
      svg.appendChild(h('svg:line', { class: 'ov-avg', x1: x, x2: x, y1: top - 4, y2: top + rows.length * rowH }));
      svg.appendChild(h('svg:title', null, `全市按时率 ${pct(total.onTimeRate)}`));
    }
    const box = h('div', null, svg);
    if (total && total.total && rows.length > 1) {
      box.appendChild(h('div', { class: 'ov-note' }, `虚线：全市按时率 ${pct(total.onTimeRate)}（${total.total} 项在办）`));
    }
    return box;
  }

  select(selection) {
    this.selection = selection;
    if (this.board) this.tableBox.replaceChildren(this.renderTable());
    this.loadItems();
  }

  closeItems() {
    this.selection = null;
    if (this.itemsController) this.itemsController.abort();
    this.items.hidden = true;
    this.items.replaceChildren();
    if (this.board) this.tableBox.replaceChildren(this.renderTable());
  }

  filters() {
    const s = this.selection || {};
    return { county: s.county || '', kind: this.kind.code, level: s.level || '', reason: s.reason || '' };
  }

  async loadItems() {
    if (this.itemsController) this.itemsController.abort();
    const controller = new AbortController();
    this.itemsController = controller;
    const s = this.selection;
    const caption = `事项清单：${s.countyName} · ${s.levelLabel} · ${this.kind.label}`;
    const title = h('h3', { class: 'ov-subtitle' }, caption);
    const head = h('div', { class: 'ov-items-head' }, title,
      h('button', { type: 'button', class: 'ov-link', onclick: () => this.closeItems() }, '收起'));
    this.items.hidden = false;
    this.items.replaceChildren(head, h('div', { class: 'ov-msg ov-info' }, '正在加载…'));
    try {
      const res = await call(`${this.api}/board/items${query({ ...this.filters(), limit: ITEM_LIMIT, offset: 0 })}`,
        controller.signal);
      const list = await res.json();
      if (controller.signal.aborted) return;
      title.textContent = `${caption}（${list.length >= ITEM_LIMIT ? `前 ${ITEM_LIMIT}` : `共 ${list.length}`} 项）`;
      this.items.replaceChildren(head, this.renderItems(list));
      if (list.length >= ITEM_LIMIT) {
        this.items.appendChild(h('div', { class: 'ov-note' }, `仅显示前 ${ITEM_LIMIT} 项，完整清单请下载督办台账。`));
      }
    } catch (e) {
      const text = describe(e, '加载事项清单');
      if (!text || controller.signal.aborted) return;
      this.items.replaceChildren(head, h('div', { class: 'ov-msg ov-error', role: 'alert' }, text));
    }
  }

  renderItems(list) {
    const cols = ['编号', '任务/问题', '县区（单位）', '类别', '当前待办', '办理时限', '逾期(工作日)', '督办事由', '预警等级'];
    const body = h('tbody');
    if (!list.length) {
      body.appendChild(h('tr', null, h('td', { colspan: cols.length, class: 'ov-empty' }, '暂无事项')));
    }
    for (const it of list) {
      const code = it.code || it.businessKey;
      const link = h('a', { href: itemHref(it.businessKey), class: 'ov-item-link', title: `${it.businessKey}：查看事项详情` }, code);
      const row = h('tr', { 'data-business-key': it.businessKey },
        h('td', { class: 'ov-nowrap' }, link),
        h('td', { class: 'ov-title-cell', title: it.leadNames ? `牵头单位：${it.leadNames}` : '' }, it.title || '',
          it.target ? h('div', { class: 'ov-target' }, `目标：${it.target}；已完成：${it.achieved || '未报'}`) : null),
        h('td', { class: 'ov-nowrap' }, it.countyName || ''),
        h('td', { class: 'ov-nowrap' }, it.kindName || ''),
        h('td', { class: 'ov-nowrap' }, it.openTask || '—'),
        h('td', { class: 'ov-nowrap', title: it.deadline ? `整改/完成时限：${cnDate(it.deadline)}` : '' }, cnDate(it.dueDate) || '—'),
        h('td', { class: 'ov-num' }, it.daysOverdue ? String(it.daysOverdue) : '—'),
        h('td', { class: 'ov-nowrap ov-reason-cell' }, it.reason || '—'),
        h('td', { class: 'ov-nowrap' },
          h('span', { class: `ov-badge ov-lv-${it.level}` }, it.levelName || it.status || ''),
          ' ',
          h('button', {
            type: 'button',
            class: 'ov-link',
            title: '查看预警升级记录',
            onclick: (ev) => this.toggleHistory(ev.currentTarget, row, it, cols.length),
          }, '记录')));
      body.appendChild(row);
    }
    return h('div', { class: 'ov-table-wrap' },
      h('table', { class: 'ov-list' },
        h('thead', null, h('tr', null, cols.map((c, i) => h('th', { scope: 'col', class: i === 6 ? 'ov-num' : '' }, c)))),
        body));
  }

  async toggleHistory(button, row, item, span) {
    const next = row.nextElementSibling;
    if (next && next.classList.contains('ov-history')) {
      next.remove();
      button.textContent = '记录';
      return;
    }
    const td = h('td', { colspan: span }, '正在加载…');
    row.after(h('tr', { class: 'ov-history' }, td));
    button.textContent = '收起';
    try {
      const res = await call(`${this.api}/cases/${encodeURIComponent(item.businessKey)}/escalations`, this.controller.signal);
      const events = await res.json();
      if (!events.length) {
        td.textContent = '暂无预警升级记录';
        return;
      }
      td.replaceChildren(h('ul', { style: 'margin:0;padding-left:18px' }, events.map((e) =>
        h('li', null,
          `${dateTime(e.at)}  ${LEVEL_NAMES[e.from] || e.from || '—'} → ${LEVEL_NAMES[e.to] || e.to || '—'}`,
          e.dueDate ? `（时限 ${cnDate(e.dueDate)}）` : '',
          e.reason ? `：${e.reason}` : '',
          e.actor ? `  [${e.actor}]` : ''))));
    } catch (e) {
      td.textContent = describe(e, '加载预警记录') || '';
    }
  }

  async download() {
    const button = this.downloadButton;
    button.disabled = true;
    const caption = button.textContent;
    button.textContent = '正在生成…';
    try {
      await saveDownload(`${this.api}/board/items.xlsx${query(this.filters())}`, this.controller.signal,
        '督办台账.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, */*');
    } catch (e) {
      const text = describe(e, '下载督办台账');
      if (text) this.showMessage(text);
    } finally {
      button.disabled = false;
      button.textContent = caption;
    }
  }
}

// ------------------------------------------------------------------ the item page

/** The case key of the item route, from the location (Cockpit's route hands a plugin no parameters). */
function caseKeyOfLocation() {
  const hash = window.location.hash || '';
  const at = hash.indexOf(ITEM_ROUTE);
  if (at < 0) return '';
  const raw = hash.slice(at + ITEM_ROUTE.length).split(/[?#]/)[0];
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function text(v, empty = '—') {
  return v === undefined || v === null || v === '' ? empty : String(v);
}

function fileSize(n) {
  if (!n && n !== 0) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 102.4) / 10} KB`;
  return `${Math.round(n / 104857.6) / 10} MB`;
}

/** A read-only page of one supervised item: what it is, its reports, its ladder, letters and evidence. */
class ItemPage {
  constructor(node) {
    this.node = node;
    this.api = apiBase();
    this.key = caseKeyOfLocation();
    this.controller = new AbortController();
    this.message = h('div', { class: 'ov-msg ov-info', role: 'status' }, '正在加载…');
    this.body = h('div', { class: 'ov-item-body' });
    this.title = h('h2', { class: 'ov-title' }, '督办事项');
    this.root = h('div', { class: 'ov-board ov-page ov-item', 'data-plugin': `${PLUGIN_ID}.item`, 'data-case-key': this.key },
      h('div', { class: 'ov-head' },
        h('a', { href: `#${ROUTE}`, class: 'ov-back' }, '← 返回督办看板'),
        this.title,
        h('span', { class: 'ov-readonly' }, '只读')),
      this.message,
      this.body);
    this.node.appendChild(this.root);
    this.load();
  }

  destroy() {
    this.controller.abort();
    this.root.remove();
  }

  async load() {
    if (!this.key) {
      this.showError('未指定事项编号。');
      return;
    }
    try {
      const res = await call(`${this.api}/items/${encodeURIComponent(this.key)}`, this.controller.signal);
      const item = await res.json();
      this.message.hidden = true;
      this.render(item);
    } catch (e) {
      if (e && e.name === 'AbortError') return;
      if (e instanceof ApiError && e.status === 404) {
        this.showError(`未找到事项 ${this.key}（404）。`);
      } else if (e instanceof ApiError && e.status === 403) {
        this.showError(`无权查看事项 ${this.key}（403）。`);
      } else {
        if (!(e instanceof ApiError) && e && e.message !== 'network') console.error(e);
        this.showError(describe(e, '加载督办事项'));
      }
    }
  }

  showError(msg) {
    this.message.className = 'ov-msg ov-error';
    this.message.setAttribute('role', 'alert');
    this.message.textContent = msg;
    this.message.hidden = false;
  }

  render(it) {
    this.title.textContent = `督办事项：${it.code || it.businessKey}`;
    const facts = [
      ['事项编号', it.businessKey],
      ['类别', it.kindName],
      [it.kind === 'RI' ? '问题编号' : '任务编号', it.code],
      [it.kind === 'RI' ? '问题' : '重点任务', it.title],
      ['县区（单位）', it.countyName],
      ['牵头单位', it.leadNames],
      ['完成时限', it.deadlineText],
      ['当前待办', it.active ? text(it.openTask) : '无（已结束）'],
      ['办理时限', cnDate(it.dueDate)],
      ['逾期（工作日）', it.daysOverdue ? String(it.daysOverdue) : '—'],
      ['状态', it.status],
      ['预警等级', h('span', { class: `ov-badge ov-lv-${it.level}` }, it.levelName)],
      ['督办事由', it.reason],
    ];
    if (it.target) facts.push(['目标指标', it.target], ['已完成值', text(it.achieved, '未报')]);
    const dl = h('dl', { class: 'ov-facts' }, facts.map(([k, v]) => [
      h('dt', null, k),
      h('dd', { 'data-field': k }, v instanceof Node ? v : text(v)),
    ]));

    this.body.replaceChildren(
      dl,
      this.section('进展报送记录', 'ov-reports', this.reports(it.reports || [])),
      this.section('预警与督办记录', 'ov-ladder', this.ladder(it.ladder || [])),
      this.section('督办函', 'ov-letters', this.letters(it.letters || [])),
      this.section('佐证材料', 'ov-evidence', this.evidence(it.evidence || [])));
  }

  section(title, cls, content) {
    return h('section', { class: `ov-section ${cls}` }, h('h3', { class: 'ov-subtitle' }, title), content);
  }

  table(cols, rows, empty) {
    const body = h('tbody');
    if (!rows.length) body.appendChild(h('tr', null, h('td', { colspan: cols.length, class: 'ov-empty' }, empty)));
    rows.forEach((r) => body.appendChild(h('tr', null, r.map((c) => h('td', null, c instanceof Node ? c : text(c))))));
    return h('div', { class: 'ov-table-wrap' },
      h('table', { class: 'ov-list' }, h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, c)))), body));
  }

  reports(list) {
    return this.table(
      ['报告期', '环节', '时间', '办理人', '完成进度', '序时进度', '本期工作进展', '存在问题', '进度判定', '审核意见', '佐证材料'],
      list.map((r) => [
        r.period, r.claim ? `${r.event}（${r.claim}）` : r.event, dateTime(r.at), r.actorName || r.actor,
        r.progress === null || r.progress === undefined ? '' : `${r.progress}%`,
        r.expected === null || r.expected === undefined ? '' : `${r.expected}%`,
        r.workDone, r.problems, r.judgement, r.comment, (r.files || []).join('、'),
      ]),
      '暂无进展报送记录');
  }

  ladder(list) {
    return this.table(['时间', '预警等级', '办理时限', '事由 / 督办措施', '操作人'],
      list.map((e) => [
        dateTime(e.at),
        e.measure ? `${e.toName}（督办措施）` : h('span', null,
          h('span', { class: `ov-badge ov-lv-${e.from}` }, e.fromName), ' → ',
          h('span', { class: `ov-badge ov-lv-${e.to}` }, e.toName)),
        cnDate(e.dueDate), e.reason, e.actorName,
      ]),
      '暂无预警升级记录');
  }

  letters(list) {
    return this.table(['文号', '季度', '印发时间', '标题', '下载'],
      list.map((l) => [l.letterNo, l.quarter, dateTime(l.issuedAt), l.subject,
        this.downloadButton(`${this.api}/letters/${encodeURIComponent(l.id)}.docx`, `${l.letterNo}.docx`, '下载（Word）')]),
      '暂无督办函');
  }

  evidence(list) {
    const base = this.api.replace(/\/supervision$/, '/periodic-reports');
    return this.table(['文件名', '报告期', '大小', '上传时间', '下载'],
      list.map((f) => [f.name, f.period, fileSize(f.size), dateTime(f.uploadedAt),
        this.downloadButton(`${base}/files/${encodeURIComponent(f.id)}`, f.name, '下载')]),
      '暂无佐证材料');
  }

  downloadButton(url, name, caption) {
    return h('button', {
      type: 'button',
      class: 'ov-link ov-file',
      onclick: async (ev) => {
        const b = ev.currentTarget;
        b.disabled = true;
        try {
          await saveDownload(url, this.controller.signal, name);
        } catch (e) {
          const msg = describe(e, `下载 ${name}`);
          if (msg) this.showError(msg);
        } finally {
          b.disabled = false;
        }
      },
    }, caption);
  }
}

// ------------------------------------------------------------------ the dashboard link

/** Users sent from the dashboard to the board in this page load (once each; 仪表盘 then stays). */
const landed = new Set();

/** The short link on Cockpit's dashboard, and the landing redirect for leads and the supervision office. */
class DashboardLink {
  constructor(node) {
    this.node = node;
    this.controller = new AbortController();
    this.root = h('div', { class: 'ov-board ov-dash-link', 'data-plugin': `${PLUGIN_ID}.dashboard` },
      h('p', null, '督办看板已设为独立页面：', h('a', { href: `#${ROUTE}` }, '打开督办看板'),
        '（也可点击顶部导航中的“督办看板”）。'));
    this.node.appendChild(this.root);
    this.land();
  }

  async land() {
    try {
      const res = await call(`${apiBase().replace(/\/supervision$/, '')}/me`, this.controller.signal);
      const me = await res.json();
      const onDashboard = /^#\/dashboard\/?(\?.*)?$/.test(window.location.hash || '#/dashboard');
      if (me.home === 'supervision-board' && onDashboard && !landed.has(me.id)) {
        landed.add(me.id);
        window.location.replace(`#${ROUTE}`);
      }
    } catch {
      // no redirect: the dashboard and its link stay
    }
  }

  destroy() {
    this.controller.abort();
    this.root.remove();
  }
}

// ------------------------------------------------------------------ plugins

const mounted = { board: new Set(), item: new Set(), link: new Set() };

function unmountAll(set) {
  for (const x of set) x.destroy();
  set.clear();
}

export default [
  {
    id: `${PLUGIN_ID}.navigation`,
    pluginPoint: 'cockpit.navigation',
    // first in the top navigation (Cockpit's 流程 has 100)
    priority: 200,
    properties: { label: '督办看板', pagePath: `#${ROUTE}` },
    checkActive: (url) => (url || '').includes(`#${ROUTE}`),
  },
  {
    id: PLUGIN_ID,
    pluginPoint: 'cockpit.route',
    properties: { path: ROUTE },
    render(node) {
      ensureStyle();
      document.title = '督办看板 | Camunda Cockpit';
      const board = new SupervisionBoard(node);
      board.root.classList.add('ov-page');
      mounted.board.add(board);
    },
    unmount() {
      unmountAll(mounted.board);
    },
  },
  {
    id: `${PLUGIN_ID}.item`,
    pluginPoint: 'cockpit.route',
    properties: { path: `${ITEM_ROUTE}:caseKey` },
    render(node) {
      ensureStyle();
      document.title = '督办事项 | Camunda Cockpit';
      mounted.item.add(new ItemPage(node));
    },
    unmount() {
      unmountAll(mounted.item);
    },
  },
  {
    id: `${PLUGIN_ID}.dashboard`,
    pluginPoint: 'cockpit.dashboard',
    priority: 100,
    render(node) {
      ensureStyle();
      mounted.link.add(new DashboardLink(node));
    },
    unmount() {
      unmountAll(mounted.link);
    },
  },
];
