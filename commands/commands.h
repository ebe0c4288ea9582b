/*
 * commands.h: what a command is, what it runs with, and how it is found.
 *
 * The public header of commands/ for shell/ and for every later folder
 * that adds commands (customizations, `policy`, the generic model
 * operation). In short:
 *
 * - A command is a `const struct hs_cmd` with designated initialisers
 *   (name, alias, argument template, usage, behaviour flags, exec). Every
 *   command is listed once, alphabetically, in the table of
 *   commands/dispatch.c; lookup, `.help`, the --batch checks and (later)
 *   completion read that table. A top-level word with sub-commands
 *   (`policy check`, `s3 ls`) is an entry whose `subcommands` lists them.
 * - Words that are not in the table (`iam list-roles`, the botocore model
 *   operations) go to the fallback command registered at start-up with
 *   hs_dispatch_set_fallback(). Without one, they are unknown commands
 *   (exit 252, with a "did you mean" suggestion).
 * - exec gets a `struct hs_ctx`: the session, the settings in effect for
 *   this command (the session's, overridden by per-command global options),
 *   the words, the parsed arguments and the output streams. It returns an
 *   exit status (hs-exit.h); on failure it records the message and an
 *   error code with hs_ctx_fail(), and the shell's one reporter prints it.
 *   Commands write their output to ctx->out and never print errors.
 * - Behaviour flags (NEEDS_CREDENTIALS, MUTATING) are acted on by the
 *   dispatcher, through hooks registered at start-up with
 *   hs_dispatch_add_hook(), before and after exec; never by the handler.
 *
 * How to plug in:
 *   - a command: `const struct hs_cmd hs_cmd_x = { .name = "x",
 *     .args = { .options = x_opts, .min = 1, .max = 1 }, .usage = "FILE",
 *     .summary = "...", .flags = HS_CMD_GLOBAL_OPTIONS, .exec = x_exec };`
 *     in commands/x.c, `extern` it below, add `&hs_cmd_x` to the table
 *     in dispatch.c (sorted), and give it a .TP item in
 *     man/hipaa-shell.1 (a test checks both);
 *   - a group such as `policy check|simulate`: each sub-command is an
 *     hs_cmd as above (.name = "check"); the group is
 *     `{ .name = "policy", .summary = "...", .subcommands = subs }` with
 *     `subs` a sorted, NULL-ended array of pointers; only the group goes
 *     in the table;
 *   - the model operations (SERVICE OPERATION --params): an hs_cmd with
 *     .args = { .min = 1, .max = -1 } (the words after SERVICE; options
 *     NULL, so --params count as words), HS_CMD_GLOBAL_OPTIONS |
 *     HS_CMD_NEEDS_CREDENTIALS, exec (and check, needs_value), registered
 *     in shell/main.c with hs_dispatch_set_fallback() before any mode
 *     runs;
 *   - guardrails, credentials, the audit log: hs_dispatch_add_hook() at
 *     start-up with the flags they act on.
 *
 * Ownership: strings in the structs below belong to their struct and are
 * freed by its _clear(); setters copy; arguments are borrowed. The word
 * arrays a command sees (ctx->argv, ctx->args) are borrowed for the
 * duration of exec.
 */
#ifndef HS_COMMANDS_H
#define HS_COMMANDS_H

#include "hs-common.h"
#include "hs-exit.h"

#include <signal.h>

struct hs_ctx;
struct hs_cmd;

/*
 * Error codes of hipaa-shell's own errors (a service error keeps the
 * service's code, e.g. "AccessDenied"). A runbook's `# expect-error: CODE`
 * compares against these; man/hipaa-shell.1 lists them.
 */
