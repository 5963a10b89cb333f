/* embedded: text files compiled into the binary by scripts/embed.sh (migrations). */
#ifndef DUDAO_EMBEDDED_H
#define DUDAO_EMBEDDED_H

typedef struct embedded_file {
    const char *name; /* file name, e.g. "001_foundation.sql"; NULL ends the array */
    const char *text;
} embedded_file_t;

/* The migrations in version order (src/store/migrations/NNN_name.sql). */
extern const embedded_file_t migration_files[];
/* The balance standards documents (the JSON files in standards/balance/), in file-name order. */
extern const embedded_file_t balance_standard_files[];

/* The files of the demo/ folder (JSON, CSV, the sample PDF), in file-name order; svc/demo loads them. */
extern const embedded_file_t demo_files[];

#endif
