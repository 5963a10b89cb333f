/* cli: the `dudao` command line: serve, migrate, demo, region add, user add|passwd|disable,
 * audit verify, backup, help. Every command takes --db URL and --data DIR (or DUDAO_DB,
 * DUDAO_DATA); exit status 0 on success, 1 on a failed operation, 2 on bad usage. */
#ifndef DUDAO_CLI_H
#define DUDAO_CLI_H

int cli_main(int argc, char **argv);

#endif
