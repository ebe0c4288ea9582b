/*
 * dot-cd.c: `.cd [DIR]`, change the working folder (for file:// paths,
 * .source and host commands). DIR may start with ~; no DIR means $HOME.
 */
#include "hs-common.h"
#include "commands-int.h"

#include <errno.h>
#include <unistd.h>

/* Expand a leading "~" or "~/" to $HOME (caller frees). */
char *
hs_expand_home(const char *dir)
{
	const char *home = getenv("HOME");

	if (home == NULL || *home == '\0' || dir[0] != '~' ||
	    (dir[1] != '\0' && dir[1] != '/'))
		return hs_xstrdup(dir);
	return hs_xasprintf("%s%s", home, dir + 1);
}

/* Change the working folder. */
static int
cd_exec(struct hs_ctx *ctx)
{
	char *dir = hs_expand_home(ctx->args.npos ? ctx->args.pos[0] : "~");
	int rc = 0;

	if (chdir(dir) < 0)
		rc = hs_ctx_fail(ctx, HS_EXIT_GENERAL, HS_ERR_FILE,
		    "cannot change to folder '%s': %s", dir, strerror(errno));
	free(dir);
	return rc;
}

const struct hs_cmd hs_cmd_dot_cd = {
	.name = ".cd",
	.args = { .min = 0, .max = 1 },
	.usage = "[DIR]",
	.summary = "change the working folder (default: your home)",
	.exec = cd_exec,
};
