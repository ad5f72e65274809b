/**
 * The reference page's stylesheet, served by a route of the app: the API's Content-Security-
 * Policy allows no inline style and no third-party origin, and Workers have no files to read.
 */
export const referenceCss = `:root { color-scheme: light dark; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --code: #f3f4f6; --accent: #0969da; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9da7b3; --line: #30363d; --code: #161b22; --accent: #58a6ff; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); }
.layout { display: grid; grid-template-columns: 19rem 1fr; max-width: 80rem; margin: 0 auto; }
nav { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow: auto; padding: 1.5rem 1rem; border-right: 1px solid var(--line); font-size: 0.9rem; }
nav ul { list-style: none; margin: 0 0 1rem; padding: 0; font-size: 0.8rem; }
nav li { overflow-wrap: anywhere; margin-bottom: 0.2rem; }
main { padding: 1.5rem 2rem; min-width: 0; }
a { color: var(--accent); }
a:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
h1 { margin-top: 0; }
h2 { border-bottom: 1px solid var(--line); padding-bottom: 0.25rem; margin-top: 2.5rem; }
h3 { margin: 2rem 0 0.25rem; font-size: 1.05rem; overflow-wrap: anywhere; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.875em; }
pre { background: var(--code); padding: 0.75rem; overflow: auto; }
.method { display: inline-block; min-width: 4.5em; padding: 0 0.4em; margin-right: 0.5em; border: 1px solid currentColor; border-radius: 4px; text-align: center; text-transform: uppercase; font-weight: 600; }
.auth { color: var(--muted); font-size: 0.9rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.9rem; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: var(--code); }
td table { margin: 0.25rem 0 0; }
.note { color: var(--muted); }
@media (max-width: 50rem) { .layout { display: block; } nav { position: static; max-height: none; border-right: 0; border-bottom: 1px solid var(--line); } main { padding: 1rem; } }
`;
