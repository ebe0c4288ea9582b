/*
 * shell.h: what the files of shell/ share (the lexer, the runbook runner,
 * the REPL, history, the prompt and the reporter).
 *
 * shell/ sits on top: it reads lines, turns them into words with the
 * lexer and hands the words to commands/ (hs_dispatch). It is the only
 * folder that prints errors, through hs_report().
 */
#ifndef HS_SHELL_H
#define HS_SHELL_H

#include "hs-common.h"
#include "commands.h"

/* ---- lexer.c: one logical command at a time --------------------------- */

enum hs_lex_status {
	HS_LEX_COMMAND,	/* one command in out (it may have no words) */
	HS_LEX_END,	/* nothing but blanks and comments: out->consumed */
	HS_LEX_MORE,	/* the command goes on: call again with more text */
	HS_LEX_ERROR,	/* out->error says what and where; out->consumed
			 * skips the bad command */
};

struct hs_lex_opts {
	unsigned first_line;	/* line number of text[0] (1 for a file) */
	bool eof;		/* no more text will come: an open quote is
				 * an error, not HS_LEX_MORE */
	bool interactive;	/* REPL: never wait to see the next line, but
				 * wait when the last word is an option that
				 * needs a value */
	bool directives;	/* recognise "# expect-error: CODE" */
	/* A variable's value (shell variables, then the environment) or
	 * NULL when undefined. NULL function: nothing is defined. */
	const char *(*lookup)(void *arg, const char *name);
	/* Tell whether the last word is an option that needs a value. */
	bool (*needs_value)(void *arg, char *const *words, size_t n);
	void *arg;
};

struct hs_lexed {
	struct hs_strlist words;	/* the command's words, expanded */
	bool host;		/* !COMMAND: words are "!" and the rest as typed */
	unsigned line;		/* line where the command starts */
	size_t consumed;	/* bytes of text used, through its last newline */
	char *text;		/* the command as written (prompt dropped, no
				 * final newline), for history and --echo */
	char *expect_error;	/* CODE of a "# expect-error: CODE" before it */
	unsigned expect_line;	/* line of that comment */
	struct hs_error error;	/* HS_LEX_ERROR: code, message, line, column */
};

#define HS_LEXED_INIT { HS_STRLIST_INIT, false, 0, 0, NULL, NULL, 0, \
	HS_ERROR_INIT }

/* Split the first command of text[0..len) into words. */
enum hs_lex_status hs_lex(const char *text, size_t len,
    const struct hs_lex_opts *opts, struct hs_lexed *out);
/* Free what hs_lex() put in out; out is left empty and reusable. */
void hs_lexed_clear(struct hs_lexed *out);
/* The lexer options for a session: lookup in s->vars, then getenv;
 * needs_value from the dispatcher. */
void hs_lex_opts_session(struct hs_lex_opts *o, struct hs_session *s);

/* ---- report.c: the one place that prints errors ---------------------- */

enum hs_report_mode {
	HS_REPORT_REPL,		/* "message" */
	HS_REPORT_BATCH,	/* "FILE:LINE: message" */
	HS_REPORT_COMMAND,	/* -c: "message" (the status is the exit code) */
};

/* Print err (if it has a message) for a command at file:line. Lexer
 * errors carry their own line and column. */
void hs_report(FILE *out, enum hs_report_mode mode, const char *file,
    unsigned line, const struct hs_error *err);

/* ---- batch.c: runbooks (--batch, -c, .source) ------------------------ */

struct hs_batch {
	const char *name;		/* for FILE:LINE ("<stdin>", "-c") */
	enum hs_report_mode mode;	/* HS_REPORT_BATCH or _COMMAND */
	unsigned flags;			/* enum hs_run_flags */
};

/*
 * Run the runbook text: first check every command (syntax, variables,
 * command names, arguments) and run nothing if one is wrong (exit 252);
 * then run them in order. Stops at the first failure (unless
 * HS_RUN_KEEP_GOING) and returns its status; a command after
 * "# expect-error: CODE" succeeds only if it fails with CODE.
 */
int hs_batch_run(struct hs_session *s, const struct hs_batch *b,
    const char *text, size_t len);
/* Read the runbook path ("-": standard input) and run it. */
int hs_batch_run_file(struct hs_session *s, const struct hs_batch *b,
    const char *path);
/* session->source: run a runbook for .source, in the session's mode. */
int hs_batch_source(struct hs_ctx *ctx, const char *path);

/* ---- history.c: the REPL's history file ------------------------------ */

/* The history file: $XDG_STATE_HOME/hipaa-shell/history, else
 * ~/.local/state/hipaa-shell/history (caller frees), or NULL. */
char *hs_history_path(void);
/* Read the entries of the history file into list (a missing file is
 * empty); keeps the last max entries, rewriting the file if it had more.
 * -1 with *cause when it cannot be read. */
int hs_history_load(const char *path, size_t max, struct hs_strlist *list,
    char **cause);
/* Append one entry (already redacted) at time now; creates the folders
 * (0700) and the file (0600), and tightens a looser file mode. */
int hs_history_append(const char *path, const char *entry, time_t now,
    char **cause);

/* ---- prompt.c -------------------------------------------------------- */

/* "hipaa-shell [PROFILE@REGION]> ", region "-" when none (caller frees). */
char *hs_prompt(const struct hs_session *s);
/* The continuation prompt, as wide as the prompt (caller frees). */
char *hs_prompt_continuation(const struct hs_session *s);

/* ---- sandbox-session.c: hipaa-shell --sandbox ----------------------- */

struct sandbox;

/* $XDG_DATA_HOME/hipaa-shell/sandbox (XDG_DATA_HOME absolute), else
 * ~/.local/share/hipaa-shell/sandbox (caller frees); NULL without a home. */
char *hs_sandbox_default_data(void);
/*
 * Start a sandbox in this process (ephemeral loopback port, data in
 * data_dir or the default folder, locked while it runs) and point the
 * session at it: every service's endpoint, its credentials, `sandbox`
 * in the settings (and the prompt), the AWS variables of host commands.
 * 0 with *out, or HS_EXIT_CONFIG with *err (a locked or unusable folder).
 */
int hs_sandbox_session_start(struct hs_session *s, const char *data_dir,
    struct sandbox **out, struct hs_error *err);
/* Stop it: the store closed, Lambda runs cut short, the folder unlocked. */
void hs_sandbox_session_stop(struct sandbox *sb);

/* ---- repl.c ---------------------------------------------------------- */

/* Read commands from the terminal until .exit or Ctrl-D; the status of
 * the last command (or .exit's). */
int hs_repl_run(struct hs_session *s);

#endif
