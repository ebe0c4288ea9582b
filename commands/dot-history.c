/*
 * dot-history.c: `.history [N]`, the last N commands of the history
 * (all without N), numbered, secrets already replaced by ***.
 */
#include "hs-common.h"
#include "commands.h"

#include <errno.h>

/* Print the last N history entries. */
static int
history_exec(struct hs_ctx *ctx)
{
	const struct hs_strlist *h = &ctx->session->history;
	size_t first = 0, i;

	if (ctx->args.npos == 1) {
		const char *w = ctx->args.pos[0];
		char *end;
		long n;

		errno = 0;
		n = strtol(w, &end, 10);
		if (errno != 0 || end == w || *end != '\0' || n <= 0)
			return hs_ctx_fail(ctx, HS_EXIT_USAGE, HS_ERR_USAGE,
			    "invalid count '%s': use a number above 0", w);
		if ((size_t)n < h->n)
			first = h->n - (size_t)n;
	}
	for (i = first; i < h->n; i++)
		fprintf(ctx->out, "%5zu  %s\n", i + 1, h->v[i]);
	return 0;
}

const struct hs_cmd hs_cmd_dot_history = {
	.name = ".history",
	.args = { .min = 0, .max = 1 },
	.usage = "[N]",
	.summary = "list the last N commands (secrets shown as ***)",
	.flags = HS_CMD_NO_HISTORY,
	.exec = history_exec,
};
