/*
 * batch.c: runbooks: --batch FILE, -c "CMD" and .source FILE.
 *
 * A runbook runs in two passes over the same text. The check pass lexes
 * every command (with a copy of the variables that follows the runbook's
 * own .set and .unset) and runs the dispatcher's checks, so that a typo
 * on line 50 stops the runbook before line 1 changes anything: all errors
 * are reported and nothing runs (exit 252). A command after
 * "# expect-error: CODE" is exempt, since it is meant to fail. The run
 * pass then runs the commands in order, stops at the first failure
 * (FILE:LINE: message, that command's status) or, with --keep-going, runs
 * on and returns the first failure's status. Ctrl-C stops the runbook
 * (130) even with --keep-going.
 */
#include "hs-common.h"
#include "shell.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#define RUNBOOK_MAX_BYTES ((size_t)64 << 20)

/* One pass over a runbook. */
struct pass {
	struct hs_session *s;
	const struct hs_batch *b;
	const char *text;
	size_t len;
	size_t off;		/* where the next command starts */
	unsigned line;		/* its line */
	struct hs_lex_opts opts;
	struct hs_lexed lx;
};

/* The variables seen by the check pass: its own copy, then the environment. */
static const char *
check_lookup(void *arg, const char *name)
{
	const char *v = hs_vars_get(arg, name);

	return v != NULL ? v : getenv(name);
}

/* Count the newlines in text[0..n). */
static unsigned
count_lines(const char *text, size_t n)
{
	unsigned c = 0;
	size_t i;

	for (i = 0; i < n; i++)
		c += text[i] == '\n';
	return c;
}

/* Lex the next command; advances over it. */
static enum hs_lex_status
pass_next(struct pass *p)
{
	enum hs_lex_status st;

	p->opts.first_line = p->line;
	p->opts.eof = true;
	p->opts.directives = true;
	st = hs_lex(p->text + p->off, p->len - p->off, &p->opts, &p->lx);
	p->line += count_lines(p->text + p->off, p->lx.consumed);
	p->off += p->lx.consumed;
	return st;
}

/* Print an error through the reporter, for the command at line. */
static void
report(const struct pass *p, unsigned line, const struct hs_error *err)
{
	hs_report(p->s->err, p->b->mode, p->b->name, line, err);
}

/* Follow the runbook's own .set / .unset in the check pass's variables. */
static void
track_vars(struct pass *p, struct hs_vars *vars)
{
	const struct hs_cmd *cmd;
	char *cause = NULL;
	size_t i;

	if (p->lx.words.n < 2 || hs_cmd_lookup(p->s->table, p->lx.words.v[0],
	    &cmd, NULL) != HS_LOOKUP_FOUND)
		return;
	for (i = 1; i < p->lx.words.n; i++) {
		if (cmd == &hs_cmd_dot_set &&
		    hs_vars_assign(vars, p->lx.words.v[i], &cause) < 0)
			free(cause);
		else if (cmd == &hs_cmd_dot_unset)
			hs_vars_unset(vars, p->lx.words.v[i]);
		cause = NULL;
	}
}

/* Check every command; the number of errors (all reported). */
static unsigned
check_pass(struct pass *p)
{
	struct hs_vars vars = HS_VARS_INIT;
	struct hs_error err = HS_ERROR_INIT;
	enum hs_lex_status st;
	unsigned errors = 0;

	hs_vars_copy(&vars, &p->s->vars);
	p->opts.lookup = check_lookup;
	p->opts.arg = &vars;
	while ((st = pass_next(p)) != HS_LEX_END) {
		if (st == HS_LEX_ERROR && p->lx.expect_error == NULL) {
			report(p, p->lx.line, &p->lx.error);
			errors++;
		} else if (st == HS_LEX_COMMAND) {
			track_vars(p, &vars);
			if (hs_dispatch_check(p->s, p->lx.words.v,
			    p->lx.words.n, &err) != 0 &&
			    p->lx.expect_error == NULL) {
				report(p, p->lx.line, &err);
				errors++;
			}
		}
	}
	hs_error_clear(&err);
	hs_vars_clear(&vars);
	return errors;
}

/* Print the command before it runs (--echo), secrets redacted. */
static void
echo_command(const struct pass *p)
{
	char *shown = hs_redact(p->lx.text);

	fprintf(p->s->out, "$ %s\n", shown);
	fflush(p->s->out);
	free(shown);
}

/* Turn a command's outcome into the runbook's, given "# expect-error". */
static int
expect_outcome(const struct pass *p, int status, struct hs_error *err)
{
	const char *want = p->lx.expect_error;
	char *code, *message;

	if (want == NULL)
		return status;
	if (status == 0)
		return hs_error_set(err, HS_EXIT_GENERAL, NULL, "expected "
		    "error '%s', but the command succeeded", want);
	if (err->code != NULL && strcmp(err->code, want) == 0) {
		if (p->s->run_flags & HS_RUN_ECHO)
			fprintf(p->s->out, "# failed as expected (%s)\n", want);
		hs_error_clear(err);
		return 0;
	}
	code = err->code ? hs_xstrdup(err->code) : NULL;
	message = err->message ? hs_xstrdup(err->message) : NULL;
	hs_error_set(err, status, code, "expected error '%s', got '%s': %s",
	    want, code ? code : "none", message ? message : "no message");
	free(code);
	free(message);
	return status;
}

