import { api, qs } from './api.js';
import { h, clear, num, throttle } from './dom.js';

// The 3D semantic map: the stored PCA coordinates (embedding_3d) of embedded items, drawn on a
// 2D canvas with our own rotation and perspective (no 3D library is available as a WebJar here).
// Points are grouped by colour so each frame is one path per colour: 20,000 points stay smooth.

const SEVERITY_COLORS = { sev1: '#d7263d', sev2: '#f46036', sev3: '#c9a227', sev4: '#2e86ab' };
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#393b79', '#637939'];

export function mapView(root, query) {
  const params = new URLSearchParams(query || '');
  const state = {
    service: params.get('service') || '', severity: params.get('severity') || '', status: params.get('status') || '',
    colorBy: params.get('color') || 'service', limit: Number(params.get('limit') || 20000),
  };
  let data = null; // {n, ids, services, severities, labels, statuses, xyz}
  let colorOf = null; // Uint16Array: colour index per point
  let colors = []; // [[name, css]]
  let order = null; // point indices grouped by colour
  let starts = null; // colour → first position in order
  let sx = new Float32Array(0);
  let sy = new Float32Array(0);
  let yaw = 0.6;
  let pitch = 0.35;
  let zoom = 1;
  let rotating = !params.has('still');
  let hovered = -1;
  let frames = 0;
  let fps = 0;
  let raf = 0;
  let pixels = null;
  let words = null;
  const rgbaCache = new Map();
  /** '#rrggbb' → one opaque pixel as a little-endian 32-bit word (ABGR). */
  function rgba(css) {
    let w = rgbaCache.get(css);
    if (w === undefined) {
      const v = parseInt(css.slice(1), 16);
      w = ((0xff << 24) | ((v & 0xff) << 16) | (v & 0xff00) | ((v >> 16) & 0xff)) >>> 0;
      rgbaCache.set(css, w);
    }
    return w;
  }
  let disposed = false;
  const known = new Map(); // items created during this session, for live points

  const canvas = h('canvas', { id: 'map-canvas', tabindex: 0, role: 'img', 'aria-label': 'Semantic map of work items; drag or arrow keys rotate, Enter opens the highlighted item' });
  const tip = h('div', { class: 'tooltip', hidden: true, role: 'status' });
  const count = h('span', { id: 'map-count' });
  const fpsLabel = h('span', { id: 'map-fps', class: 'muted' });
  const legend = h('ul', { class: 'legend', 'aria-label': 'Colours' });
  const error = h('div', { class: 'errors', role: 'alert' });
  const toggle = h('button', { type: 'button', id: 'map-rotate', 'aria-pressed': String(rotating), onclick: () => {
    rotating = !rotating;
    toggle.setAttribute('aria-pressed', String(rotating));
    toggle.textContent = rotating ? 'Pause rotation' : 'Rotate';
    schedule();
  } }, rotating ? 'Pause rotation' : 'Rotate');
  const sel = (name, label, options, value) => h('div', { class: 'field' }, h('label', { for: `m-${name}` }, label),
    h('select', { id: `m-${name}`, name }, options.map(([v, t]) => h('option', { value: v, selected: v === value }, t))));
  const form = h('form', { class: 'filters', 'aria-label': 'Map filters' },
    h('div', { class: 'field' }, h('label', { for: 'm-service' }, 'Service'), h('input', { id: 'm-service', name: 'service', type: 'search', value: state.service })),
    sel('severity', 'Severity', [['', 'any'], ['sev1', 'sev1'], ['sev2', 'sev2'], ['sev3', 'sev3'], ['sev4', 'sev4']], state.severity),
    sel('status', 'Status', [['', 'any'], ['open', 'open'], ['assigned', 'assigned'], ['resolved', 'resolved']], state.status),
    sel('colorBy', 'Colour by', [['service', 'service'], ['severity', 'severity']], state.colorBy));
  const wrap = h('div', { class: 'map-wrap' }, canvas, tip);
  root.append(h('h1', null, 'Semantic map'), form,
    h('p', { class: 'summary' }, count, ' · ', toggle, ' ', fpsLabel), error, wrap, legend);

  const changed = throttle(() => {
    state.service = form.elements.service.value.trim();
    state.severity = form.elements.severity.value;
    state.status = form.elements.status.value;
    const recolourOnly = state.colorBy !== form.elements.colorBy.value;
    state.colorBy = form.elements.colorBy.value;
    history.replaceState(null, '', `#/map${qs({ service: state.service, severity: state.severity, status: state.status, color: state.colorBy })}`);
    if (recolourOnly && data) { prepare(); schedule(); } else load();
  }, 300);
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  form.addEventListener('submit', (ev) => ev.preventDefault());

  async function load() {
    try {
      const r = await api(`/console/map${qs({ service: state.service, severity: state.severity, status: state.status, limit: state.limit })}`);
      if (disposed) return;
      clear(error);
      data = { n: r.count, ids: r.ids, services: r.services, severities: r.severities, statuses: r.statuses, labels: r.labels, xyz: Float32Array.from(r.xyz) };
      prepare();
      schedule();
    } catch (e) {
      if (!disposed) clear(error).append(e.message);
    }
  }

  /** Colours, grouping order and the unit cube the points are scaled into. */
  function prepare() {
    const n = data.n;
    const names = state.colorBy === 'severity' ? data.severities : data.services;
    const freq = new Map();
    for (const v of names) freq.set(v, (freq.get(v) || 0) + 1);
    const ranked = [...freq.entries()].sort((a, b) => b[1] - a[1]).map(([v]) => v);
    colors = ranked.map((v, i) => [v, state.colorBy === 'severity' ? SEVERITY_COLORS[v] || '#888' : PALETTE[i] || '#999']);
    if (state.colorBy !== 'severity' && colors.length > PALETTE.length) colors = colors.slice(0, PALETTE.length).concat([['other', '#999']]);
    const index = new Map(colors.map(([v], i) => [v, i]));
    colorOf = new Uint16Array(n);
    const counts = new Uint32Array(colors.length);
    for (let i = 0; i < n; i++) {
      const c = index.has(names[i]) ? index.get(names[i]) : colors.length - 1;
      colorOf[i] = c;
      counts[c]++;
    }
    starts = new Uint32Array(colors.length + 1);
    for (let c = 0; c < colors.length; c++) starts[c + 1] = starts[c] + counts[c];
    const fill = starts.slice(0, colors.length);
    order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[fill[colorOf[i]]++] = i;
    // Centre and scale into [-1, 1] so any projection fits the canvas.
    const xyz = data.xyz;
    const mean = [0, 0, 0];
    for (let i = 0; i < n; i++) for (let a = 0; a < 3; a++) mean[a] += xyz[3 * i + a] / Math.max(1, n);
    let max = 1e-9;
    for (let i = 0; i < n; i++) for (let a = 0; a < 3; a++) max = Math.max(max, Math.abs(xyz[3 * i + a] - mean[a]));
    data.unit = new Float32Array(3 * n);
    for (let i = 0; i < n; i++) for (let a = 0; a < 3; a++) data.unit[3 * i + a] = (xyz[3 * i + a] - mean[a]) / max;
    sx = new Float32Array(n);
    sy = new Float32Array(n);
    count.textContent = `${num(n)} points`;
    count.dataset.count = n;
    clear(legend).append(...colors.map(([v, css]) => {
      const swatch = h('span', { class: 'swatch' });
      swatch.style.background = css;
      return h('li', null, swatch, ` ${v}`);
    }));
    data.idSet = new Set(data.ids);
  }

  function draw() {
    raf = 0;
    if (disposed) return;
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth;
    const hgt = canvas.clientHeight;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(hgt * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(hgt * dpr);
    }
    const ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, hgt);
    if (!data || !data.n) { frames++; return; }
    if (rotating) yaw += 0.006;
    const cy = Math.cos(yaw); const syw = Math.sin(yaw);
    const cp = Math.cos(pitch); const sp = Math.sin(pitch);
    const scale = Math.min(w, hgt) * 0.38 * zoom;
    const cx0 = w / 2; const cy0 = hgt / 2;
    const u = data.unit;
    for (let i = 0; i < data.n; i++) {
      const x = u[3 * i]; const y = u[3 * i + 1]; const z = u[3 * i + 2];
      const x1 = cy * x + syw * z;
      const z1 = -syw * x + cy * z;
      const y2 = cp * y - sp * z1;
      const z2 = sp * y + cp * z1;
      const f = 3 / (3 - z2);
      sx[i] = cx0 + x1 * f * scale;
      sy[i] = cy0 - y2 * f * scale;
    }
    // Points are written straight into one pixel buffer (one putImageData per frame): a path of
    // 20,000 rectangles is what made software rendering slow.
    const pw = canvas.width;
    const ph = canvas.height;
    if (!pixels || pixels.width !== pw || pixels.height !== ph) {
      pixels = ctx.createImageData(pw, ph);
      words = new Uint32Array(pixels.data.buffer);
    }
    words.fill(0);
    const size = Math.max(1, Math.round((data.n > 5000 ? 2 : 3) * dpr));
    for (let c = 0; c < colors.length; c++) {
      const word = rgba(colors[c][1]);
      for (let k = starts[c]; k < starts[c + 1]; k++) {
        const i = order[k];
        const px = Math.round(sx[i] * dpr - size / 2);
        const py = Math.round(sy[i] * dpr - size / 2);
        if (px < 0 || py < 0 || px + size > pw || py + size > ph) continue;
        for (let dy = 0; dy < size; dy++) {
          const row = (py + dy) * pw + px;
          for (let dx = 0; dx < size; dx++) words[row + dx] = word;
        }
      }
    }
    ctx.putImageData(pixels, 0, 0);
    if (hovered >= 0 && hovered < data.n) {
      ctx.strokeStyle = '#000';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(sx[hovered], sy[hovered], 6, 0, 2 * Math.PI);
      ctx.stroke();
    }
    frames++;
    if (rotating) schedule();
  }

  function schedule() {
    if (!raf && !disposed) raf = requestAnimationFrame(draw);
  }

  const fpsTimer = setInterval(() => {
    fps = frames;
    frames = 0;
    fpsLabel.textContent = rotating ? `${fps} frames/s` : '';
    fpsLabel.dataset.fps = fps;
  }, 1000);

  function nearest(px, py, radius = 8) {
    if (!data) return -1;
    let best = -1;
    let bestD = radius * radius;
    for (let i = 0; i < data.n; i++) {
      const dx = sx[i] - px; const dy = sy[i] - py;
      const d = dx * dx + dy * dy;
      if (d <= bestD) { bestD = d; best = i; }
    }
    return best;
  }

  function showTip(i, px, py) {
    hovered = i;
    if (i < 0) { tip.hidden = true; schedule(); return; }
    clear(tip).append(h('strong', null, `${data.severities[i].toUpperCase()} · ${data.services[i]}`), h('div', { class: 'mono' }, data.ids[i]),
      h('div', null, data.labels[i] || ''));
    tip.hidden = false;
    tip.style.left = `${Math.min(px + 12, canvas.clientWidth - 260)}px`;
    tip.style.top = `${py + 12}px`;
    schedule();
  }

  let drag = null;
  canvas.addEventListener('pointerdown', (ev) => { drag = { x: ev.clientX, y: ev.clientY, moved: false }; canvas.setPointerCapture(ev.pointerId); });
  canvas.addEventListener('pointermove', (ev) => {
    const r = canvas.getBoundingClientRect();
    if (drag && (Math.abs(ev.clientX - drag.x) + Math.abs(ev.clientY - drag.y) > 3 || drag.moved)) {
      yaw += (ev.clientX - drag.x) * 0.01;
      pitch = Math.max(-1.5, Math.min(1.5, pitch + (ev.clientY - drag.y) * 0.01));
      drag = { x: ev.clientX, y: ev.clientY, moved: true };
      schedule();
      return;
    }
    showTip(nearest(ev.clientX - r.left, ev.clientY - r.top), ev.clientX - r.left, ev.clientY - r.top);
  });
  canvas.addEventListener('pointerup', (ev) => {
    const wasDrag = drag && drag.moved;
    drag = null;
    if (wasDrag) return;
    const r = canvas.getBoundingClientRect();
    const i = nearest(ev.clientX - r.left, ev.clientY - r.top);
    if (i >= 0) location.hash = `#/item/${data.ids[i]}`;
  });
  canvas.addEventListener('wheel', (ev) => { ev.preventDefault(); zoom = Math.max(0.3, Math.min(8, zoom * (ev.deltaY < 0 ? 1.1 : 0.9))); schedule(); }, { passive: false });
  canvas.addEventListener('keydown', (ev) => {
    const step = 0.1;
    if (ev.key === 'ArrowLeft') yaw -= step;
    else if (ev.key === 'ArrowRight') yaw += step;
    else if (ev.key === 'ArrowUp') pitch = Math.max(-1.5, pitch - step);
    else if (ev.key === 'ArrowDown') pitch = Math.min(1.5, pitch + step);
    else if (ev.key === '+') zoom *= 1.1;
    else if (ev.key === '-') zoom /= 1.1;
    else if (ev.key === 'Enter' && hovered >= 0) { location.hash = `#/item/${data.ids[hovered]}`; return; }
    else if (ev.key === 'n' && data && data.n) { showTip((hovered + 1) % data.n, canvas.clientWidth / 2, 20); return; }
    else return;
    ev.preventDefault();
    schedule();
  });

  // For tests and the benchmark: where a point is on screen right now.
  window.__intakeMap = {
    count: () => (data ? data.n : 0),
    fps: () => fps,
    point: (i) => (data && i < data.n ? { id: data.ids[i], x: sx[i], y: sy[i] } : null),
  };

  const addLive = throttle(() => {
    if (!data || !pendingPoints.length) return;
    const add = pendingPoints.splice(0);
    const n = data.n + add.length;
    const xyz = new Float32Array(3 * n);
    xyz.set(data.xyz);
    add.forEach((p, k) => { xyz.set([p.x, p.y, p.z], 3 * (data.n + k)); });
    data = { n, xyz, ids: data.ids.concat(add.map((p) => p.id)), services: data.services.concat(add.map((p) => p.service)),
      severities: data.severities.concat(add.map((p) => p.severity)), statuses: data.statuses.concat(add.map((p) => p.status)),
      labels: data.labels.concat(add.map((p) => p.label)) };
    prepare();
    schedule();
  }, 2000);
  const pendingPoints = [];

  load();
  return {
    onBatch(batch) {
      for (const e of batch.events) {
        if (e.kind === 'created') {
          if (known.size > 5000) known.delete(known.keys().next().value);
          known.set(e.id, e.item);
          if (!e.item.embedding_3d) continue;
        }
        const item = e.kind === 'created' ? e.item : { ...known.get(e.id), ...(e.changes || {}) };
        const p = item.embedding_3d;
        if (!p || !item.service || (data && data.idSet.has(e.id))) continue;
        if ((state.service && item.service !== state.service) || (state.severity && item.severity !== state.severity)
          || (state.status && item.status !== state.status)) continue;
        pendingPoints.push({ id: e.id, x: p.x, y: p.y, z: p.z, service: item.service, severity: item.severity, status: item.status, label: (item.description || '').slice(0, 160) });
      }
      if (pendingPoints.length) addLive();
    },
    dispose() { disposed = true; clearInterval(fpsTimer); if (raf) cancelAnimationFrame(raf); delete window.__intakeMap; },
  };
}
