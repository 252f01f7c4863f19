// Renders every BPMN diagram in the repo's top-level bpmn/ folder with the bpmn-js viewer
// in headless (system) Chromium and writes bpmn/<name>.png beside each <name>.bpmn.
//
// Fails (exit 1, naming the file) if a diagram cannot be imported, the import reports
// warnings, there is no BPMNDiagram, fewer shapes are rendered than the XML has flow nodes,
// or a sequence flow has no rendered connection.
//
// Usage: node render.mjs [--layout-report]
//   --layout-report  also print layout hints (overlapping labels/shapes, edges crossing
//                    shapes or labels, negative coordinates); hints never fail the run.
//
// Environment: CHROMIUM_PATH (default /usr/bin/chromium).
// Nothing is fetched from the network: the viewer script and CSS are inlined into the
// page, and every request the page might make is aborted (and reported as an error).

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');
const BPMN_DIR = resolve(HERE, '../../bpmn');
const BPMN_JS = join(HERE, 'node_modules/bpmn-js/dist');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Output sizing: the diagram (its bounding box incl. labels plus MARGIN on each side) is
// zoomed so the image is TARGET_WIDTH px wide, but never more than MAX_ZOOM (small
// diagrams) — wide diagrams come out ~2400 px wide so 12 px labels stay readable.
const TARGET_WIDTH = 2400;
const MAX_ZOOM = 2;
const MARGIN = 30;

const layoutReport = process.argv.includes('--layout-report');
const rel = (p) => relative(REPO, p) || p;

function fail(message) {
  console.error(`bpmn-render: FAILED: ${message}`);
  process.exitCode = 1;
}

function readAsset(file) {
  const path = join(BPMN_JS, file);
  if (!existsSync(path)) {
    throw new Error(`${rel(path)} missing - run ./render.sh (npm ci) first`);
  }
  return readFileSync(path, 'utf8');
}

