// The demo's and the tests' hands on the simulated devices: put a card in, scan a code, run out of paper.
// Mounted only when the config chose simulators; like everything here, reachable from loopback only.
import { fieldProblems, sendValidationFailed } from './validation-failed.ts';
import express, { type Router } from 'express';
import { z } from 'zod';
import type { SimulatorControls } from '../devices/create-station-devices.ts';

const CardAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('insert'), card: z.enum(['cns', 'cie', 'wrong', 'mute']) }),
  z.object({ action: z.literal('remove') }),
  z.object({ action: z.literal('unplug') }),
  z.object({ action: z.literal('replug') }),
]);
const Scan = z.object({ text: z.string().min(1).max(500) });
const PrinterAction = z.object({
  paper: z.enum(['ok', 'near-end', 'out']).optional(),
  coverOpen: z.boolean().optional(),
  online: z.boolean().optional(),
});

export function simulatorRoutes(simulators: SimulatorControls): Router {
  const router = express.Router();
  router.use(express.json({ limit: '4kb' }));
  const bad = (res: express.Response, error: z.ZodError) => sendValidationFailed(res, fieldProblems(error));

  router.get('/', (_req, res) => void res.type('html').send(controlPage(simulators)));
  router.get('/simulator.js', (_req, res) => void res.type('text/javascript').send(CONTROL_SCRIPT));

  router.post('/card', async (req, res) => {
    const parsed = CardAction.safeParse(req.body);
    if (!parsed.success) return void bad(res, parsed.error);
    if (!simulators.card)
      return void res
        .status(404)
        .json({ error: { code: 'no_simulator', message: 'the card reader is not simulated' } });
    const action = parsed.data;
    if (action.action === 'insert') await simulators.card.insert(action.card);
    else if (action.action === 'remove') simulators.card.remove();
    else simulators.card.setPresent(action.action === 'replug');
    res.status(204).end();
  });

  router.post('/scan', (req, res) => {
    const parsed = Scan.safeParse(req.body);
    if (!parsed.success) return void bad(res, parsed.error);
    if (!simulators.scanner)
      return void res
        .status(404)
        .json({ error: { code: 'no_simulator', message: 'the scanner is not simulated' } });
    simulators.scanner.scan(parsed.data.text);
    res.status(204).end();
  });

  router.post('/printer', async (req, res) => {
    const parsed = PrinterAction.safeParse(req.body);
    if (!parsed.success) return void bad(res, parsed.error);
    const printer = simulators.printer;
    if (!printer)
      return void res
        .status(404)
        .json({ error: { code: 'no_simulator', message: 'the printer is not simulated' } });
    if (parsed.data.paper) await printer.setPaper(parsed.data.paper);
    if (parsed.data.coverOpen !== undefined) await printer.setCover(parsed.data.coverOpen);
    if (parsed.data.online !== undefined) await printer.setOnline(parsed.data.online);
    res.status(204).end();
  });

  router.get('/printed', (_req, res) => void res.json({ printed: simulators.printer?.printed() ?? [] }));

  // The paper as printed, pictures of Arabic or Ukrainian lines included; -1 is the last document.
  router.get('/paper/:index', async (req, res) => {
    const index = Number(req.params.index);
    if (!Number.isInteger(index))
      return void res.status(400).json({
        error: { code: 'validation_failed', message: 'index: a whole number, -1 for the last document' },
      });
    const png = await simulators.printer?.paper(index);
    if (!png)
      return void res.status(404).json({ error: { code: 'not_found', message: 'no such printed document' } });
    res.type('png').send(png);
  });
  return router;
}

function controlPage(simulators: SimulatorControls): string {
  const button = (label: string, path: string, body: object) =>
    `<button data-path="${path}" data-body='${JSON.stringify(body)}'>${label}</button>`;
  return `<!doctype html><html lang="it"><head><meta charset="utf-8"><title>Simulatore dispositivi</title>
<style>body{font:18px system-ui;margin:2em;max-width:60em}button{font:inherit;margin:.3em;padding:.6em 1em}
section{border:1px solid #888;padding:1em;margin:1em 0}pre{white-space:pre-wrap;background:#f4f4f4;padding:1em}</style></head><body>
<h1>Simulatore dei dispositivi della postazione</h1>
<p>Per la demo e i test: agisce sui dispositivi simulati dell'agente, come farebbe una persona.</p>
${
  simulators.card
    ? `<section><h2>Lettore di carte</h2>
${button('Inserisci tessera sanitaria (CNS) di Mario Rossi', 'card', { action: 'insert', card: 'cns' })}
${button('Avvicina CIE', 'card', { action: 'insert', card: 'cie' })}
${button('Inserisci una carta sconosciuta', 'card', { action: 'insert', card: 'wrong' })}
${button('Inserisci una carta muta', 'card', { action: 'insert', card: 'mute' })}
${button('Togli la carta', 'card', { action: 'remove' })}
${button('Scollega il lettore', 'card', { action: 'unplug' })} ${button('Ricollega il lettore', 'card', { action: 'replug' })}</section>`
    : ''
}
${
  simulators.scanner
    ? `<section><h2>Lettore di codici</h2>
${button('Codice a barre della tessera sanitaria (RSSMRA80A01H501U)', 'scan', { text: 'RSSMRA80A01H501U' })}
<form id="scan"><label>Codice di prenotazione o testo: <input name="text" required></label> <button>Leggi</button></form></section>`
    : ''
}
${
  simulators.printer
    ? `<section><h2>Stampante</h2>
${button('Carta: piena', 'printer', { paper: 'ok' })} ${button('Carta: quasi finita', 'printer', { paper: 'near-end' })}
${button('Carta: finita', 'printer', { paper: 'out' })} ${button('Apri coperchio', 'printer', { coverOpen: true })}
${button('Chiudi coperchio', 'printer', { coverOpen: false })} ${button('Spegni', 'printer', { online: false })}
${button('Accendi', 'printer', { online: true })}
<h3>Stampato</h3><img id="paper" alt="L'ultimo biglietto stampato" hidden style="border:1px solid #888">
<pre id="printed"></pre></section>`
    : ''
}
<script src="/simulator/simulator.js"></script></body></html>`;
}

const CONTROL_SCRIPT = `
const post = (path, body) => fetch('/simulator/' + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
document.addEventListener('click', (e) => {
  const b = e.target.closest('button[data-path]');
  if (b) post(b.dataset.path, JSON.parse(b.dataset.body)).then(refresh);
});
const form = document.getElementById('scan');
if (form) form.addEventListener('submit', (e) => { e.preventDefault(); post('scan', { text: form.text.value }); });
async function refresh() {
  const out = document.getElementById('printed');
  if (!out) return;
  const { printed } = await (await fetch('/simulator/printed')).json();
  const paper = document.getElementById('paper');
  paper.hidden = printed.length === 0;
  if (printed.length > 0) paper.src = '/simulator/paper/' + (printed.length - 1);
  out.textContent = printed.slice(-3).map((d) => d.lines.join('\\n') + (d.qrCodes.length ? '\\n[QR] ' + d.qrCodes.join(' ') : '')).join('\\n\\n-----\\n\\n');
}
refresh(); setInterval(refresh, 3000);
`;
