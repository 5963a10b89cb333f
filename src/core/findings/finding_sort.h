/* finding_sort: the 问题台账's sort keys, listed once. The store builds ORDER BY from the key's
 * index (store/findings/finding_store.c); the api validates the `sort` query parameter and
 * documents it from the same list. A sort value is a key, or '-' and a key for descending.
 * Pure; thread-safe. */
#ifndef DUDAO_FINDING_SORT_H
#define DUDAO_FINDING_SORT_H

/* X(key) for every key, S between two keys (an X-list, so the names and the doc text below
 * come from one place). */
#define FINDING_SORT_KEYS(X, S)                                                                                        \
    X(deadline) S X(created_at)                                                                                        \
    S X(severity)                                                                                                      \
    S X(state)                                                                                                         \
    S X(school)                                                                                                        \
    S X(id)

#define FINDING_SORT_ENUM_(k) FSORT_##k,
#define FINDING_SORT_NAME_(k) #k
typedef enum finding_sort { FINDING_SORT_KEYS(FINDING_SORT_ENUM_, ) FSORT__COUNT } finding_sort_t;

/* "deadline | created_at | ... | id", for the route table's parameter text. */
#define FINDING_SORT_DOC FINDING_SORT_KEYS(FINDING_SORT_NAME_, " | ")

/* The key of a sort value ("-deadline" → FSORT_deadline, *is_desc true); -1 when it names no key
 * (NULL or "" included). is_desc may be NULL. */
int finding_sort_parse(const char *sort, int *is_desc);
const char *finding_sort_name(finding_sort_t k);

#endif
