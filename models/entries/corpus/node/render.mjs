// Long-lived renderer: reads one JSON request per line on stdin, writes one JSON answer per line on stdout.
//   {"op": "html", "theme": "jsonresume-theme-even", "resume": {...}}  -> {"ok": true, "html": "..."}
//   {"op": "pdf", "html": "/abs/in.html", "pdf": "/abs/out.pdf"}         -> {"ok": true}
// Themes render with their own render(resume); PDFs are printed by one headless Chromium (playwright-core
// driving the system's /usr/bin/chromium), offline, so a theme's remote stylesheets and fonts are not fetched.
import readline from 'node:readline';

const themes = new Map();
let browser = null;
let page = null;

async function theme(name) {
  if (!themes.has(name)) {
    const mod = await import(name);
    const render = mod.render || (mod.default && mod.default.render) || mod.default;
    if (typeof render !== 'function') throw new Error(`${name} has no render()`);
    themes.set(name, render);
  }
  return themes.get(name);
}

async function printer() {
  if (page === null) {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
             '--disable-sync', '--no-first-run'],
    });
    const context = await browser.newContext({ offline: true });
    page = await context.newPage();
  }
  return page;
}

async function handle(req) {
  if (req.op === 'html') {
    const render = await theme(req.theme);
    const html = await render(req.resume);
    if (typeof html !== 'string' || html.length < 200) throw new Error('theme returned no HTML');
    return { ok: true, html };
  }
  if (req.op === 'pdf') {
    const p = await printer();
    await p.goto('file://' + req.html, { waitUntil: 'load', timeout: 20000 });
    await p.pdf({ path: req.pdf, format: req.format || 'A4', printBackground: true,
                  margin: req.margin || { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' } });
    return { ok: true };
  }
  throw new Error(`unknown op ${req.op}`);
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
// keep the theme's console output off the answer channel
const write = process.stdout.write.bind(process.stdout);
console.log = console.info = console.warn = (...args) => process.stderr.write(args.join(' ') + '\n');
for await (const line of rl) {
  if (!line.trim()) continue;
  let answer;
  try {
    answer = await handle(JSON.parse(line));
  } catch (err) {
    answer = { ok: false, error: String((err && err.stack) || err).slice(0, 800) };
  }
  write(JSON.stringify(answer) + '\n');
}
if (browser) await browser.close();
