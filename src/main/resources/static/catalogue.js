// The catalogue page (catalogue.html): who is logged in (GET /api/me, recognised like every /api
// call: the Camunda webapp session with X-Requested-With), the catalogue with each task's dispatch
// state as the server computes it (GET /api/catalogue/dispatch-status), import and dispatch for
// leads. An external script: the page has no inline script or handler (CSP).

const headers = { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' };
const $ = (id) => document.getElementById(id);

function esc(s) {
  return String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
}

async function getJson(url) {
  const r = await fetch(url, { headers, credentials: 'same-origin' });
  const body = await r.json().catch(() => null);
  return { status: r.status, ok: r.ok, body };
}

/** Shows the logged-in user; returns them, or null when nobody is logged in. */
async function loadUser() {
  const who = $('who');
  const r = await getJson('/api/me');
  if (r.status === 401 || !r.ok || !r.body) {
    who.textContent = '未登录';
    $('loginHint').hidden = false;
    return null;
  }
  const me = r.body;
  // the demo users are named after their role (市局领导): say it once
  const roles = (me.roles || []).filter((r) => r !== me.name).join('、');
  who.innerHTML = `当前用户：<strong id="whoName">${esc(me.name)}</strong>（${esc(me.id)}${roles ? '，' + esc(roles) : ''}）`;
  const lead = (me.groups || []).some((g) => g === 'lead' || g === 'camunda-admin');
  if (!lead) {
    $('roleHint').hidden = false;
    $('importSection').hidden = true;
    $('dispatchSection').hidden = true;
  }
  return me;
}

/** 2025-12-31 → 2025年12月31日 (one date style across forms, board and ledger). */
function cnDate(day) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(day || ''));
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : (day || '');
}

function scopeText(t) {
  return t.counties.length === 0 ? '无' : t.counties.length === 7 ? '全部' : t.counties.join('、');
}

function stateCell(d) {
  if (!d) return '<span class="st st-open" data-state="open">待交办</span>';
  const to = [...(d.counties || []), ...(d.units || [])].join('、');
  return `<span class="st st-done" data-state="dispatched">已交办${d.closed ? '（已结项）' : ''}</span>` +
    (to ? `<span class="st-to">交办至：${esc(to)}</span>` : '');
}

async function loadCatalogue() {
  const body = $('catalogue');
  const [list, status] = await Promise.all([getJson('/api/catalogue'), getJson('/api/catalogue/dispatch-status')]);
  if (list.status === 401) {
    body.innerHTML = '<tr><td colspan="8" class="err">未登录：请先登录 Tasklist。</td></tr>';
    return;
  }
  if (!list.ok) {
    body.innerHTML = `<tr><td colspan="8" class="err">${esc(list.body?.message || `加载目录失败（HTTP ${list.status}）`)}</td></tr>`;
    return;
  }
  const dispatched = status.ok && status.body ? status.body : {};
  const tasks = list.body;
  $('count').textContent = tasks.length;
  $('dispatchedCount').textContent = status.ok ? tasks.filter((t) => dispatched[t.code]).length : '—';
  body.innerHTML = tasks.map((t) =>
    `<tr data-code="${esc(t.code)}"><td>${esc(t.code)}</td><td>${esc(t.title)}</td><td>${esc(t.leadUnits.join('、'))}</td>` +
    `<td>${esc(scopeText(t))}</td><td>${esc((t.units || []).join('、'))}</td><td>${esc(cnDate(t.deadline) || '长期坚持')}</td>` +
    `<td>${esc(t.cadence)}</td><td class="state">${stateCell(dispatched[t.code])}</td></tr>`).join('');
}