#define HS_ERR_SYNTAX		"SyntaxError"	/* quoting, ${...} */
#define HS_ERR_UNDEFINED_VAR	"UndefinedVariable"
#define HS_ERR_UNKNOWN_COMMAND	"UnknownCommand"
#define HS_ERR_AMBIGUOUS	"AmbiguousCommand"
#define HS_ERR_USAGE		"UsageError"	/* arguments, options, values */
#define HS_ERR_INTERRUPTED	"Interrupted"
#define HS_ERR_HOST_COMMAND	"HostCommandFailed"	/* !CMD exited non-zero */
#define HS_ERR_FILE		"FileError"	/* a file could not be read or written */
#define HS_ERR_MALFORMED_POLICY	"MalformedPolicyDocument"	/* AWS's code */
#define HS_ERR_POLICY_CHECK	"PolicyCheckFailed"	/* policy check: errors */
#define HS_ERR_CONFIG		"ConfigurationError"	/* config, region, credentials */

/* ---- strlist.c: a growable array of owned strings ------------------- */

struct hs_strlist {
	char **v;	/* v[n] is NULL, so v can be passed as an argv */
	size_t n;
	size_t alloc;
};

#define HS_STRLIST_INIT { NULL, 0, 0 }

/* Append a copy of s. */
void hs_strlist_add(struct hs_strlist *l, const char *s);
/* Append s itself: the list takes ownership. */
void hs_strlist_take(struct hs_strlist *l, char *s);
/* Remove the first entry (it is freed). */
void hs_strlist_shift(struct hs_strlist *l);
/* Join the entries with sep into a new string. */
char *hs_strlist_join(const struct hs_strlist *l, const char *sep);
void hs_strlist_clear(struct hs_strlist *l);

/* ---- error.c: an error with an exit status and an error code -------- */

struct hs_error {
	int status;	/* exit status (hs-exit.h); 0: no error */
	char *code;	/* "AccessDenied", HS_ERR_USAGE...; NULL: none */
	char *message;	/* what failed, how to fix it; NULL: nothing to say */
	unsigned line;	/* 0, or the line the error is about (lexer errors) */
	unsigned column;	/* 0, or the column (lexer errors) */
};

#define HS_ERROR_INIT { 0, NULL, NULL, 0, 0 }

/* Record an error (replacing any earlier one); returns status. */
HS_PRINTF(4, 5) int hs_error_set(struct hs_error *e, int status,
    const char *code, const char *fmt, ...);
HS_PRINTF(4, 0) int hs_error_vset(struct hs_error *e, int status,
    const char *code, const char *fmt, va_list ap);
/* Move src into dst (dst's old content is freed; src is left empty). */
void hs_error_move(struct hs_error *dst, struct hs_error *src);
void hs_error_clear(struct hs_error *e);

/* ---- vars.c: shell variables (.set, --var), sorted by name ---------- */

struct hs_var {
	char *name;
	char *value;
};

struct hs_vars {
	struct hs_var *v;
	size_t n;
	size_t alloc;
};

#define HS_VARS_INIT { NULL, 0, 0 }

/* Tell whether name is a valid variable name: [A-Za-z_][A-Za-z0-9_]*. */
bool hs_vars_valid_name(const char *name, size_t len);
/* The value of name, or NULL. */
const char *hs_vars_get(const struct hs_vars *vars, const char *name);
/* Set name (which must be valid) to value. */
void hs_vars_set(struct hs_vars *vars, const char *name, const char *value);
/* Remove name; false when it was not set. */
bool hs_vars_unset(struct hs_vars *vars, const char *name);
/* Parse "NAME=VALUE" and set it; -1 with *cause when malformed. */
int hs_vars_assign(struct hs_vars *vars, const char *assignment, char **cause);
/* Copy every variable of src into dst (emptied first). */
void hs_vars_copy(struct hs_vars *dst, const struct hs_vars *src);
/* Free every variable; values are wiped (they may hold secrets). */
void hs_vars_clear(struct hs_vars *vars);

/* ---- settings.c: what a command runs with --------------------------- */

/*
 * The session's settings, set by hipaa-shell's command line, `.profile`
 * and `.region`; a command with HS_CMD_GLOBAL_OPTIONS runs with a copy
 * overridden by the global options on its own line. Strings are owned;
 * NULL means "not set here": hs_resolve() then looks further.
 */
