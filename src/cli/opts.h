/* opts.h - per-command option parsing over getopt_long, with normdiff's own
 * one-line error messages instead of getopt's. */
#ifndef NORMDIFF_CLI_OPTS_H
#define NORMDIFF_CLI_OPTS_H

#include <getopt.h>
#include <stddef.h>

/* Like getopt_long on (argc, argv) where argv[0] is the command name;
 * returns the option, -1 at the end, or '?' after printing an error. */
int cli_getopt(int argc, char **argv, const char *shortopts,
               const struct option *longopts);

/* How many single-character edits (insert, delete, replace, or swap two
 * neighbours) turn a into b, up to 9: how near a mistyped name is. */
size_t cli_edits(const char *a, const char *b);

/* Parse a non-negative number option; -1 after printing an error. */
long cli_number(const char *opt, const char *value, long max);

#endif