$('importForm').addEventListener('submit', async (e) => {
  e.preventDefault();
  const out = $('importResult');
  const data = new FormData();
  data.append('file', $('file').files[0]);
  out.textContent = '正在导入…';
  const r = await fetch('/api/catalogue/import', { method: 'POST', body: data, headers, credentials: 'same-origin' });
  const body = await r.json().catch(() => ({}));
  if (r.ok) {
    out.innerHTML = `<p class="ok">导入成功：共 ${body.total} 项，新增 ${body.created}，更新 ${body.updated}，未变 ${body.unchanged}，停用 ${body.retired}。</p>`;
    loadCatalogue();
  } else {
    const rows = (body.errors || []).map((p) => `<tr><td>${esc(p.file)}</td><td>${esc(p.row)}</td><td>${esc(p.column)}</td><td>${esc(p.reason)}</td></tr>`).join('');
    out.innerHTML = `<p class="err">${esc(body.message || ('导入失败（HTTP ' + r.status + '）'))}</p>` +
      (rows ? `<table><thead><tr><th>文件</th><th>行</th><th>列</th><th>原因</th></tr></thead><tbody>${rows}</tbody></table>` : '');
  }
});

$('dispatchAll').addEventListener('click', async () => {
  const out = $('dispatchResult');
  const r = await fetch('/api/catalogue/dispatch', { method: 'POST', headers, credentials: 'same-origin' });
  const body = await r.json().catch(() => ({}));
  out.innerHTML = r.ok ? `<p class="ok">已生成 ${body.started} 项交办待办，请在 Tasklist 的“我的待办”中办理。</p>`
    : `<p class="err">${esc(body.message || ('失败（HTTP ' + r.status + '）'))}</p>`;
  loadCatalogue();
});

// 批量交办: a preview of what would be dispatched to whom, then one confirmation.
$('bulkPreview').addEventListener('click', async () => {
  const chapter = $('bulkChapter').value;
  const plan = $('bulkPlan');
  $('bulkResult').textContent = '';
  const r = await getJson('/api/catalogue/bulk-dispatch?chapter=' + encodeURIComponent(chapter));
  if (!r.ok) {
    plan.innerHTML = `<p class="err">${esc(r.body?.message || ('预览失败（HTTP ' + r.status + '）'))}</p>`;
    $('bulkConfirm').hidden = true;
    return;
  }
  const rows = r.body.map((t) => `<tr data-code="${esc(t.code)}"><td>${esc(t.code)}</td><td>${esc(t.title)}</td>` +
    `<td>${esc(t.counties || '—')}</td><td>${esc(t.units || '—')}</td></tr>`).join('');
  plan.innerHTML = r.body.length === 0 ? '<p class="ok">所选范围内没有尚未交办的任务。</p>'
    : `<p id="bulkSummary">将交办 <strong>${r.body.length}</strong> 项任务，责任县区和承办部门如下：</p>` +
      `<table><thead><tr><th>编号</th><th>重点任务</th><th>责任县区</th><th>承办部门</th></tr></thead><tbody>${rows}</tbody></table>`;
  $('bulkConfirm').hidden = r.body.length === 0;
  $('bulkConfirm').dataset.count = r.body.length;
});

$('bulkConfirm').addEventListener('click', async () => {
  const chapter = $('bulkChapter').value;
  const n = $('bulkConfirm').dataset.count;
  if (!window.confirm(`确认按建议交办 ${n} 项任务？交办后各县区和部门将收到签收任务和通知邮件。`)) return;
  $('bulkConfirm').hidden = true;
  const out = $('bulkResult');
  out.textContent = '正在交办…';
  const r = await fetch('/api/catalogue/bulk-dispatch?chapter=' + encodeURIComponent(chapter),
    { method: 'POST', headers, credentials: 'same-origin' });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) {
    out.innerHTML = `<p class="err">${esc(body.message || ('交办失败（HTTP ' + r.status + '）'))}</p>`;
    return;
  }
  const refused = (body.refused || []).map((x) => `<li>${esc(x.code)}：${esc(x.message)}</li>`).join('');
  out.innerHTML = `<p class="ok" id="bulkDone">已交办 ${body.dispatched} 项任务，各县区和部门的签收任务已生成。</p>` +
    (refused ? `<p class="err">以下任务未能交办，请在 Tasklist 中单独办理：</p><ul>${refused}</ul>` : '');
  $('bulkPlan').innerHTML = '';
  loadCatalogue();
});

loadUser().then((me) => (me ? loadCatalogue() : null));