struct hs_settings {
	char *profile;		/* --profile, .profile */
	char *region;		/* --region, .region */
	char *output;		/* --output: json, text, table, yaml, yaml-stream */
	char *endpoint_url;	/* --endpoint-url: http(s)://host[:port][/path] */
	char *ca_bundle;	/* --ca-bundle: PEM file to verify TLS peers */
	char *query;		/* --query: a JMESPath expression */
	int connect_timeout;	/* --cli-connect-timeout, seconds; 0: wait
				 * forever; -1: not set (the default, 60) */
	int read_timeout;	/* --cli-read-timeout, same values */
	bool debug;		/* --debug: log requests (secrets redacted) */
	bool verify_ssl;	/* false after --no-verify-ssl */
	bool dry_run;		/* --dry-run: print signed requests, send none */
	bool paginate;		/* false after --no-paginate */
	bool sandbox;		/* a --sandbox session: the AWS config files are
				 * not read, --profile and --endpoint-url are
				 * refused, the region defaults to us-east-1 */
	/* Explicit credentials for every request (the sandbox's test/test),
	 * or NULL: the credential chain. The secret is wiped when freed. */
	char *access_key_id;
	char *secret_access_key;
};

void hs_settings_init(struct hs_settings *s);
/* Make dst a deep copy of src (dst must be initialised). */
void hs_settings_copy(struct hs_settings *dst, const struct hs_settings *src);
void hs_settings_clear(struct hs_settings *s);

/*
 * The profile and region a command uses, and where each came from.
 * hs_resolve() is the one place that decides: the setting (--profile,
 * .profile), then AWS_PROFILE, AWS_DEFAULT_PROFILE, then "default"; the
 * setting (--region, .region), then AWS_REGION, AWS_DEFAULT_REGION, then
 * the profile's `region` in the AWS config files (read through the hook
 * below). region may be NULL. A --sandbox session has no profiles (it is
 * "default") and its region falls back to us-east-1.
 */
struct hs_resolved {
	char *profile;
	const char *profile_source;	/* "--profile", "AWS_PROFILE", "default"... */
	char *region;			/* NULL: no region anywhere */
	const char *region_source;	/* "--region", "AWS_REGION", "profile"...; NULL */
	/* Why the profile's settings could not be read (the profile is in
	 * neither config file, a file is malformed), or NULL. A command
	 * that needs them fails with this (HS_EXIT_CONFIG); the prompt
	 * shows no region. */
	char *error;
};

void hs_resolve(const struct hs_settings *s, struct hs_resolved *out);
void hs_resolved_clear(struct hs_resolved *r);

/*
 * Read a profile's `region` from the AWS config files, for hs_resolve():
 * 0 with *region (NULL when the profile sets none; caller frees), or -1
 * with *cause when the profile named by s (or the environment) exists in
 * neither file or a file is malformed. The model operation registers its
 * own at start-up (it keeps the files it loaded, so the prompt and the
 * commands read the same); without one, the files are not read.
 */
typedef int hs_profile_region_fn(const struct hs_settings *s, char **region,
    char **cause);
void hs_resolve_set_profile_region(hs_profile_region_fn *fn);
/* Tell whether name is a well-formed region name (botocore's rule). */
bool hs_region_valid(const char *name);

/* ---- options.c: the global options, one sorted table ---------------- */

enum hs_opt_id {
	HS_OPT_BATCH,
	HS_OPT_CA_BUNDLE,
	HS_OPT_COMMAND,
	HS_OPT_CONNECT_TIMEOUT,
	HS_OPT_READ_TIMEOUT,
	HS_OPT_DEBUG,
	HS_OPT_DRY_RUN,
	HS_OPT_ECHO,
	HS_OPT_ENDPOINT_URL,
	HS_OPT_HELP,
	HS_OPT_KEEP_GOING,
	HS_OPT_NO_PAGINATE,
	HS_OPT_NO_VERIFY_SSL,
	HS_OPT_OUTPUT,
	HS_OPT_PROFILE,
	HS_OPT_QUERY,
	HS_OPT_REGION,
	HS_OPT_SANDBOX,
	HS_OPT_SANDBOX_DATA,
	HS_OPT_VAR,
	HS_OPT_VERSION,
};

