/*
 * dot-exit.c: `.exit [STATUS]` and `.quit [STATUS]` (also `exit`, `quit`):
 * leave the REPL, or stop a runbook.
 *
 * Without STATUS the REPL exits with the last command's status and a
 * runbook with its own result (0, or the first failure's status).
 */
#include "hs-common.h"
#include "commands.h"

#include <errno.h>

/* Ask the shell to stop after this command. */
static int
exit_exec(struct hs_ctx *ctx)
{
	struct hs_session *s = ctx->session;

	if (ctx->args.npos == 1) {
		const char *w = ctx->args.pos[0];
		char *end;
		long v;

		errno = 0;
		v = strtol(w, &end, 10);
		if (errno != 0 || end == w || *end != '\0' || v < 0 || v > 255)
			return hs_ctx_fail(ctx, HS_EXIT_USAGE, HS_ERR_USAGE,
			    "invalid exit status '%s': use a number from 0 to "
			    "255", w);
		s->exit_status = (int)v;
	}
	s->exit_requested = true;
	return 0;
}

const struct hs_cmd hs_cmd_dot_exit = {
	.name = ".exit",
	.alias = "exit",
	.args = { .min = 0, .max = 1 },
	.usage = "[STATUS]",
	.summary = "leave the shell (or stop the runbook)",
	.flags = HS_CMD_NO_HISTORY,
	.exec = exit_exec,
};

const struct hs_cmd hs_cmd_dot_quit = {
	.name = ".quit",
	.alias = "quit",
	.args = { .min = 0, .max = 1 },
	.usage = "[STATUS]",
	.summary = "leave the shell (same as .exit)",
	.flags = HS_CMD_NO_HISTORY,
	.exec = exit_exec,
};
