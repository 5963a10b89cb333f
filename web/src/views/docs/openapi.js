// Reading an OpenAPI 3 document: operations grouped by tag, $ref resolved.
export const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

export function resolveRef(doc, obj, seen = new Set()) {
  let cur = obj;
  while (cur && typeof cur === 'object' && typeof cur.$ref === 'string') {
    if (seen.has(cur.$ref)) return { ...cur, _cycle: true };
    seen.add(cur.$ref);
    if (!cur.$ref.startsWith('#/')) return cur;
    let target = doc;
    for (const part of cur.$ref.slice(2).split('/')) {
      const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
      target = target && target[key];
    }
    if (!target) return cur;
    cur = { ...target, _ref: cur.$ref.split('/').pop() };
  }
  return cur;
}

export function refName(schema) {
  if (!schema) return '';
  if (schema.$ref) return schema.$ref.split('/').pop();
  return schema._ref || '';
}

// A short type text: "string(date-time)", "array<User>", "integer | null", "object".
export function typeText(doc, schema) {
  if (!schema) return '';
  if (schema.$ref) return refName(schema);
  const s = schema;
  if (s.oneOf || s.anyOf) return (s.oneOf || s.anyOf).map((x) => typeText(doc, x)).join(' | ');
  if (s.allOf) return s.allOf.map((x) => typeText(doc, x)).join(' & ');
  let type = Array.isArray(s.type) ? s.type.join(' | ') : s.type || (s.properties ? 'object' : '');
  if (type === 'array' || (Array.isArray(s.type) && s.type.includes('array'))) {
    type = type.replace('array', `array<${typeText(doc, s.items) || 'any'}>`);
  }
  if (s.format) type += `(${s.format})`;
  if (s.nullable) type += ' | null';
  return type || 'any';
}

export function operations(doc) {
  const ops = [];
  for (const [path, itemRaw] of Object.entries(doc.paths || {})) {
    const item = resolveRef(doc, itemRaw) || {};
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = [...(item.parameters || []), ...(op.parameters || [])].map((p) => resolveRef(doc, p));
      ops.push({
        id: `${method} ${path}`,
        method,
        path,
        summary: op.summary || '',
        description: op.description || '',
        tags: op.tags && op.tags.length ? op.tags : [],
        operationId: op.operationId || '',
        parameters: params,
        requestBody: op.requestBody ? resolveRef(doc, op.requestBody) : null,
        responses: op.responses || {},
        security: op.security !== undefined ? op.security : doc.security,
        roles: op['x-roles'] || op['x-role'] || null,
        deprecated: !!op.deprecated,
      });
    }
  }
  return ops;
}

// [{name, description, ops}] in the document's tag order, then the rest alphabetically.
export function groupByTag(doc, ops, untagged) {
  const groups = new Map();
  for (const t of doc.tags || []) groups.set(t.name, { name: t.name, description: t.description || '', ops: [] });
  for (const op of ops) {
    const tag = op.tags[0] || untagged;
    if (!groups.has(tag)) groups.set(tag, { name: tag, description: '', ops: [] });
    groups.get(tag).ops.push(op);
  }
  return [...groups.values()].filter((g) => g.ops.length);
}

export function jsonContent(content) {
  if (!content) return null;
  const type = Object.keys(content).find((k) => k.includes('json')) || Object.keys(content)[0];
  return type ? { type, ...content[type] } : null;
}