enum hs_option_flags {
	HS_OPTION_VALUE = 1 << 0,	/* takes a value: --x V or --x=V */
	HS_OPTION_STARTUP = 1 << 1,	/* valid on hipaa-shell's command line */
	HS_OPTION_PER_COMMAND = 1 << 2,	/* valid on a command inside the shell */
};

struct hs_option {
	const char *name;	/* "--region"; the table is sorted by it */
	char short_name;	/* 'c' for -c, or 0 */
	enum hs_opt_id id;
	unsigned flags;		/* enum hs_option_flags */
	const char *value_name;	/* "REGION" in usage, or NULL */
	const char *help;	/* one line for --help */
};

/* Why an option could not be used; the caller picks the message. */
enum hs_opt_error {
	HS_OPT_OK,
	HS_OPT_NOT_GLOBAL,	/* not a global option: the command's own */
	HS_OPT_MISSING_VALUE,	/* --region at the end, or before another option */
	HS_OPT_UNEXPECTED_VALUE,	/* --debug=yes */
	HS_OPT_BAD_VALUE,	/* --output yaml2, --cli-read-timeout -5 */
	HS_OPT_WRONG_PLACE,	/* a start-up option inside the shell, or the reverse */
	HS_OPT_SANDBOX_REFUSED,	/* --profile, --endpoint-url in a --sandbox session */
};

extern const struct hs_option hs_options[];
extern const size_t hs_options_count;

/* Find a global option by its long name ("--region"), with bsearch. */
const struct hs_option *hs_option_find(const char *name);
/* Find a global option by its short letter, or NULL. */
const struct hs_option *hs_option_find_short(char letter);
/*
 * Read the global option at words[*i] for scope (HS_OPTION_STARTUP or
 * HS_OPTION_PER_COMMAND): on HS_OPT_OK, *opt and *value (borrowed from
 * words, NULL for a flag) are set and *i is past them. On
 * HS_OPT_NOT_GLOBAL, *i is unchanged; on other errors *opt is set.
 */
enum hs_opt_error hs_option_next(char *const *words, size_t n, size_t *i,
    unsigned scope, const struct hs_option **opt, const char **value);
/* Apply a per-command option to settings; HS_OPT_BAD_VALUE if invalid. */
enum hs_opt_error hs_settings_apply(struct hs_settings *s,
    const struct hs_option *opt, const char *value);
/* The message for an option error (caller frees). word: what was typed. */
char *hs_option_message(enum hs_opt_error err, const struct hs_option *opt,
    const char *word, const char *value);
/* Tell whether value is a valid --output format. */
bool hs_output_valid(const char *value);

/* ---- redact.c: keep secrets out of history, echo and listings ------- */

/* Tell whether an option or variable name names a secret
 * (SECRET, TOKEN, PASSWORD, PRIVATE-KEY... but not NextToken). */
bool hs_secret_name(const char *name, size_t len);
/* A copy of a command's text with the values of secret-looking
 * arguments replaced by "***" (caller frees). */
char *hs_redact(const char *text);

/* ---- interrupt.c: Ctrl-C ------------------------------------------- */

/* Set by the SIGINT handler; commands poll it (hs_interrupted()). */
extern volatile sig_atomic_t hs_interrupt_flag;
/* Set too when the SIGINT was sent by a process (kill), not by the
 * terminal: children did not get it, a command should pass it on. */
extern volatile sig_atomic_t hs_interrupt_sent;

/* Install the SIGINT handler (no SA_RESTART: blocking calls see EINTR). */
void hs_interrupt_install(void);
/* Record a SIGINT taken with sigwaitinfo() as the handler would. */
void hs_interrupt_note(const siginfo_t *info);
/* Tell whether Ctrl-C was pressed since the last hs_interrupt_clear(). */
bool hs_interrupted(void);
void hs_interrupt_clear(void);