function pageHtml() {
  const css = ['assets/diagram-js.css', 'assets/bpmn-js.css'].map(readAsset).join('\n');
  // "</script" never occurs in the minified bundle today; escape it anyway so the inline
  // <script> element cannot be terminated early by a future version.
  const viewerJs = readAsset('bpmn-viewer.production.min.js').replace(/<\/script/gi, '<\\/script');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<style>${css}</style>
<style>
  html, body { margin: 0; padding: 0; background: #fff; overflow: hidden; }
  #canvas { width: 100vw; height: 100vh; background: #fff; }
  /* no selection/hover outlines in the picture */
  .djs-outline, .djs-hit { visibility: hidden; }
</style>
</head>
<body>
<div id="canvas"></div>
<script>${viewerJs}</script>
</body>
</html>`;
}

/**
 * Runs in the page: imports the XML, checks what was rendered and collects layout hints.
 * Returns { error } or { stats, inner, hints }.
 */
async function importAndCheck(xml) {
  const container = document.getElementById('canvas');
  container.innerHTML = '';
  const viewer = new window.BpmnJS({ container });
  window.viewer = viewer;

  let warnings;
  try {
    ({ warnings } = await viewer.importXML(xml));
  } catch (err) {
    if (/no diagram to display/.test(err.message)) {
      return { error: 'no bpmndi:BPMNDiagram (the file has no layout), import failed: no diagram to display' };
    }
    const w = (err.warnings || []).map((x) => x.message);
    return { error: `import failed: ${err.message}${w.length ? `\n    ${w.join('\n    ')}` : ''}` };
  }
  if (warnings && warnings.length) {
    return {
      error: `import reported ${warnings.length} warning(s):\n    ${warnings.map((w) => w.message).join('\n    ')}`,
    };
  }

  const definitions = viewer.getDefinitions();
  if (!definitions.diagrams || !definitions.diagrams.length) {
    return { error: 'no bpmndi:BPMNDiagram (the file has no layout)' };
  }

  // flow nodes / sequence flows as parsed from the XML (processes, incl. sub-processes)
  const flowNodes = [];
  const sequenceFlows = [];
  const walk = (container) => {
    for (const el of container.flowElements || []) {
      if (el.$instanceOf('bpmn:FlowNode')) flowNodes.push(el);
      if (el.$instanceOf('bpmn:SequenceFlow')) sequenceFlows.push(el);
      if (el.flowElements) walk(el);
    }
  };
  for (const root of definitions.rootElements || []) {
    if (root.$instanceOf('bpmn:Process')) walk(root);
  }

  const registry = viewer.get('elementRegistry');
  const shapes = registry.filter((e) => e.type !== 'label' && !e.waypoints && e.type !== 'bpmn:Process');
  const problems = [];
  if (shapes.length < flowNodes.length) {
    problems.push(`only ${shapes.length} shape(s) rendered for ${flowNodes.length} flow node(s) in the XML`);
  }
  const missingNodes = flowNodes.filter((n) => {
    const e = registry.get(n.id);
    return !e || e.waypoints;
  });
  if (missingNodes.length) {
    problems.push(`flow node(s) without a rendered shape (no BPMNShape?): ${missingNodes.map((n) => n.id).join(', ')}`);
  }
  const missingFlows = sequenceFlows.filter((f) => {
    const e = registry.get(f.id);
    return !e || !e.waypoints || e.waypoints.length < 2;
  });
  if (missingFlows.length) {
    problems.push(`sequence flow(s) without a rendered connection (no BPMNEdge?): ${missingFlows.map((f) => f.id).join(', ')}`);
  }
  if (problems.length) return { error: problems.join('\n    ') };

  const canvas = viewer.get('canvas');
  const inner = canvas.viewbox().inner;
  return {
    stats: {
      flowNodes: flowNodes.length,
      sequenceFlows: sequenceFlows.length,
      shapes: shapes.length,
      diagrams: definitions.diagrams.length,
    },
    inner: { x: inner.x, y: inner.y, width: inner.width, height: inner.height },
    hints: collectLayoutHints(viewer),
  };

  // ---- layout hints (informational) ----------------------------------------------------
  function collectLayoutHints(viewer) {
    const registry = viewer.get('elementRegistry');
    const canvas = viewer.get('canvas');
    const hints = [];
    const r = (b) => `(${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.width)}x${Math.round(b.height)})`;
    const isContainer = (e) =>
      ['bpmn:Participant', 'bpmn:Lane', 'bpmn:Group'].includes(e.type) ||
      (e.type === 'bpmn:SubProcess' && e.businessObject.di && e.businessObject.di.isExpanded);
    const root = canvas.getRootElement();
    const all = registry.getAll().filter((e) => e !== root && !(e.type === 'bpmn:SubProcess' && e.id.endsWith('_plane')));
    const nodes = all.filter((e) => e.type !== 'label' && !e.waypoints && !isContainer(e) && e.parent);
    const conns = all.filter((e) => e.waypoints);
    // actual text extents (SVG bbox of the rendered text), in diagram coordinates
    const textBox = (e) => {
      const gfx = registry.getGraphics(e);
      const texts = gfx ? gfx.querySelectorAll('.djs-visual text') : [];
      let box = null;
      for (const t of texts) {
        if (!t.textContent.trim()) continue;
        const b = t.getBBox();
        const abs = { x: e.x + b.x, y: e.y + b.y, width: b.width, height: b.height };
        box = box ? union(box, abs) : abs;
      }
      return box;
    };
    const union = (a, b) => {
      const x = Math.min(a.x, b.x), y = Math.min(a.y, b.y);
      return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
    };
    const overlap = (a, b, pad = 0) => {
      const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) - pad;
      const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) - pad;
      return w > 0 && h > 0 ? w * h : 0;
    };
    const shrink = (b, d) => ({ x: b.x + d, y: b.y + d, width: b.width - 2 * d, height: b.height - 2 * d });
    // Liang–Barsky: does segment p-q pass through the (open) rectangle b?
    const segHitsBox = (p, q, b) => {
      let t0 = 0, t1 = 1;
      const dx = q.x - p.x, dy = q.y - p.y;
      const edges = [[-dx, p.x - b.x], [dx, b.x + b.width - p.x], [-dy, p.y - b.y], [dy, b.y + b.height - p.y]];
      for (const [pp, qq] of edges) {
        if (pp === 0) { if (qq < 0) return false; continue; }
        const t = qq / pp;
        if (pp < 0) { if (t > t1) return false; if (t > t0) t0 = t; }
        else { if (t < t0) return false; if (t < t1) t1 = t; }
      }
      return t1 - t0 > 1e-6;
    };
    const segments = (c) => c.waypoints.slice(1).map((q, i) => [c.waypoints[i], q]);
    const name = (e) => (e.businessObject && e.businessObject.name ? ` "${e.businessObject.name}"` : '');
    const labelOwner = (l) => l.labelTarget;

    const labels = all
      .filter((e) => e.type === 'label')
      .map((l) => ({ el: l, owner: labelOwner(l), box: textBox(l) }))
      .filter((l) => l.box);
    // labels inside shapes (tasks etc.)
    const embedded = nodes.map((n) => ({ el: n, box: textBox(n) })).filter((n) => n.box);

    // negative coordinates
    for (const e of all) {
      if (e.type === 'label') continue;
      const pts = e.waypoints || [{ x: e.x, y: e.y }];
      if (pts.some((p) => p.x < 0 || p.y < 0)) hints.push(`negative coordinates: ${e.id}${name(e)}`);
    }
    // overlapping shapes
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        if (overlap(nodes[i], nodes[j]) > 0) hints.push(`shapes overlap: ${nodes[i].id} ${r(nodes[i])} and ${nodes[j].id} ${r(nodes[j])}`);
      }
    }
    // text running out of its shape (e.g. long task names)
    for (const n of embedded) {
      const b = n.box;
      if (b.x < n.el.x - 1 || b.y < n.el.y - 1 || b.x + b.width > n.el.x + n.el.width + 1 || b.y + b.height > n.el.y + n.el.height + 1) {
        hints.push(`text overflows its shape: ${n.el.id}${name(n.el)} text ${r(b)} shape ${r(n.el)}`);
      }
    }
    // label vs label
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) {
        if (overlap(labels[i].box, labels[j].box) > 0) {
          hints.push(`labels overlap: ${labels[i].owner.id}${name(labels[i].owner)} ${r(labels[i].box)} and ${labels[j].owner.id}${name(labels[j].owner)} ${r(labels[j].box)}`);
        }
      }
    }
    // label vs shape (incl. the text inside the shape)
    for (const l of labels) {
      for (const n of nodes) {
        if (n === l.owner) continue;
        if (overlap(l.box, n) > 0) hints.push(`label of ${l.owner.id}${name(l.owner)} ${r(l.box)} overlaps shape ${n.id}${name(n)} ${r(n)}`);
      }
    }
    // edges crossing shapes other than their source/target
    for (const c of conns) {
      for (const n of nodes) {
        if (n === c.source || n === c.target) continue;
        if (segments(c).some(([p, q]) => segHitsBox(p, q, shrink(n, 2)))) {
          hints.push(`edge ${c.id}${name(c)} (${c.source && c.source.id} -> ${c.target && c.target.id}) crosses shape ${n.id}${name(n)} ${r(n)}`);
        }
      }
      // edges crossing labels (other than their own)
      for (const l of labels) {
        if (!segments(c).some(([p, q]) => segHitsBox(p, q, shrink(l.box, 1)))) continue;
        if (l.owner === c) {
          hints.push(`edge ${c.id}${name(c)} (${c.source && c.source.id} -> ${c.target && c.target.id}) runs through its own label ${r(l.box)}`);
        } else {
          hints.push(`edge ${c.id} (${c.source && c.source.id} -> ${c.target && c.target.id}) crosses the label of ${l.owner.id}${name(l.owner)} ${r(l.box)}`);
        }
      }
      // edge ends not touching their shapes
      const near = (p, b) => Math.hypot(Math.max(b.x - p.x, 0, p.x - b.x - b.width), Math.max(b.y - p.y, 0, p.y - b.y - b.height));
      const [first, last] = [c.waypoints[0], c.waypoints[c.waypoints.length - 1]];
      if (c.source && near(first, c.source) > 3) hints.push(`edge ${c.id} starts ${Math.round(near(first, c.source))}px away from its source ${c.source.id}`);
      if (c.target && near(last, c.target) > 3) hints.push(`edge ${c.id} ends ${Math.round(near(last, c.target))}px away from its target ${c.target.id}`);
    }
    // collinear overlapping segments of different edges (lines drawn on top of each other)
    for (let i = 0; i < conns.length; i++) {
      for (let j = i + 1; j < conns.length; j++) {
        let shared = 0;
        for (const [a, b] of segments(conns[i])) {
          for (const [c, d] of segments(conns[j])) {
            if (a.y === b.y && c.y === d.y && a.y === c.y) {
              shared += Math.max(0, Math.min(Math.max(a.x, b.x), Math.max(c.x, d.x)) - Math.max(Math.min(a.x, b.x), Math.min(c.x, d.x)));
            } else if (a.x === b.x && c.x === d.x && a.x === c.x) {
              shared += Math.max(0, Math.min(Math.max(a.y, b.y), Math.max(c.y, d.y)) - Math.max(Math.min(a.y, b.y), Math.min(c.y, d.y)));
            }
          }
        }
        if (shared > 10) hints.push(`edges ${conns[i].id} and ${conns[j].id} run on top of each other for ${Math.round(shared)}px`);
      }
    }
    return hints;
  }
}

async function main() {
  if (!existsSync(BPMN_DIR)) return fail(`folder ${rel(BPMN_DIR)} not found`);
  const files = readdirSync(BPMN_DIR).filter((f) => f.endsWith('.bpmn')).sort();
  if (!files.length) return fail(`no *.bpmn files in ${rel(BPMN_DIR)}`);
  if (!existsSync(CHROMIUM)) return fail(`Chromium not found at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH)`);

  const html = pageHtml();
  const userDataDir = mkdtempSync(join(tmpdir(), 'bpmn-render-chromium-'));
  let context;
  let rendered = 0;
  const blocked = [];
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1200, height: 800 },
      deviceScaleFactor: 1,
      offline: true,
    });
    await context.route('**/*', (route) => {
      blocked.push(route.request().url());
      return route.abort('blockedbyclient');
    });

    for (const file of files) {
      const bpmnPath = join(BPMN_DIR, file);
      const pngPath = join(BPMN_DIR, `${basename(file, '.bpmn')}.png`);
      const page = context.pages()[0] || (await context.newPage());
      const pageErrors = [];
      const onError = (err) => pageErrors.push(err.message);
      page.on('pageerror', onError);
      try {
        await page.setViewportSize({ width: 1200, height: 800 });
        await page.setContent(html, { waitUntil: 'load' });
        if (!(await page.evaluate(() => typeof window.BpmnJS === 'function'))) {
          throw new Error(`bpmn-js viewer did not load in the page${pageErrors.length ? `: ${pageErrors.join('; ')}` : ''}`);
        }
        const xml = readFileSync(bpmnPath, 'utf8');
        const result = await page.evaluate(importAndCheck, xml);
        if (result.error) {
          fail(`${rel(bpmnPath)}: ${result.error}`);
          continue;
        }

        // size the page to the diagram, fit it, then zoom to the output scale
        const { inner } = result;
        const zoom = Math.min(MAX_ZOOM, TARGET_WIDTH / (inner.width + 2 * MARGIN));
        const width = Math.round((inner.width + 2 * MARGIN) * zoom);
        const height = Math.round((inner.height + 2 * MARGIN) * zoom);
        await page.setViewportSize({ width, height });
        await page.evaluate(async (zoom) => {
          const canvas = window.viewer.get('canvas');
          canvas.resized();
          canvas.zoom('fit-viewport', 'auto');
          canvas.zoom(zoom); // around the viewport centre, i.e. the diagram centre
          await document.fonts.ready;
        }, zoom);
        if (pageErrors.length) throw new Error(`page error(s): ${pageErrors.join('; ')}`);
        await page.screenshot({ path: pngPath, type: 'png', omitBackground: false });

        const s = result.stats;
        console.log(
          `  ${rel(bpmnPath)} -> ${rel(pngPath)} (${width}x${height} px, zoom ${zoom.toFixed(2)}; ` +
            `${s.flowNodes} flow nodes, ${s.sequenceFlows} sequence flows, ${s.shapes} shapes)`,
        );
        if (layoutReport) {
          if (result.hints.length) for (const h of result.hints) console.log(`    layout: ${h}`);
          else console.log('    layout: no issues found');
        }
        rendered++;
      } catch (err) {
        fail(`${rel(bpmnPath)}: ${err.message}`);
      } finally {
        page.off('pageerror', onError);
      }
    }
  } finally {
    if (context) await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }

  if (blocked.length) fail(`the page tried to fetch ${blocked.length} resource(s) (blocked): ${[...new Set(blocked)].join(', ')}`);
  if (process.exitCode) {
    console.error(`bpmn-render: ${rendered} of ${files.length} diagrams rendered`);
    return;
  }
  console.log(`bpmn-render: ${rendered} diagrams rendered`);
}

main().catch((err) => {
  fail(err.stack || String(err));
});