/* Run the command just lexed (or take its lexer error); its status. */
static int
run_one(struct pass *p, enum hs_lex_status st, struct hs_error *err)
{
	int status;

	if (p->s->run_flags & HS_RUN_ECHO)
		echo_command(p);
	if (st == HS_LEX_ERROR) {
		hs_error_move(err, &p->lx.error);
		status = err->status;
	} else {
		status = hs_dispatch(p->s, p->lx.words.v, p->lx.words.n,
		    p->b->name, p->lx.line, err);
	}
	status = expect_outcome(p, status, err);
	if (status != 0)
		report(p, p->lx.line, err);
	return status;
}

/* Run the commands in order; the runbook's status. */
static int
run_pass(struct pass *p)
{
	struct hs_error err = HS_ERROR_INIT;
	enum hs_lex_status st;
	int first = 0, status;

	hs_lex_opts_session(&p->opts, p->s);
	while ((st = pass_next(p)) != HS_LEX_END) {
		status = run_one(p, st, &err);
		if (status != 0 && first == 0)
			first = status;
		if (hs_interrupted() || status == HS_EXIT_INTERRUPTED) {
			first = HS_EXIT_INTERRUPTED;
			break;
		}
		if (p->s->exit_requested ||
		    (status != 0 && !(p->s->run_flags & HS_RUN_KEEP_GOING)))
			break;
	}
	hs_error_clear(&err);
	return p->s->exit_requested && p->s->exit_status >= 0 ?
	    p->s->exit_status : first;
}

/* Refuse text that is not a runbook (a NUL byte). */
static int
check_text(const struct hs_session *s, const struct hs_batch *b,
    const char *text, size_t len)
{
	const char *nul = memchr(text, '\0', len);
	struct hs_error err = HS_ERROR_INIT;

	if (nul == NULL)
		return 0;
	hs_error_set(&err, HS_EXIT_USAGE, HS_ERR_SYNTAX, "NUL byte at line %u: "
	    "a runbook must be a text file", count_lines(text,
	    (size_t)(nul - text)) + 1);
	hs_report(s->err, b->mode, b->name, 0, &err);
	hs_error_clear(&err);
	return HS_EXIT_USAGE;
}

/* Check the runbook, then run it. */
int
hs_batch_run(struct hs_session *s, const struct hs_batch *b,
    const char *text, size_t len)
{
	struct pass p;
	unsigned errors;
	int status;

	if ((status = check_text(s, b, text, len)) != 0)
		return status;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	memset(&p, 0, sizeof p);
	p.s = s;
	p.b = b;
	p.text = text;
	p.len = len;
	p.line = 1;
	errors = check_pass(&p);
	hs_lexed_clear(&p.lx);
	if (errors > 0)
		return HS_EXIT_USAGE;
	p.off = 0;
	p.line = 1;
	status = run_pass(&p);
	hs_lexed_clear(&p.lx);
	return status;
}

/* Read all of path ("-": standard input); NULL with *cause. */
static char *
read_runbook(const char *path, size_t *len, char **cause)
{
	struct hs_buf b = HS_BUF_INIT_CAP(RUNBOOK_MAX_BYTES);
	int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	char chunk[8192];
	ssize_t r = 0;

	while (fd >= 0 && (r = read(fd, chunk, sizeof chunk)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 || hs_buf_add(&b, chunk, (size_t)r) < 0)
			break;
	}
	if (fd < 0 || r != 0) {
		*cause = hs_xasprintf("cannot read runbook '%s': %s", path,
		    fd >= 0 && r > 0 ? "larger than 64 MiB" : strerror(errno));
		hs_buf_release(&b);
		b.buf = NULL;
	}
	if (fd > 0)
		close(fd);
	return b.buf != NULL ? hs_buf_detach(&b, len) : NULL;
}

/* Read the runbook path and run it. */
int
hs_batch_run_file(struct hs_session *s, const struct hs_batch *b,
    const char *path)
{
	struct hs_error err = HS_ERROR_INIT;
	char *cause = NULL, *text;
	size_t len;
	int status;

	text = read_runbook(path, &len, &cause);
	if (text == NULL) {
		hs_error_set(&err, HS_EXIT_GENERAL, HS_ERR_FILE, "%s", cause);
		hs_report(s->err, HS_REPORT_COMMAND, NULL, 0, &err);
		hs_error_clear(&err);
		free(cause);
		return HS_EXIT_GENERAL;
	}
	status = hs_batch_run(s, b, text, len);
	free(text);
	return status;
}

/* Run a runbook for .source. */
int
hs_batch_source(struct hs_ctx *ctx, const char *path)
{
	struct hs_batch b = { path, HS_REPORT_BATCH, ctx->session->run_flags };
	char *cause = NULL, *text;
	size_t len;
	int status;

	text = read_runbook(path, &len, &cause);
	if (text == NULL) {
		hs_ctx_fail(ctx, HS_EXIT_GENERAL, HS_ERR_FILE, "%s", cause);
		free(cause);
		return HS_EXIT_GENERAL;
	}
	status = hs_batch_run(ctx->session, &b, text, len);
	free(text);
	return status;
}
