import type { SecretRow } from './secretsModel';

const DAY = 86_400_000;

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The window every row shares: from the oldest relevant date to a little after the latest due date. */
function timeWindow(rows: SecretRow[], now: number): { start: number; end: number } {
  let start = now - 30 * DAY;
  let end = now + 14 * DAY;
  for (const r of rows) {
    for (const t of [r.lastRotated, ...r.rotations, ...r.exposures.map((e) => e.at)]) if (t) start = Math.min(start, Date.parse(t));
    if (r.dueAt) end = Math.max(end, Date.parse(r.dueAt) + 7 * DAY);
  }
  return { start: start - 3 * DAY, end };
}

/**
 * One row per secret: its age (a bar from the last rotation to today) against its policy bound
 * (a tick at the due date), finished rotations (circles) and exposures (diamonds) from the
 * ledger. Colours are the theme's own CSS variables; rows are buttons (Tab, Enter).
 */
export function dashboardHtml(rows: SecretRow[], o: { nonce: string; now?: number }): string {
  const now = o.now ?? Date.now();
  const { start, end } = timeWindow(rows, now);
  const W = 600;
  const x = (t: number) => (((t - start) / (end - start)) * W).toFixed(1);
  const body = rows
    .map((r, i) => {
      const last = r.lastRotated ? Date.parse(r.lastRotated) : undefined;
      const due = r.dueAt ? Date.parse(r.dueAt) : undefined;
      const age = last !== undefined ? Math.floor((now - last) / DAY) : undefined;
      const label = `${r.id}: ${r.state}; ${age === undefined ? 'never rotated' : `${age} days old`}${r.maxAgeDays ? `, bound ${r.maxAgeDays} days` : ''}${r.dueAt ? `, due ${r.dueAt.slice(0, 10)}` : ''}; ${r.rotations.length} rotations and ${r.exposures.length} exposures in the ledger`;
      const marks = [
        last !== undefined ? `<rect class="age ${esc(r.state)}" x="${x(last)}" y="8" width="${Math.max(1, Number(x(now)) - Number(x(last))).toFixed(1)}" height="10"><title>age ${age}d</title></rect>` : '',
        due !== undefined ? `<line class="bound" x1="${x(due)}" x2="${x(due)}" y1="2" y2="24"><title>due ${esc(r.dueAt!.slice(0, 10))}</title></line>` : '',
        ...r.rotations.map((t) => `<circle class="rotation" cx="${x(Date.parse(t))}" cy="13" r="4"><title>rotated ${esc(t.slice(0, 10))}</title></circle>`),
        ...r.exposures.map((e) => {
          const cx = Number(x(Date.parse(e.at)));
          return `<path class="exposure" d="M${cx} 5 L${cx + 6} 13 L${cx} 21 L${cx - 6} 13 Z"><title>${esc(`exposed/compromised ${e.at.slice(0, 10)}: ${e.detail}`)}</title></path>`;
        }),
      ].join('');
      return `<li><button class="row" data-index="${i}" aria-label="${esc(label)}">
  <span class="name">${esc(r.id)}</span><span class="state ${esc(r.state)}">${esc(r.state)}</span>
  <svg viewBox="0 0 ${W} 26" preserveAspectRatio="none" role="img" aria-hidden="true"><line class="today" x1="${x(now)}" x2="${x(now)}" y1="0" y2="26"></line>${marks}</svg>
</button></li>`;
    })
    .join('\n');
  const fmt = (t: number) => new Date(t).toISOString().slice(0, 10);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${o.nonce}'; script-src 'nonce-${o.nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rotation Status</title>
<style nonce="${o.nonce}">
  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 16px; }
  ul { list-style: none; padding: 0; margin: 0; }
  .row { display: grid; grid-template-columns: 12em 8em 1fr; align-items: center; gap: 8px; width: 100%; padding: 4px 6px; margin: 2px 0; background: transparent; color: inherit; font: inherit; text-align: left; border: 1px solid transparent; border-radius: 3px; cursor: pointer; }
  .row:hover { background: var(--vscode-list-hoverBackground); }
  .row:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
  svg { width: 100%; height: 26px; }
  .age { fill: var(--vscode-charts-green); }
  .age.due-soon { fill: var(--vscode-charts-yellow); }
  .age.overdue { fill: var(--vscode-charts-orange); }
  .age.compromised { fill: var(--vscode-charts-red); }
  .bound { stroke: var(--vscode-foreground); stroke-width: 2; stroke-dasharray: 3 2; }
  .today { stroke: var(--vscode-descriptionForeground); stroke-width: 1; }
  .rotation { fill: var(--vscode-charts-blue); stroke: var(--vscode-editor-background); }
  .exposure { fill: var(--vscode-charts-red); stroke: var(--vscode-editor-background); }
  .state.overdue, .state.due-soon { color: var(--vscode-editorWarning-foreground); }
  .state.compromised { color: var(--vscode-editorError-foreground); }
  .legend, .axis { color: var(--vscode-descriptionForeground); margin: 8px 0; }
  .axis { display: flex; justify-content: space-between; margin-left: calc(20em + 16px); }
</style></head>
<body>
<h2>Rotation status</h2>
<p class="legend">Bar: age since the last rotation (colour = state) · dashed line: due date from the policy bound · circle: finished rotation · diamond: exposure or compromise · thin line: today. Enter on a row opens the secret in its policy.</p>
<div class="axis" aria-hidden="true"><span>${fmt(start)}</span><span>${fmt(end)}</span></div>
${rows.length ? `<ul>${body}</ul>` : '<p>No rotation policy in this workspace. Run "Rotation Guard: Create Policy from Findings".</p>'}
<script nonce="${o.nonce}">
  const vscode = acquireVsCodeApi();
  for (const b of document.querySelectorAll('button.row')) b.addEventListener('click', () => vscode.postMessage({ type: 'reveal', index: Number(b.dataset.index) }));
</script>
</body></html>`;
}
