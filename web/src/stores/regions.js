// The caller's region scope subtree (GET /regions), loaded once per session, as a flat
// map and as a tree built from parent_code for the tree selects.
import { defineStore } from 'pinia';
import { regionApi } from '@/api';

export function buildRegionTree(items) {
  const byCode = new Map();
  for (const r of items) byCode.set(r.code, { ...r, value: r.code, label: r.name, children: [] });
  const roots = [];
  for (const node of byCode.values()) {
    const parent = node.parent_code ? byCode.get(node.parent_code) : null;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list) => {
    list.sort((a, b) => String(a.code).localeCompare(String(b.code)));
    for (const n of list) {
      if (n.children.length) sort(n.children);
      else delete n.children;
    }
  };
  sort(roots);
  return roots;
}

export const useRegionStore = defineStore('regions', {
  state: () => ({ items: [], tree: [], loaded: false, loading: null }),
  getters: {
    byCode: (s) => new Map(s.items.map((r) => [r.code, r])),
  },
  actions: {
    async load(force = false) {
      if (this.loaded && !force) return this.items;
      if (this.loading) return this.loading;
      this.loading = regionApi.list().then((data) => {
        this.items = (data && data.items) || [];
        this.tree = buildRegionTree(this.items);
        this.loaded = true;
        return this.items;
      }).finally(() => { this.loading = null; });
      return this.loading;
    },
    nameOf(code) {
      const r = this.byCode.get(code);
      return r ? r.name : code || '';
    },
    reset() {
      this.items = [];
      this.tree = [];
      this.loaded = false;
    },
  },
});
