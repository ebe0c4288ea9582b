/*
 * dot-set.c: `.set NAME=VALUE ...`, set shell variables for $NAME.
 *
 * The assignments are checked first and applied only if all are valid,
 * so a typo does not leave half of them set.
 */
#include "hs-common.h"
#include "commands.h"

/* Set each NAME=VALUE. */
static int
set_exec(struct hs_ctx *ctx)
{
	struct hs_vars scratch = HS_VARS_INIT;
	char *cause = NULL;
	size_t i;

	for (i = 0; i < ctx->args.npos; i++)
		if (hs_vars_assign(&scratch, ctx->args.pos[i], &cause) < 0) {
			hs_vars_clear(&scratch);
			hs_ctx_fail(ctx, HS_EXIT_USAGE, HS_ERR_USAGE,
			    "%s\nusage: .set NAME=VALUE ...", cause);
			free(cause);
			return HS_EXIT_USAGE;
		}
	for (i = 0; i < scratch.n; i++)
		hs_vars_set(&ctx->session->vars, scratch.v[i].name,
		    scratch.v[i].value);
	hs_vars_clear(&scratch);
	return 0;
}

const struct hs_cmd hs_cmd_dot_set = {
	.name = ".set",
	.args = { .min = 1, .max = -1 },
	.usage = "NAME=VALUE ...",
	.summary = "set shell variables, used as $NAME or ${NAME}",
	.exec = set_exec,
};
