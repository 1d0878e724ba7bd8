/* cache.c - the change set of two loaded versions, for commands that
 * compare many (history, synopsis). Today it computes; the store's cache
 * of alignments plugs in here.
 */
#include "cli.h"

int cli_changeset(cli *c, const cli_side *old, const cli_side *new,
                  const nd_align_opts *ao, nd_progress_fn progress, void *ud,
                  nd_changeset **out)
{
	(void)c;
	if (nd_changeset_compute(out, old->doc, new->doc, ao, progress, ud))
		return cli_fail_lib(new->spec);
	return 0;
}
