"""The report's one style sheet: system fonts only (nothing fetched), a phone layout below
620 px, and a print layout that puts the pictures on one page and the tables on the next."""

from __future__ import annotations

CSS = """
:root{--ink:#1f2933;--muted:#5f6b7a;--line:#d5dbe3;--band:#2563eb;--alt:#0f766e;--offer:#c2410c;
--level:#6d28d9;--dist:#e3e8ef;--dist-mid:#c3ccd9;--paper:#fff;--soft:#f5f7fa}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--soft);color:var(--ink);
font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header,main,footer{max-width:840px;margin:0 auto;padding:0 20px}
header{padding-top:28px}
.kicker{margin:0;color:var(--muted);text-transform:uppercase;letter-spacing:.08em;font-size:12px;
font-weight:600}
h1{margin:4px 0 2px;font-size:26px;line-height:1.2}
h2{margin:0 0 8px;font-size:17px}
.profile{margin:0 0 12px;color:var(--muted)}
.headline{margin:0 0 6px;display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 14px}
.big{font-size:30px;font-weight:700;color:var(--band);font-variant-numeric:tabular-nums}
.sub{color:var(--muted)}
.offer-note{margin:6px 0 0;padding:8px 12px;border-left:4px solid var(--offer);background:#fff7ed}
figure{margin:18px 0 0;padding:16px 18px 12px;background:var(--paper);border:1px solid var(--line);
border-radius:10px}
figcaption{margin-top:8px;color:var(--muted);font-size:13.5px}
svg{display:block;width:100%;height:auto;overflow:visible}
.narrow{display:none}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:0 16px}
.pair figure{min-width:0}
.legend{list-style:none;margin:8px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:2px 16px;font-size:13px;
color:var(--muted)}
.key{display:inline-block;width:18px;height:10px;margin-right:5px;vertical-align:0;border-radius:2px}
.key.dist{background:linear-gradient(90deg,var(--dist) 0 30%,var(--dist-mid) 30% 70%,var(--dist) 70%)}
.key.band,.key.measured{background:var(--band)}
.key.point{width:10px;height:10px;background:#0b1f3a;transform:rotate(45deg);border-radius:0}
.key.level{width:0;height:0;border-left:6px solid transparent;border-right:6px solid transparent;
border-bottom:10px solid var(--level);border-radius:0}
.key.offer{width:3px;height:14px;background:var(--offer);vertical-align:-2px}
.key.line-mid{height:3px;background:var(--band);vertical-align:3px}
.key.band-area{background:#dbe7fd}
.key.dash{height:0;border-top:2px dashed var(--level);vertical-align:3px;border-radius:0}
.key.ring{width:11px;height:11px;border:2.5px solid var(--level);border-radius:50%;background:#fff}
.key.fallback{background:repeating-linear-gradient(45deg,#fde68a 0 3px,#b45309 3px 4.5px)}
.key.assumed{background:radial-gradient(circle,#7e22ce 1.2px,#f3e8ff 1.4px) 0 0/5px 5px;
outline:1px dashed #7e22ce}
.key.baseline{background:#94a3b8;width:4px}
text{font-family:inherit;font-size:13px;fill:var(--ink)}
.lbl{paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}
.lbl.small,.axis{font-size:11.5px}
.axis{fill:var(--muted)}
.strong{font-weight:700}
.dist{fill:var(--dist)}.dist-mid{fill:var(--dist-mid)}
.tick{stroke:#64748b;stroke-width:1.5}
.band{fill:var(--band)}.alt{fill:var(--alt)}
.point{fill:#0b1f3a;stroke:#fff;stroke-width:2}
.mid{fill:#fff;stroke:#0b1f3a;stroke-width:2.5}
.offer{stroke:var(--offer);stroke-width:2.5;stroke-dasharray:6 3}
.offer-lbl{fill:var(--offer);font-weight:700}
.level{fill:var(--level)}.level-line{stroke:#c4b5fd;stroke-width:1.5}
.level-lbl{fill:var(--level)}
.level-dash{stroke:var(--level);stroke-width:1.2;stroke-dasharray:5 4;opacity:.7}
.grid{stroke:#edf0f4;stroke-width:1}.axis-line{stroke:#94a3b8;stroke-width:1}
.path-area{fill:#dbe7fd;stroke:none}
.path-edge{fill:none;stroke:#7ea6f0;stroke-width:1.5}
.path-mid{fill:none;stroke:var(--band);stroke-width:3;stroke-linejoin:round}
.crossing{fill:#fff;stroke:var(--level);stroke-width:2.5}
.factor.measured{fill:var(--band)}.factor.baseline{fill:#94a3b8}
.factor.fallback{stroke:#b45309;stroke-width:1}.factor.assumed{stroke:#7e22ce;stroke-width:1;
stroke-dasharray:3 2}
.fallback-bg{fill:#fde68a}.fallback-line{stroke:#b45309;stroke-width:2}
.assumed-bg{fill:#f3e8ff}.assumed-dot{fill:#7e22ce}
.one{stroke:var(--ink);stroke-width:1;stroke-dasharray:2 2}
.tables{margin-top:26px}
table{width:100%;border-collapse:collapse;margin:0 0 18px;background:var(--paper);font-size:13.5px;
border:1px solid var(--line)}
caption{text-align:left;font-weight:700;padding:0 0 6px;font-size:14.5px}
th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.muted{color:var(--muted)}
.note{margin:-12px 0 18px;font-size:13px;color:var(--muted)}
a{color:#1d4ed8;overflow-wrap:anywhere}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;background:#eef1f5;
padding:1px 4px;border-radius:4px;overflow-wrap:anywhere}
footer{margin-top:8px;padding-bottom:32px;font-size:13px;color:var(--muted)}
.sources{padding-left:18px;margin:0 0 8px}
.sources li{margin:2px 0;overflow-wrap:anywhere}
@media (max-width:620px){
header,main,footer{padding:0 12px}header{padding-top:18px}
h1{font-size:21px}.big{font-size:24px}
figure{padding:12px 10px 10px}
.wide{display:none}.narrow{display:block}
.pair{display:block}
table,thead,tbody,tr,td,caption{display:block;width:100%}
thead{position:absolute;left:-9999px}
tr{border-bottom:1px solid var(--line);padding:4px 0}
td{border:0;padding:2px 8px;text-align:left;white-space:normal}
td[data-label]:not([data-label=""])::before{content:attr(data-label) ": ";font-weight:600;
color:var(--muted)}
td.num{text-align:left}
td:empty{display:none}
caption{padding:6px 8px 2px}
tbody tr:first-child{padding-top:2px}
}
@media print{
@page{margin:8mm}
body{background:#fff;font-size:8.5pt}
header,main,footer{max-width:none;padding:0}
header{padding-top:0}h1{font-size:15pt;margin:0}.big{font-size:16pt}.profile{margin-bottom:4px}
h2{font-size:10.5pt;margin-bottom:4px}
.offer-note{padding:3px 8px;margin-top:2px}
.pictures{display:grid;grid-template-columns:1fr 1fr;gap:6px 8px}
.pair{display:contents}
.band-fig{grid-column:1 / -1}
figure{margin:0;padding:6px 8px 4px;break-inside:avoid;border-radius:0}
.band-fig .wide{display:block}.band-fig .narrow{display:none}
figure:not(.band-fig) .wide{display:none}figure:not(.band-fig) .narrow{display:block}
figcaption,.legend{font-size:7pt;margin-top:2px;line-height:1.25}
figure:not(.band-fig) svg{max-height:50mm}
.tables h2{display:none}
.tables{break-before:page;margin-top:0;display:grid;grid-template-columns:1fr 1fr;gap:0 10px;
grid-template-areas:"est path" "lev path" "fac fac" "ref ref"}
.t-est{grid-area:est}.t-lev{grid-area:lev}.t-path{grid-area:path}
.t-fac{grid-area:fac}.t-ref{grid-area:ref}
table{font-size:7pt;line-height:1.25;margin-bottom:5px;break-inside:avoid}th,td{padding:1px 4px}
caption{font-size:8.5pt;padding-bottom:2px}
.note{margin:-4px 0 5px;font-size:7pt}
footer{font-size:6.5pt;line-height:1.25;margin-top:0;padding:0}footer h2{font-size:8.5pt;margin:0 0 2px}
.sources{columns:2;column-gap:14px;margin:0 0 3px;padding-left:12px}.sources li{margin:0;break-inside:avoid}
footer p{margin:2px 0}
code{font-size:7pt}
a{color:inherit;text-decoration:none}
}
"""
