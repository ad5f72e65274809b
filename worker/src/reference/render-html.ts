import type { OpenApiDocument } from '../../../contract/openapi.js';

/**
 * The API reference as plain HTML, rendered from the OpenAPI document on the server: no
 * script, no inline style (the API's CSP forbids both), every text escaped. Schemas become
 * field tables; a named schema links to its own table under "Schemas".
 */

type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  additionalProperties?: Schema | boolean;
  description?: string;
};
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: Schema; $ref?: string };
type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema: Schema }>; $ref?: string }>;
};

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (text: unknown) => String(text).replace(/[&<>"']/g, (ch) => escapes[ch]!);

const anchor = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
const refName = (ref: string) => decodeURIComponent(ref.slice(ref.lastIndexOf('/') + 1));
const schemaLink = (ref: string) => `<a href="#schema-${esc(anchor(refName(ref)))}"><code>${esc(refName(ref))}</code></a>`;

/** A one-line description of a schema's type; inline objects get a nested table. */
function typeOf(schema: Schema, depth: number): string {
  if (schema.$ref) return schemaLink(schema.$ref);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    const notNull = alternatives.filter((s) => s.type !== 'null');
    const parts = notNull.map((s) => typeOf(s, depth));
    return parts.join(' <em>or</em> ') + (notNull.length < alternatives.length ? ' <em>or</em> <code>null</code>' : '');
  }
  if (schema.const !== undefined) return `<code>${esc(JSON.stringify(schema.const))}</code>`;
  if (schema.enum) return `one of ${schema.enum.map((value) => `<code>${esc(JSON.stringify(value))}</code>`).join(', ')}`;
  if (schema.type === 'array') return `array of ${schema.items ? typeOf(schema.items, depth) : 'anything'}`;
  if (schema.type === 'object' || schema.properties) {
    if (schema.properties && depth < 4) return `object${fieldTable(schema, depth + 1)}`;
    if (schema.additionalProperties && typeof schema.additionalProperties === 'object') return `map of ${typeOf(schema.additionalProperties, depth)}`;
    return 'object';
  }
  const facts = ['format', 'pattern', 'minimum', 'maximum', 'minLength', 'maxLength', 'maxItems']
    .filter((key) => schema[key] !== undefined)
    .map((key) => `${key} ${esc(schema[key])}`);
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'any');
  return `<code>${esc(type)}</code>${facts.length ? ` <span class="note">(${facts.join(', ')})</span>` : ''}`;
}

