/* cli_balance: `dudao balance eval [--csv FILE] [--year Y] [--json] [--region CODE] [--db URL]
 * [--timing]`: runs the balance evaluation from the database or from a CSV file and prints
 * the county verdicts, so the computation can be checked without the web app.
 *
 * The CSV interchange format (docs/balance.md): UTF-8 (or GB18030), one row per school section
 * already split, header school_code,school_name,county_code,section,students,teachers,
 * teachers_above_degree,teachers_mid_title,backbone_teachers,pe_art_teachers,room_area,
 * sports_area,equipment_value,multimedia_rooms,computers,books (section primary|junior; areas
 * m², equipment yuan, the rest counts; extra columns are allowed and ignored).
 * Exit status 0 when it ran (whatever the verdicts), 1 on a bad file or database, 2 on usage. */
#ifndef DUDAO_CLI_BALANCE_H
#define DUDAO_CLI_BALANCE_H

#include <stddef.h>

#include "core/balance/balance.h"
#include "util/arena.h"
#include "util/err.h"

/* Reads a CSV in the interchange format at path into school sections (arena), in file order.
 * ERR_INVALID naming the column or row. Also the balance CSV fuzz harness's entry. */
err_t *cli_balance_read_csv(arena_t *a, const char *path, balance_unit_t **units, size_t *n);

/* argv[0] is the word after "balance". */
int cli_balance_main(int argc, char **argv);

#endif