/* ---- terminate.c: SIGTERM and SIGHUP end the shell cleanly ----------- */

/* Install the handlers: the running command is cancelled as by Ctrl-C,
 * the REPL and runbooks stop, and main() cleans up (the sandbox) before
 * it dies of the same signal (hs_terminate_finish). */
void hs_terminate_install(void);
/* The signal that asked the shell to end, or 0. */
int hs_terminated(void);
/* After cleaning up: die of that signal, as if unhandled (no return);
 * does nothing when none came. */
void hs_terminate_finish(void);

/* ---- host-env.c: the environment of host commands (!CMD) ------------ */

/* Run host commands with the environment as it is now, minus every
 * variable whose name starts with one of drop_prefixes, plus set (both
 * NULL-ended; set holds "NAME=VALUE" strings; all copied).
 * hs_host_env_set(NULL, NULL) goes back to hipaa-shell's own. */
void hs_host_env_set(const char *const *drop_prefixes,
    const char *const *set);
/* The environment host commands get (borrowed until the next
 * hs_host_env_set), or NULL: hipaa-shell's own. */
char **hs_host_env(void);

/* ---- the session and the command context --------------------------- */

enum hs_run_flags {
	HS_RUN_ECHO = 1 << 0,		/* --echo: print each command first */
	HS_RUN_KEEP_GOING = 1 << 1,	/* --keep-going: run on after a failure */
};

/* What the shell (shell/) lends to commands (.source runs a runbook). */
typedef int (*hs_source_fn)(struct hs_ctx *ctx, const char *path);

struct hs_cmd_table {
	const struct hs_cmd *const *cmds;	/* sorted by name */
	size_t n;
};

/* The shell's state, one per process. */
struct hs_session {
	struct hs_settings settings;	/* defaults for every command */
	struct hs_vars vars;		/* shell variables */
	struct hs_strlist history;	/* REPL history, oldest first, redacted */
	size_t history_start;		/* first entry typed in this session */
	const struct hs_cmd_table *table;	/* &hs_cmd_table (tests: their own) */
	FILE *out;			/* command output (stdout) */
	FILE *err;			/* reporter and warnings (stderr) */
	unsigned run_flags;		/* enum hs_run_flags, for runbooks */
	bool exit_requested;		/* .exit/.quit was run */
	int exit_status;		/* .exit N: N; -1: none given */
	int last_status;		/* status of the last command */
	unsigned source_depth;		/* .source nesting, at most 16 */
	hs_source_fn source;		/* set by shell/; NULL: no .source */
};

void hs_session_init(struct hs_session *s);
void hs_session_clear(struct hs_session *s);

/* The parsed arguments of a command with an argument template. */
struct hs_arg {
	const struct hs_cmd_opt *opt;
	const char *value;	/* borrowed from argv; NULL for a flag */
};

struct hs_args {
	const char **pos;	/* positional arguments, borrowed from argv */
	size_t npos;
	struct hs_arg *opts;	/* options in the order given */
	size_t nopts;
};

/* The value of the last use of option name ("--phi-bucket"), or NULL. */
const char *hs_args_value(const struct hs_args *a, const char *name);
/* Tell whether option name was given. */
bool hs_args_has(const struct hs_args *a, const char *name);

/* What exec gets. Everything is borrowed for the duration of exec. */
struct hs_ctx {
	struct hs_session *session;	/* the shell: vars, settings to change */
	const struct hs_settings *settings;	/* in effect for this command */
	const struct hs_cmd *cmd;	/* the entry that runs */
	char **argv;			/* the words, global options removed;
					 * argv[0] is the command as typed,
					 * argv[argc] is NULL */
	int argc;
	size_t cmd_words;		/* leading words naming the command:
					 * 1, or 2 for "policy check" */
	struct hs_args args;		/* argv[cmd_words...] parsed (template) */
	FILE *out;			/* output */
	FILE *err;			/* warnings (errors go to hs_ctx_fail) */
	const char *file;		/* runbook name, "-c", or NULL (REPL) */
	unsigned line;			/* line of the command in file, or 0 */
	struct hs_error error;		/* set by hs_ctx_fail() */
};

