-- A stratified 双随机 draw (issue 15): the school pool split by risk class (重点难点 / 存在问题 /
-- 落实到位, core/draws), a share drawn from each (e.g. all 重点难点, half of 存在问题, a fifth of
-- 落实到位). strata is JSON {"key": p, "issues": p, "ok": p} (0 … 100 each), instead of one
-- share_percent or n_targets; the classes are frozen in the snapshot at the commit.
ALTER TABLE draw_plan ADD COLUMN strata TEXT;