function fieldTable(schema: Schema, depth = 0): string {
  const properties = Object.entries(schema.properties ?? {});
  if (properties.length === 0) return '';
  const required = new Set(schema.required ?? []);
  const rows = properties
    .map(([name, field]) => `<tr><td><code>${esc(name)}</code></td><td>${typeOf(field, depth)}</td><td>${required.has(name) ? 'yes' : 'no'}</td><td>${esc(field.description ?? '')}</td></tr>`)
    .join('');
  return `<table><thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Notes</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** A body or answer: a named schema links to its table; an inline one is shown as a table. */
function schemaBlock(schema: Schema): string {
  if (schema.$ref) return `<p>${schemaLink(schema.$ref)}</p>`;
  return schema.properties ? fieldTable(schema) : `<div>${typeOf(schema, 0)}</div>`;
}

function parameterTable(parameters: Parameter[], doc: OpenApiDocument): string {
  const shared = ((doc.components as { parameters?: Record<string, Parameter> } | undefined)?.parameters ?? {}) as Record<string, Parameter>;
  const resolved = parameters.map((p) => (p.$ref ? shared[refName(p.$ref)]! : p)).filter(Boolean);
  if (resolved.length === 0) return '';
  const rows = resolved
    .map((p) => `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td><td>${p.schema ? typeOf(p.schema, 0) : ''}${p.description ? `<br>${esc(p.description)}` : ''}</td></tr>`)
    .join('');
  return `<h4>Parameters</h4><table><thead><tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Required</th><th scope="col">Schema</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function operationSection(method: string, path: string, op: Operation, doc: OpenApiDocument): string {
  const organizer = (op.security ?? []).length > 0;
  const body = op.requestBody?.content['application/json']?.schema;
  const answers = Object.entries(op.responses)
    .filter(([, answer]) => !answer.$ref)
    .map(([status, answer]) => {
      const [mediaType, content] = Object.entries(answer.content ?? {})[0] ?? [];
      const shown = mediaType === 'application/json' && content ? schemaBlock(content.schema) : mediaType ? `<p><code>${esc(mediaType)}</code></p>` : '';
      return `<h5>${esc(status)} ${esc(answer.description ?? '')}</h5>${shown}`;
    })
    .join('');
  return `<section id="${esc(anchor(op.operationId))}" aria-labelledby="${esc(anchor(op.operationId))}-title">
<h3 id="${esc(anchor(op.operationId))}-title"><span class="method">${esc(method)}</span><code>${esc(path)}</code></h3>
<p>${esc(op.summary)}</p>${op.description ? `<p>${esc(op.description)}</p>` : ''}
<p class="auth">${organizer ? 'Needs the shop\u2019s API token (<code>Authorization: Bearer tsk_\u2026</code>) or a console session, of a role listed above.' : 'Public.'} Operation id <code>${esc(op.operationId)}</code>.</p>
${parameterTable(op.parameters ?? [], doc)}${body ? `<h4>Request body</h4>${schemaBlock(body)}` : ''}<h4>Responses</h4>${answers}<p class="note">Errors: the <a href="#errors">error envelope</a>.</p>
</section>`;
}

export function renderReferenceHtml(doc: OpenApiDocument, links: { stylesheet: string; document: string }): string {
  const info = doc.info as { title: string; version: string; description?: string };
  const byTag = new Map<string, string[]>();
  const nav = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods) as [string, Operation][]) {
      const tag = op.tags[0] ?? 'Other';
      (byTag.get(tag) ?? byTag.set(tag, []).get(tag)!).push(operationSection(method, path, op, doc));
      (nav.get(tag) ?? nav.set(tag, []).get(tag)!).push(`<li><a href="#${esc(anchor(op.operationId))}">${esc(method.toUpperCase())} ${esc(path)}</a></li>`);
    }
  }
  const schemas = ((doc.components as { schemas?: Record<string, Schema> }).schemas ?? {}) as Record<string, Schema>;
  const schemaSections = Object.entries(schemas)
    .map(([name, schema]) => `<section id="schema-${esc(anchor(name))}"><h3><code>${esc(name)}</code></h3>${schema.properties ? fieldTable(schema) : `<div>${typeOf(schema, 0)}</div>`}</section>`)
    .join('\n');
  const codes = (doc['x-error-codes'] ?? []) as { code: string; status: number; audience: string; description: string }[];
  const audiences: Record<string, string> = { buyer: 'storefront', organizer: 'organizer', any: 'both', reseller: 'storefront, reseller token', wallet: 'Apple Wallet web service' };
  const codeTable = codes.length
    ? `<table><thead><tr><th>code</th><th>status</th><th>API</th><th>meaning</th></tr></thead><tbody>${codes
        .map((c) => `<tr id="error-${esc(anchor(c.code))}"><td><code>${esc(c.code)}</code></td><td>${esc(c.status)}</td><td>${esc(audiences[c.audience] ?? c.audience)}</td><td>${esc(c.description)}</td></tr>`)
        .join('')}</tbody></table>`
    : '';
  const webhooks = Object.entries((doc.webhooks ?? {}) as Record<string, { post: Operation }>)
    .map(([event, item]) => `<section id="webhook-${esc(anchor(event))}"><h3><code>${esc(event)}</code></h3><p>${esc(item.post.summary)}</p>${schemaBlock(item.post.requestBody!.content['application/json']!.schema)}</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(info.title)} reference</title>
<link rel="stylesheet" href="${esc(links.stylesheet)}">
</head>
<body>
<div class="layout">
<nav aria-label="Operations">
<p><a href="#conventions">Conventions</a></p>
${[...nav].map(([tag, items]) => `<p><a href="#tag-${esc(anchor(tag))}">${esc(tag)}</a></p><ul>${items.join('')}</ul>`).join('\n')}
<p><a href="#schemas">Schemas</a></p>
</nav>
<main>
<h1>${esc(info.title)} <span class="note">v${esc(info.version)}</span></h1>
<p>${esc(info.description ?? '')}</p>
<p>Machine-readable: <a href="${esc(links.document)}">OpenAPI 3.1 document</a>.</p>
<section id="conventions"><h2>Conventions</h2>
<ul>
<li>Organizer operations need a shop\u2019s API token: <code>Authorization: Bearer tsk_\u2026</code> (or the console\u2019s session cookie), and a role allowed to call them (each operation lists its roles). Storefront operations are public; a hold id or an order secret is the caller\u2019s capability.</li>
<li>Every state-changing request accepts an <code>Idempotency-Key</code> header: a retry with the same key and body replays the first answer.</li>
<li>Amounts are integer minor units (centimes); instants are ISO 8601 in UTC.</li>
</ul>
<h3 id="errors">Error envelope</h3>
<p>Every error answers with its HTTP status and this body; <code>error.code</code> is stable and machine-readable.</p>
${schemaBlock(codes.length ? envelopeWithCodeLink(schemas.ErrorEnvelope ?? {}) : (schemas.ErrorEnvelope ?? {}))}
${codeTable ? `<h3 id="error-codes">Error codes</h3>\n${codeTable}` : ''}
</section>
${[...byTag].map(([tag, sections]) => `<h2 id="tag-${esc(anchor(tag))}">${esc(tag)}</h2>\n${sections.join('\n')}`).join('\n')}
${webhooks ? `<h2 id="webhooks">Webhooks</h2>\n${webhooks}` : ''}
<h2 id="schemas">Schemas</h2>
${schemaSections}
</main>
</div>
</body>
</html>
`;
}

/** The envelope as the page shows it when the codes have their own table: `code` points there instead of listing 130 names. */
function envelopeWithCodeLink(envelope: Schema): Schema {
  const error = envelope.properties?.error;
  if (!error?.properties?.code) return envelope;
  const code: Schema = { type: 'string', description: 'One of the error codes listed below.' };
  return { ...envelope, properties: { ...envelope.properties, error: { ...error, properties: { ...error.properties, code } } } };
}
