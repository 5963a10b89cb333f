/* doc_no: the 文号 of an official document, written one way for every kind:
 *   "德督改〔2026〕3号" = the county's first character + the kind's word ("督改" 整改通知书,
 *   "督办" 督办单, "督通" 通报, "督" a task's notice) + 〔year〕 + the sequence + "号".
 * The sequence itself comes from the database (store/platform/doc_counter_store); this module
 * only writes the text. Pure functions; thread-safe. */
#ifndef DUDAO_CORE_DOC_NO_H
#define DUDAO_CORE_DOC_NO_H

#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"

/* The text after the number ("号"), for a statement that numbers a batch in SQL. */
extern const char DOC_NO_TAIL[];

/* The issuing office's short name: the first character (UTF-8) of county_name + word
 * ("德清县", "督改" → "德督改"). Returns the bytes written (truncated to n - 1). */
size_t doc_no_prefix(char *out, size_t n, const char *county_name, const char *word);
/* prefix + "〔year〕", the part before the number. Returns the bytes written (truncated). */
size_t doc_no_head(char *out, size_t n, const char *prefix, int year);
/* prefix + "〔year〕" + seq + "号". Returns the bytes written (truncated to n - 1). */
size_t doc_no_format(char *out, size_t n, const char *prefix, int year, int64_t seq);
/* With the office's 机关代字 (a per-office setting, e.g. "德教督"): the 代字 replaces the
 * county character + "督" of the word ("德教督" + "督改" → "德教督改", + "督" → "德教督"); a word
 * not starting with 督 is appended whole. An empty or NULL agency_code is doc_no_prefix. */
size_t doc_no_prefix_agency(char *out, size_t n, const char *agency_code, const char *county_name, const char *word);
/* doc_no_prefix_agency + doc_no_format, arena-owned. */
const char *doc_no_text_agency(arena_t *a, const char *agency_code, const char *county_name, const char *word, int year,
                               int64_t seq);
/* Is code a usable 机关代字: 1–8 characters of CJK or ASCII letters, ending in 督? */
int doc_no_agency_code_ok(const char *code);
/* doc_no_prefix + doc_no_format in one, arena-owned: "德督改〔2031〕7号". */
const char *doc_no_text(arena_t *a, const char *county_name, const char *word, int year, int64_t seq);

#endif
