// The checklist document (docs/framework-format.md) as the visit page walks it: sections by
// level-1 indicator, the leaves to answer, and the same "failed" rule core/framework applies,
// so the page can ask for the note or photo a failed item needs before the server says so.

// [{node (level 1), groups: [{node|null (level 2 group), leaves: [...]}]}]
export function sections(doc) {
  const out = [];
  for (const cat of (doc && doc.indicators) || []) {
    const groups = [];
    if (!cat.children || !cat.children.length) groups.push({ node: null, leaves: [cat] });
    else {
      let loose = null;
      for (const c of cat.children) {
        if (c.children && c.children.length) groups.push({ node: c, leaves: flat(c.children) });
        else {
          if (!loose) { loose = { node: null, leaves: [] }; groups.push(loose); }
          loose.leaves.push(c);
        }
      }
    }
    out.push({ node: cat, groups, isLeaf: !cat.children || !cat.children.length });
  }
  return out;
}

function flat(nodes) {
  return nodes.flatMap((n) => (n.children && n.children.length ? flat(n.children) : [n]));
}

export function leaves(doc) {
  return sections(doc).flatMap((s) => s.groups.flatMap((g) => g.leaves));
}

function meets(op, x, v) {
  switch (op) {
    case '<': return x < v;
    case '<=': return x <= v;
    case '>=': return x >= v;
    case '>': return x > v;
    case '=': return x === v;
    default: return true;
  }
}

export function isAnswered(a) {
  return !!a && (a.na === true || (a.value !== undefined && a.value !== null && a.value !== ''));
}

export function isFailed(node, a) {
  if (!a || a.na || a.value === undefined || a.value === null) return false;
  switch (node.kind) {
    case 'pass_fail': return a.value === false;
    case 'rating': return !!(node.levels || []).find((l) => l.value === a.value && l.is_fail);
    case 'choice': return !!(node.choices || []).find((c) => c.value === a.value && c.is_fail);
    case 'number': return !!node.threshold && !meets(node.threshold.op, Number(a.value), node.threshold.value);
    case 'score': return node.max_score > 0 && Number(a.value) < 0.6 * node.max_score;
    default: return false;
  }
}
