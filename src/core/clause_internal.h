/* clause_internal.h - the clause parser's tests of a heading's shape, for
 * the unit tests. Private to src/core.
 */
#ifndef NORMDIFF_CLAUSE_INTERNAL_H
#define NORMDIFF_CLAUSE_INTERNAL_H

#include <stddef.h>

/* Does s[0..len) read as a heading of at most about `max` words (with
 * `stop`, one final full stop allowed)? Its length without that stop, 0
 * if not (clause.c: heading_shape). */
size_t nd_clause_heading_shape(const char *s, size_t len, unsigned max,
                               int stop);

/* The run-in title at the start of an item's text ("Grant of License.
 * Licensor grants ..."): its length without the full stop, 0 if there is
 * none (clause.c: run_in_heading). */
size_t nd_clause_run_in_heading(const char *s, size_t len, unsigned max);

#endif
