/*
 * repl.c: the interactive shell on GNU readline.
 *
 * readline's callback interface, so that the loop waits in poll() and
 * sees Ctrl-C itself: readline installs no signal handlers
 * (rl_catch_signals = 0); SIGINT only sets hs_interrupt_flag
 * (interrupt.c), poll returns EINTR, and the loop drops the line being
 * typed (and any unfinished multi-line command) and prompts again. During
 * a command readline is not active, Ctrl-C reaches the command (and a
 * host command's children) and the dispatcher reports status 130.
 *
 * Lines are collected in `pending` until the lexer has a whole command
 * (an open quote, a trailing backslash or an option waiting for its value
 * ask for a continuation line). A paste may bring several commands at
 * once; each runs in turn. Every command goes to the history redacted.
 * SIGTERM or SIGHUP (terminate.c) ends the loop as Ctrl-D does, without
 * running what was typed.
 */
#include "hs-common.h"
#include "shell.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#define HISTORY_MAX 1000

struct repl {
	struct hs_session *s;
	struct hs_buf pending;	/* lines of a command not yet complete */
	char *hist_path;	/* NULL: history is not saved */
	int last;		/* status of the last command before .exit */
};

static char *line_read;
static bool line_ready;
static volatile sig_atomic_t winch_flag;

static void
on_sigwinch(int sig)
{
	(void)sig;
	winch_flag = 1;
}

/* readline's line handler: keep the line, stop reading. */
static void
on_line(char *line)
{
	line_read = line;
	line_ready = true;
	rl_callback_handler_remove();
}

/* Throw away the line being typed after Ctrl-C. */
static void
cancel_line(void)
{
	rl_free_line_state();
	rl_callback_sigcleanup();
	rl_replace_line("", 0);
	rl_point = rl_end = rl_mark = 0;
	rl_callback_handler_remove();
	fputs("^C\n", rl_outstream ? rl_outstream : stdout);
	fflush(rl_outstream ? rl_outstream : stdout);
}

/* Read a line: 1 (in *line, caller frees), 0 at end of input, -1 when
 * Ctrl-C cancelled it. */
static int
read_line(const char *prompt, char **line)
{
	struct pollfd pfd = { 0, POLLIN, 0 };

	line_ready = false;
	line_read = NULL;
	rl_callback_handler_install(prompt, on_line);
	while (!line_ready) {
		if (hs_terminated()) {
			rl_callback_handler_remove();
			return 0;
		}
		if (hs_interrupted()) {
			hs_interrupt_clear();
			cancel_line();
			return -1;
		}
		if (winch_flag) {
			winch_flag = 0;
			rl_resize_terminal();
		}
		if (poll(&pfd, 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			rl_callback_handler_remove();
			return 0;
		}
		rl_callback_read_char();
	}
	*line = line_read;
	return line_read != NULL;
}

/* Keep a command in the history: readline's, the session's, the file. */
static void
remember(struct repl *r, const char *text)
{
	struct hs_strlist *h = &r->s->history;
	char *entry, *cause = NULL;

	if (*text == '\0')
		return;
	entry = hs_redact(text);
	if (h->n > 0 && strcmp(h->v[h->n - 1], entry) == 0) {
		free(entry);
		return;
	}
	add_history(entry);
	hs_strlist_take(h, entry);
	if (r->hist_path != NULL &&
	    hs_history_append(r->hist_path, entry, time(NULL), &cause) < 0) {
		fprintf(r->s->err, "warning: %s; history is not saved\n", cause);
		free(cause);
		free(r->hist_path);
		r->hist_path = NULL;
	}
}

/* Run one lexed command (or report its lexer error). */
static void
run_command(struct repl *r, enum hs_lex_status st, struct hs_lexed *lx)
{
	struct hs_error err = HS_ERROR_INIT;
	int status;

	remember(r, lx->text);
	if (st == HS_LEX_ERROR) {
		hs_report(r->s->err, HS_REPORT_REPL, NULL, 0, &lx->error);
		r->last = lx->error.status;
		return;
	}
	status = hs_dispatch(r->s, lx->words.v, lx->words.n, NULL, 0, &err);
	if (!r->s->exit_requested)
		r->last = status;
	if (status == HS_EXIT_INTERRUPTED)
		fputc('\n', r->s->err);
	if (status != 0)
		hs_report(r->s->err, HS_REPORT_REPL, NULL, 0, &err);
	hs_error_clear(&err);
	hs_interrupt_clear();
}

/* Run every complete command in pending; keep the unfinished rest. */
static void
run_pending(struct repl *r, bool eof)
{
	struct hs_lex_opts o;
	struct hs_lexed lx = HS_LEXED_INIT;
	enum hs_lex_status st;
	size_t off = 0;

	hs_lex_opts_session(&o, r->s);
	o.interactive = true;
	o.eof = eof;
	while (!r->s->exit_requested && !hs_terminated() &&
	    off < r->pending.len) {
		st = hs_lex(r->pending.buf + off, r->pending.len - off, &o, &lx);
		if (st == HS_LEX_MORE)
			break;
		if (st != HS_LEX_END)
			run_command(r, st, &lx);
		off += lx.consumed;
	}
	hs_lexed_clear(&lx);
	memmove(r->pending.buf, r->pending.buf + off, r->pending.len - off);
	hs_buf_truncate(&r->pending, r->pending.len - off);
}

/* Load the history file into readline and the session. */
static void
load_history(struct repl *r)
{
	char *cause = NULL;
	size_t i;

	r->hist_path = hs_history_path();
	if (r->hist_path == NULL)
		return;
	if (hs_history_load(r->hist_path, HISTORY_MAX, &r->s->history,
	    &cause) < 0) {
		fprintf(r->s->err, "warning: %s; history is not saved\n", cause);
		free(cause);
		free(r->hist_path);
		r->hist_path = NULL;
	}
	for (i = 0; i < r->s->history.n; i++)
		add_history(r->s->history.v[i]);
	r->s->history_start = r->s->history.n;
}

/* Set readline up: no signal handlers of its own, our SIGWINCH. */
static void
setup_readline(void)
{
	struct sigaction sa;

	rl_readline_name = "hipaa-shell";
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigwinch;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGWINCH, &sa, NULL);
	using_history();
}

/* Read one line with the right prompt; false when the REPL should end. */
static bool
repl_step(struct repl *r)
{
	char *prompt = r->pending.len ? hs_prompt_continuation(r->s) :
	    hs_prompt(r->s), *line = NULL;
	int got = read_line(prompt, &line);

	free(prompt);
	if (got < 0) {
		hs_buf_reset(&r->pending);
		return true;
	}
	if (got == 0) {
		if (r->pending.len == 0 || hs_terminated()) {
			fputc('\n', r->s->out);
			return false;
		}
		run_pending(r, true);
		hs_buf_reset(&r->pending);
		return true;
	}
	if (hs_buf_adds(&r->pending, line) < 0 ||
	    hs_buf_addch(&r->pending, '\n') < 0)
		BUG("command too long");
	free(line);
	run_pending(r, false);
	return !r->s->exit_requested && !hs_terminated();
}

/* Read and run commands until .exit or Ctrl-D. */
int
hs_repl_run(struct hs_session *s)
{
	struct repl r;

	memset(&r, 0, sizeof r);
	r.s = s;
	hs_buf_init(&r.pending, 0);
	setup_readline();
	load_history(&r);
	while (repl_step(&r))
		;
	hs_buf_release(&r.pending);
	free(r.hist_path);
	clear_history();
	return s->exit_requested && s->exit_status >= 0 ? s->exit_status :
	    r.last;
}
