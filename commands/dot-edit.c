/*
 * dot-edit.c: `.edit [FILE]`, this session's commands in $VISUAL or
 * $EDITOR (vi by default), to save as a runbook.
 *
 * With FILE the commands are written there first (never over an existing
 * file) and the editor opens it, so what you save is the runbook. Without
 * FILE they go to a private temporary file that is removed after the
 * editor exits. Entries come from the history, so secrets are already
 * ***; commands marked HS_CMD_NO_HISTORY (.history, .vars, .exit...) are
 * left out.
 */
#include "hs-common.h"
#include "commands.h"

#include <errno.h>
#include <unistd.h>

/* Tell whether a history entry is worth keeping in a runbook. */
static bool
keep_entry(const struct hs_session *s, const char *entry)
{
	size_t len = strcspn(entry, " \t\n");
	char *word = hs_xstrndup(entry, len);
	const struct hs_cmd *cmd;
	bool keep = true;

	if (hs_cmd_lookup(s->table, word, &cmd, NULL) == HS_LOOKUP_FOUND)
		keep = !(cmd->flags & HS_CMD_NO_HISTORY) &&
		    strcmp(cmd->name, ".edit") != 0;
	free(word);
	return keep;
}

/* The runbook text: a header, then the session's commands. */
static char *
session_runbook(const struct hs_session *s)
{
	struct hs_buf b = HS_BUF_INIT;
	size_t i;

	if (hs_buf_adds(&b, "# commands of a hipaa-shell session; "
	    "run with: hipaa-shell --batch FILE\n") < 0)
		BUG("session_runbook: too long");
	for (i = s->history_start; i < s->history.n; i++)
		if (keep_entry(s, s->history.v[i]) &&
		    hs_buf_addf(&b, "%s\n", s->history.v[i]) < 0)
			BUG("session_runbook: too long");
	return hs_buf_detach(&b, NULL);
}

/* Write text to a new private temporary file; its path or NULL. */
static char *
write_temp(const char *text, char **cause)
{
	const char *dir = getenv("TMPDIR");
	char *path = hs_xasprintf("%s/hipaa-shell-XXXXXX.hsh",
	    dir && *dir ? dir : "/tmp");
	int fd = mkstemps(path, 4);
	size_t len = strlen(text);

	if (fd < 0 || write(fd, text, len) != (ssize_t)len || close(fd) < 0) {
		*cause = hs_xasprintf("cannot write '%s': %s", path,
		    strerror(errno));
		if (fd >= 0)
			unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

/* The editor: $VISUAL, else $EDITOR, else vi. */
static const char *
editor(void)
{
	const char *e = getenv("VISUAL");

	if (e == NULL || *e == '\0')
		e = getenv("EDITOR");
	return e != NULL && *e != '\0' ? e : "vi";
}

/* Run the editor on path; like git, the editor's value is shell text
 * ("code --wait" works) and the file is "$1". */
static int
run_editor(struct hs_ctx *ctx, char *path)
{
	char *args[] = { path, NULL }, *cause = NULL;
	char *script = hs_xasprintf("%s \"$1\"", editor());
	int status = hs_run_host(script, args, &cause);

	free(script);
	if (status < 0) {
		hs_ctx_fail(ctx, HS_EXIT_GENERAL, HS_ERR_FILE, "%s", cause);
		free(cause);
		return HS_EXIT_GENERAL;
	}
	if (status != 0)
		return hs_ctx_fail(ctx, HS_EXIT_GENERAL, HS_ERR_HOST_COMMAND,
		    "the editor exited with status %d", status);
	return 0;
}

/* Open the session's commands in the editor. */
static int
edit_exec(struct hs_ctx *ctx)
{
	char *text = session_runbook(ctx->session), *cause = NULL, *path;
	int status;

	if (ctx->args.npos == 1) {
		path = hs_xstrdup(ctx->args.pos[0]);
		if (hs_write_file(path, text, strlen(text), 0600, false,
		    &cause) < 0)
			path = (free(path), NULL);
	} else {
		path = write_temp(text, &cause);
	}
	free(text);
	if (path == NULL) {
		hs_ctx_fail(ctx, HS_EXIT_GENERAL, HS_ERR_FILE, "%s%s", cause,
		    ctx->args.npos ? " (.edit never overwrites a file: choose "
		    "a new name)" : "");
		free(cause);
		return HS_EXIT_GENERAL;
	}
	status = run_editor(ctx, path);
	if (ctx->args.npos == 0)
		unlink(path);
	free(path);
	return status;
}

const struct hs_cmd hs_cmd_dot_edit = {
	.name = ".edit",
	.args = { .min = 0, .max = 1 },
	.usage = "[FILE]",
	.summary = "open this session's commands in $EDITOR (to FILE: a runbook)",
	.flags = HS_CMD_NO_HISTORY,
	.exec = edit_exec,
};