/* Record why the command failed; returns status, for `return hs_ctx_fail(...)`. */
HS_PRINTF(4, 5) int hs_ctx_fail(struct hs_ctx *ctx, int status,
    const char *code, const char *fmt, ...);
/* Print a warning to ctx->err ("warning: ..."). */
HS_PRINTF(2, 3) void hs_ctx_warn(struct hs_ctx *ctx, const char *fmt, ...);

/* ---- commands and the dispatcher ------------------------------------ */

enum hs_cmd_flags {
	HS_CMD_NEEDS_CREDENTIALS = 1 << 0,	/* hooks resolve credentials first */
	HS_CMD_MUTATING = 1 << 1,	/* changes AWS state: guardrails, audit */
	HS_CMD_GLOBAL_OPTIONS = 1 << 2,	/* takes --profile, --region... */
	HS_CMD_NO_HISTORY = 1 << 3,	/* not worth keeping in .edit's runbook */
};

enum hs_cmd_opt_flags {
	HS_ARG_VALUE = 1 << 0,		/* --name VALUE (or --name=VALUE) */
	HS_ARG_REPEAT = 1 << 1,		/* may be given more than once */
};

/* One option of a command's own (not a global option). */
struct hs_cmd_opt {
	const char *name;	/* "--phi-bucket" */
	unsigned flags;		/* enum hs_cmd_opt_flags */
	const char *value_name;	/* "NAME" for usage, or NULL */
	const char *help;	/* one line for .help CMD */
};

/* What a command accepts; the dispatcher checks it before exec. */
struct hs_cmd_args {
	const struct hs_cmd_opt *options;	/* NULL, or ended by { NULL }:
						 * without options, every word
						 * is a positional */
	int min;	/* fewest positionals */
	int max;	/* most positionals; -1: no limit */
};

struct hs_cmd {
	const char *name;	/* ".help", "!", "policy"; table key */
	const char *alias;	/* another exact name ("help", "exit"), or NULL */
	struct hs_cmd_args args;	/* ignored for a group */
	const char *usage;	/* after the name: "[CMD]" -> "usage: .help [CMD]" */
	const char *summary;	/* one line for .help */
	unsigned flags;		/* enum hs_cmd_flags */
	/* A group ("policy"): its sub-commands, sorted by name, NULL-ended;
	 * the word after the group's name picks one (exactly). */
	const struct hs_cmd *const *subcommands;
	/* Run the command; returns an exit status (hs-exit.h). */
	int (*exec)(struct hs_ctx *ctx);
	/* Optional: validate the words without side effects; --batch runs it
	 * for every command of a runbook before running any. */
	int (*check)(struct hs_ctx *ctx);
	/* Optional: tell whether the last word is an option of this command
	 * that needs a value (the REPL then waits for the next line). The
	 * default reads args.options. words[0] is the command's name. */
	bool (*needs_value)(char *const *words, size_t n);
};

/* THE command table (commands/dispatch.c), sorted by name. */
extern const struct hs_cmd_table hs_cmd_table;

enum hs_lookup {
	HS_LOOKUP_FOUND,
	HS_LOOKUP_AMBIGUOUS,	/* a dot prefix matches several: see candidates */
	HS_LOOKUP_UNKNOWN,
};

/* Find a command by exact name or alias, or (dot commands only) by a
 * unique prefix; on ambiguity the candidates' names are added to cands. */
enum hs_lookup hs_cmd_lookup(const struct hs_cmd_table *t, const char *word,
    const struct hs_cmd **found, struct hs_strlist *cands);
/* Add the names closest to word (edit distance) to out, for "did you mean". */
void hs_cmd_suggest(const struct hs_cmd_table *t, const char *word,
    struct hs_strlist *out);

/*
 * Run one command: words as split by the lexer (a leading "aws" already
 * dropped). Finds the command (table, then fallback), applies the global
 * options on its line, checks the arguments, runs the hooks and exec.
 * Returns the exit status; a failure's message and code are moved to
 * *err. file and line say where the command came from (or NULL, 0).
 */
int hs_dispatch(struct hs_session *s, char **words, size_t n,
    const char *file, unsigned line, struct hs_error *err);
/* Do everything hs_dispatch() does except the hooks and exec (calls the
 * command's check, if any): the --batch pre-flight. */
int hs_dispatch_check(struct hs_session *s, char **words, size_t n,
    struct hs_error *err);
/* Tell whether the last of words is an option that needs a value
 * (a global option, or one of the command's), for the REPL. */
bool hs_dispatch_needs_value(const struct hs_session *s, char *const *words,
    size_t n);

/*
 * Register the command that runs every non-dot word missing from the
 * table ("SERVICE OPERATION --params"), at start-up; NULL removes it. It
 * is a whole struct hs_cmd: its flags (HS_CMD_GLOBAL_OPTIONS,
 * HS_CMD_NEEDS_CREDENTIALS...), args (min/max; options NULL, so exec
 * parses its own --params), usage, exec, check and needs_value apply.
 * ctx->argv[0] is then the service word.
 */
void hs_dispatch_set_fallback(const struct hs_cmd *cmd);
const struct hs_cmd *hs_dispatch_fallback(void);

/* Hooks run by the dispatcher around exec, for commands whose flags
 * include any of `flags` (0: every command). */
struct hs_dispatch_hook {
	const char *name;	/* for BUG() messages */
	unsigned flags;		/* enum hs_cmd_flags that select the command */
	/* Before exec: 0 lets the command run; a status refuses it (record
	 * the reason with hs_ctx_fail, e.g. HS_EXIT_GUARDRAIL). NULL: none. */
	int (*before)(struct hs_ctx *ctx);
	/* After exec (or a refusal), with the final status. NULL: none. */
	void (*after)(struct hs_ctx *ctx, int status);
};

/* Register a hook at start-up (at most 16); NULL clears them all. */
void hs_dispatch_add_hook(const struct hs_dispatch_hook *hook);

/* ---- dot commands (commands/dot-*.c, cmd-host.c) ------------------- */

extern const struct hs_cmd hs_cmd_host;		/* !CMD */
extern const struct hs_cmd hs_cmd_dot_cd;
extern const struct hs_cmd hs_cmd_dot_edit;
extern const struct hs_cmd hs_cmd_dot_exit;
extern const struct hs_cmd hs_cmd_dot_help;
extern const struct hs_cmd hs_cmd_dot_history;
extern const struct hs_cmd hs_cmd_dot_profile;
extern const struct hs_cmd hs_cmd_dot_quit;
extern const struct hs_cmd hs_cmd_dot_region;
extern const struct hs_cmd hs_cmd_dot_set;
extern const struct hs_cmd hs_cmd_dot_source;
extern const struct hs_cmd hs_cmd_dot_unset;
extern const struct hs_cmd hs_cmd_dot_vars;
extern const struct hs_cmd hs_cmd_dot_words;

/* ---- other commands -------------------------------------------------- */

extern const struct hs_cmd hs_cmd_policy;	/* policy check|simulate */

/* file-write.c: write path in one step (temporary name, fsync, then
 * rename to replace, or link to create only when it does not exist);
 * -1 with *cause. */
int hs_write_file(const char *path, const char *data, size_t len,
    mode_t mode, bool replace, char **cause);

/* Run argv through /bin/sh -c (after flushing our streams); returns its
 * exit status, 128+N when killed by signal N, or -1 with *cause. A
 * Ctrl-C noted before it starts cancels it (130); one while it runs
 * reaches the whole command (cmd-host.c). */
int hs_run_host(const char *script, char *const *args, char **cause);

#endif
