/*
 * test-dispatch.c: the command table, lookup, prefixes, suggestions,
 * argument checks, global options, groups, the fallback, hooks, and the
 * global options table (sorted, found by bsearch).
 *
 * Most tests run a session over a test table of their own (session.table)
 * so they can build the cases they need (a group, options, an exact name
 * that is also a prefix); the real table is checked for order and names.
 */
#include "hs-common.h"
#include "harness.h"
#include "commands.h"

#include <signal.h>

/* ---- a test table ------------------------------------------------------ */

static int calls;
static char seen_region[64];
static char seen_argv[256];
static size_t seen_cmd_words;
static char seen_args[256];

/* Record what exec saw. */
static int
record_exec(struct hs_ctx *ctx)
{
	struct hs_buf b = HS_BUF_INIT;
	int i;
	size_t k;

	calls++;
	hs_strlcpy(seen_region, ctx->settings->region ? ctx->settings->region :
	    "(none)", sizeof seen_region);
	for (i = 0; i < ctx->argc; i++)
		(void)hs_buf_addf(&b, "%s%s", i ? " " : "", ctx->argv[i]);
	hs_strlcpy(seen_argv, b.buf, sizeof seen_argv);
	hs_buf_reset(&b);
	for (k = 0; k < ctx->args.npos; k++)
		(void)hs_buf_addf(&b, "[%s]", ctx->args.pos[k]);
	for (k = 0; k < ctx->args.nopts; k++)
		(void)hs_buf_addf(&b, "{%s=%s}", ctx->args.opts[k].opt->name,
		    ctx->args.opts[k].value ? ctx->args.opts[k].value : "");
	hs_strlcpy(seen_args, b.buf, sizeof seen_args);
	hs_buf_release(&b);
	seen_cmd_words = ctx->cmd_words;
	return 0;
}

static int
fail_exec(struct hs_ctx *ctx)
{
	return hs_ctx_fail(ctx, HS_EXIT_SERVICE, "AccessDenied",
	    "An error occurred (AccessDenied)");
}

/* Pretend Ctrl-C arrived while the command ran. */
static int
interrupted_exec(struct hs_ctx *ctx)
{
	raise(SIGINT);
	return 0;
}

static const struct hs_cmd_opt check_opts[] = {
	{ "--phi-bucket", HS_ARG_VALUE | HS_ARG_REPEAT, "NAME", "a PHI bucket" },
	{ "--strict", 0, NULL, "fail on warnings" },
	{ "--format", HS_ARG_VALUE, "FMT", "output format" },
	{ NULL, 0, NULL, NULL },
};

static const struct hs_cmd t_check = {
	.name = "check",
	.args = { .options = check_opts, .min = 1, .max = 1 },
	.usage = "FILE [--phi-bucket NAME ...] [--strict]",
	.summary = "lint a policy",
	.flags = HS_CMD_GLOBAL_OPTIONS,
	.exec = record_exec,
};

static const struct hs_cmd t_simulate = {
	.name = "simulate",
	.args = { .min = 0, .max = -1 },
	.flags = HS_CMD_GLOBAL_OPTIONS | HS_CMD_MUTATING,
	.exec = record_exec,
};

static const struct hs_cmd *const policy_subs[] = { &t_check, &t_simulate,
    NULL };

static const struct hs_cmd t_policy = {
	.name = "policy",
	.summary = "policy tools",
	.flags = HS_CMD_GLOBAL_OPTIONS,
	.subcommands = policy_subs,
};

static const struct hs_cmd t_set = {
	.name = ".set", .args = { .min = 0, .max = 2 }, .usage = "[A [B]]",
	.exec = record_exec,
};
static const struct hs_cmd t_settings = {
	.name = ".settings", .args = { .min = 0, .max = 0 }, .exec = record_exec,
};
static const struct hs_cmd t_show = {
	.name = ".show", .alias = "show", .args = { .min = 0, .max = 0 },
	.exec = record_exec,
};
static const struct hs_cmd t_deny = {
	.name = "deny", .args = { .min = 0, .max = -1 },
	.flags = HS_CMD_GLOBAL_OPTIONS | HS_CMD_MUTATING, .exec = fail_exec,
};
static const struct hs_cmd t_intr = {
	.name = "intr", .args = { .min = 0, .max = 0 }, .exec = interrupted_exec,
};

static const struct hs_cmd *const test_list[] = { &t_set, &t_settings,
    &t_show, &t_deny, &t_intr, &t_policy };
static const struct hs_cmd_table test_table = { test_list,
    HS_ARRAY_SIZE(test_list) };

/* The fallback's own checks: "bad-op" is not an operation. */
static int
fallback_check(struct hs_ctx *ctx)
{
	if (strcmp(ctx->argv[1], "bad-op") == 0)
		return hs_ctx_fail(ctx, HS_EXIT_USAGE, HS_ERR_USAGE,
		    "invalid operation 'bad-op'");
	return 0;
}

/* The fallback knows --bucket takes a value. */
static bool
fallback_needs_value(char *const *words, size_t n)
{
	return strcmp(words[n - 1], "--bucket") == 0;
}

static const struct hs_cmd t_fallback = {
	.name = "SERVICE",
	.args = { .min = 1, .max = -1 },
	.usage = "OPERATION [--PARAM VALUE ...]",
	.flags = HS_CMD_GLOBAL_OPTIONS | HS_CMD_NEEDS_CREDENTIALS,
	.exec = record_exec,
	.check = fallback_check,
	.needs_value = fallback_needs_value,
};

/* ---- helpers ------------------------------------------------------------ */

struct fixture {
	struct hs_session s;
	char *out_text, *err_text;
	size_t out_len, err_len;
	struct hs_error err;
};

static void
fixture_init(struct fixture *f, const struct hs_cmd_table *table)
{
	memset(f, 0, sizeof *f);
	hs_session_init(&f->s);
	if (table != NULL)
		f->s.table = table;
	f->s.out = open_memstream(&f->out_text, &f->out_len);
	f->s.err = open_memstream(&f->err_text, &f->err_len);
	calls = 0;
	seen_argv[0] = seen_args[0] = seen_region[0] = '\0';
	hs_dispatch_set_fallback(NULL);
	hs_dispatch_add_hook(NULL);
	hs_interrupt_install();
	hs_interrupt_clear();
}

static void
fixture_clear(struct fixture *f)
{
	fclose(f->s.out);
	fclose(f->s.err);
	free(f->out_text);
	free(f->err_text);
	hs_error_clear(&f->err);
	hs_session_clear(&f->s);
	hs_dispatch_set_fallback(NULL);
	hs_dispatch_add_hook(NULL);
}

/* Split line at spaces and dispatch it; the status. */
static int
run(struct fixture *f, const char *line)
{
	struct hs_strlist w = HS_STRLIST_INIT;
	char *copy = hs_xstrdup(line), *save = NULL, *tok;
	int status;

	for (tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ",
	    &save))
		hs_strlist_add(&w, tok);
	free(copy);
	status = hs_dispatch(&f->s, w.v, w.n, NULL, 0, &f->err);
	hs_strlist_clear(&w);
	fflush(f->s.out);
	return status;
}

/* ---- the real tables ----------------------------------------------------- */

static void
test_table_sorted(void)
{
	size_t i;

	for (i = 1; i < hs_cmd_table.n; i++) {
		if (strcmp(hs_cmd_table.cmds[i - 1]->name,
		    hs_cmd_table.cmds[i]->name) >= 0)
			printf("# out of order: '%s' before '%s'\n",
			    hs_cmd_table.cmds[i - 1]->name,
			    hs_cmd_table.cmds[i]->name);
		CU_ASSERT(strcmp(hs_cmd_table.cmds[i - 1]->name,
		    hs_cmd_table.cmds[i]->name) < 0);
	}
	for (i = 0; i < hs_cmd_table.n; i++) {
		const struct hs_cmd *c = hs_cmd_table.cmds[i];

		CU_ASSERT(c->name[0] == '.' || strcmp(c->name, "!") == 0 ||
		    c->subcommands != NULL);
		CU_ASSERT_PTR_NOT_NULL(c->summary);
		CU_ASSERT(c->exec != NULL || c->subcommands != NULL);
	}
}

static void
test_options_sorted(void)
{
	size_t i;

	for (i = 1; i < hs_options_count; i++)
		CU_ASSERT(strcmp(hs_options[i - 1].name, hs_options[i].name) < 0);
	for (i = 0; i < hs_options_count; i++) {
		CU_ASSERT_PTR_EQUAL(hs_option_find(hs_options[i].name),
		    &hs_options[i]);
		CU_ASSERT_PTR_NOT_NULL(hs_options[i].help);
		CU_ASSERT_EQUAL((hs_options[i].flags & HS_OPTION_VALUE) != 0,
		    hs_options[i].value_name != NULL);
	}
	CU_ASSERT_PTR_NULL(hs_option_find("--regio"));
	CU_ASSERT_PTR_NULL(hs_option_find("--zzz"));
	CU_ASSERT_PTR_NULL(hs_option_find("--aaa"));
	CU_ASSERT_PTR_EQUAL(hs_option_find_short('c'),
	    hs_option_find("--command"));
	CU_ASSERT_PTR_NULL(hs_option_find_short('x'));
}

/* Every option the issue names is in the table with the right scope. */
static void
test_options_present(void)
{
	static const char *const both[] = { "--profile", "--region", "--output",
	    "--endpoint-url", "--debug", "--no-verify-ssl", "--ca-bundle",
	    "--dry-run", "--cli-connect-timeout", "--cli-read-timeout",
	    "--no-paginate", "--query" };
	static const char *const startup[] = { "--var", "--batch", "--command",
	    "--keep-going", "--echo", "--help", "--version" };
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(both); i++) {
		const struct hs_option *o = hs_option_find(both[i]);

		CU_ASSERT_PTR_NOT_NULL_FATAL(o);
		CU_ASSERT(o->flags & HS_OPTION_STARTUP);
		CU_ASSERT(o->flags & HS_OPTION_PER_COMMAND);
	}
	for (i = 0; i < HS_ARRAY_SIZE(startup); i++) {
		const struct hs_option *o = hs_option_find(startup[i]);

		CU_ASSERT_PTR_NOT_NULL_FATAL(o);
		CU_ASSERT(o->flags & HS_OPTION_STARTUP);
		CU_ASSERT_FALSE(o->flags & HS_OPTION_PER_COMMAND);
	}
}

/* ---- hs_option_next ------------------------------------------------------ */

static void
test_option_next(void)
{
	char *w[] = { "--region", "us-east-1", "--debug", "--output=json",
	    "--region", "--profile", "-c", "x", "--debug=1", "--cli-read-timeout",
	    "-5", "s3", "-c", "--debug", NULL };
	const struct hs_option *opt;
	const char *value;
	size_t i = 0, n = 12;

	CU_ASSERT_EQUAL(hs_option_next(w, n, &i, HS_OPTION_PER_COMMAND, &opt,
	    &value), HS_OPT_OK);
	CU_ASSERT_EQUAL(i, 2);
	HS_ASSERT_STR_EQ(value, "us-east-1");
	CU_ASSERT_EQUAL(hs_option_next(w, n, &i, HS_OPTION_PER_COMMAND, &opt,
	    &value), HS_OPT_OK);
	CU_ASSERT_PTR_NULL(value);
	CU_ASSERT_EQUAL(opt->id, HS_OPT_DEBUG);
	CU_ASSERT_EQUAL(hs_option_next(w, n, &i, HS_OPTION_PER_COMMAND, &opt,
	    &value), HS_OPT_OK);
	HS_ASSERT_STR_EQ(value, "json");
	CU_ASSERT_EQUAL(hs_option_next(w, n, &i, HS_OPTION_PER_COMMAND, &opt,
	    &value), HS_OPT_MISSING_VALUE);
	CU_ASSERT_EQUAL(i, 4);
	i = 6;
	CU_ASSERT_EQUAL(hs_option_next(w, n, &i, HS_OPTION_PER_COMMAND, &opt,
	    &value), HS_OPT_NOT_GLOBAL);
	CU_ASSERT_EQUAL(hs_option_next(w, n, &i, HS_OPTION_STARTUP, &opt,
	    &value), HS_OPT_OK);
	HS_ASSERT_STR_EQ(value, "x");
	CU_ASSERT_EQUAL(hs_option_next(w, n, &i, HS_OPTION_STARTUP, &opt,
	    &value), HS_OPT_UNEXPECTED_VALUE);
	i = 9;
	CU_ASSERT_EQUAL(hs_option_next(w, n, &i, HS_OPTION_STARTUP, &opt,
	    &value), HS_OPT_OK);
	HS_ASSERT_STR_EQ(value, "-5");
	CU_ASSERT_EQUAL(hs_option_next(w, n, &i, HS_OPTION_STARTUP, &opt,
	    &value), HS_OPT_NOT_GLOBAL);
	i = 12;
	CU_ASSERT_EQUAL(hs_option_next(w, 14, &i, HS_OPTION_STARTUP, &opt,
	    &value), HS_OPT_OK);
	HS_ASSERT_STR_EQ(value, "--debug");
}

static void
test_settings_apply(void)
{
	static const struct { const char *opt, *value; enum hs_opt_error e; }
	    cases[] = {
		{ "--output", "json", HS_OPT_OK },
		{ "--output", "yaml-stream", HS_OPT_OK },
		{ "--output", "yaml2", HS_OPT_BAD_VALUE },
		{ "--region", "eu-west-1", HS_OPT_OK },
		{ "--region", "bad region!", HS_OPT_BAD_VALUE },
		{ "--region", "-east", HS_OPT_BAD_VALUE },
		{ "--cli-read-timeout", "0", HS_OPT_OK },
		{ "--cli-read-timeout", "-5", HS_OPT_BAD_VALUE },
		{ "--cli-connect-timeout", "5s", HS_OPT_BAD_VALUE },
		{ "--endpoint-url", "http://127.0.0.1:4566", HS_OPT_OK },
		{ "--endpoint-url", "foo", HS_OPT_BAD_VALUE },
		{ "--endpoint-url", "https://", HS_OPT_BAD_VALUE },
		{ "--profile", "", HS_OPT_BAD_VALUE },
		{ "--ca-bundle", "/etc/ssl/ca.pem", HS_OPT_OK },
		{ "--query", "Buckets[0]", HS_OPT_OK },
		{ "--var", "A=1", HS_OPT_WRONG_PLACE },
	};
	struct hs_settings s;
	size_t i;

	hs_settings_init(&s);
	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		enum hs_opt_error e = hs_settings_apply(&s,
		    hs_option_find(cases[i].opt), cases[i].value);

		if (e != cases[i].e)
			printf("# %s %s: got %d\n", cases[i].opt,
			    cases[i].value, (int)e);
		CU_ASSERT_EQUAL(e, cases[i].e);
	}
	HS_ASSERT_STR_EQ(s.output, "yaml-stream");
	HS_ASSERT_STR_EQ(s.region, "eu-west-1");
	CU_ASSERT_EQUAL(s.read_timeout, 0);
	CU_ASSERT_EQUAL(s.connect_timeout, -1);
	CU_ASSERT_TRUE(s.verify_ssl);
	CU_ASSERT_EQUAL(hs_settings_apply(&s, hs_option_find("--no-verify-ssl"),
	    NULL), HS_OPT_OK);
	CU_ASSERT_FALSE(s.verify_ssl);
	CU_ASSERT_EQUAL(hs_settings_apply(&s, hs_option_find("--no-paginate"),
	    NULL), HS_OPT_OK);
	CU_ASSERT_FALSE(s.paginate);
	hs_settings_clear(&s);
}

static void
test_option_messages(void)
{
	static const struct { enum hs_opt_error e; const char *opt, *value,
	    *msg; } cases[] = {
		{ HS_OPT_NOT_GLOBAL, NULL, NULL, "unknown option '--x'" },
		{ HS_OPT_MISSING_VALUE, "--region", NULL,
		  "option '--region' needs a value: --region REGION" },
		{ HS_OPT_UNEXPECTED_VALUE, "--debug", NULL,
		  "option '--debug' takes no value" },
		{ HS_OPT_BAD_VALUE, "--output", "yaml2", "invalid value 'yaml2' "
		  "for --output: valid choices are json, text, table, yaml, "
		  "yaml-stream" },
		{ HS_OPT_BAD_VALUE, "--cli-read-timeout", "-5", "invalid value "
		  "'-5' for --cli-read-timeout: use a whole number of seconds, "
		  "0 or more" },
		{ HS_OPT_WRONG_PLACE, "--var", NULL, "option '--var' is only "
		  "valid on hipaa-shell's command line; use .set NAME=VALUE" },
		{ HS_OPT_WRONG_PLACE, "--batch", NULL, "option '--batch' is "
		  "only valid on hipaa-shell's command line" },
	};
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		char *m = hs_option_message(cases[i].e, cases[i].opt ?
		    hs_option_find(cases[i].opt) : NULL, "--x", cases[i].value);

		HS_ASSERT_STR_EQ(m, cases[i].msg);
		free(m);
	}
}

/* ---- lookup and suggestions --------------------------------------------- */

static void
test_lookup(void)
{
	struct hs_strlist c = HS_STRLIST_INIT;
	const struct hs_cmd *cmd;

	CU_ASSERT_EQUAL(hs_cmd_lookup(&hs_cmd_table, ".history", &cmd, &c),
	    HS_LOOKUP_FOUND);
	CU_ASSERT_PTR_EQUAL(cmd, &hs_cmd_dot_history);
	CU_ASSERT_EQUAL(hs_cmd_lookup(&hs_cmd_table, ".hist", &cmd, &c),
	    HS_LOOKUP_FOUND);
	CU_ASSERT_PTR_EQUAL(cmd, &hs_cmd_dot_history);
	CU_ASSERT_EQUAL(hs_cmd_lookup(&hs_cmd_table, "exit", &cmd, &c),
	    HS_LOOKUP_FOUND);
	CU_ASSERT_PTR_EQUAL(cmd, &hs_cmd_dot_exit);
	CU_ASSERT_EQUAL(hs_cmd_lookup(&hs_cmd_table, "quit", &cmd, &c),
	    HS_LOOKUP_FOUND);
	CU_ASSERT_PTR_EQUAL(cmd, &hs_cmd_dot_quit);
	CU_ASSERT_EQUAL(hs_cmd_lookup(&hs_cmd_table, "help", &cmd, &c),
	    HS_LOOKUP_FOUND);
	CU_ASSERT_EQUAL(hs_cmd_lookup(&hs_cmd_table, "!", &cmd, &c),
	    HS_LOOKUP_FOUND);
	CU_ASSERT_PTR_EQUAL(cmd, &hs_cmd_host);
	/* prefixes are for dot commands only */
	CU_ASSERT_EQUAL(hs_cmd_lookup(&hs_cmd_table, "hel", &cmd, &c),
	    HS_LOOKUP_UNKNOWN);
	CU_ASSERT_EQUAL(hs_cmd_lookup(&hs_cmd_table, "exi", &cmd, &c),
	    HS_LOOKUP_UNKNOWN);
	CU_ASSERT_EQUAL(c.n, 0);
	CU_ASSERT_EQUAL(hs_cmd_lookup(&hs_cmd_table, ".e", &cmd, &c),
	    HS_LOOKUP_AMBIGUOUS);
	CU_ASSERT_PTR_NULL(cmd);
	CU_ASSERT_EQUAL_FATAL(c.n, 2);
	HS_ASSERT_STR_EQ(c.v[0], ".edit");
	HS_ASSERT_STR_EQ(c.v[1], ".exit");
	hs_strlist_clear(&c);
	/* an exact name wins over being a prefix of another */
	CU_ASSERT_EQUAL(hs_cmd_lookup(&test_table, ".set", &cmd, NULL),
	    HS_LOOKUP_FOUND);
	CU_ASSERT_PTR_EQUAL(cmd, &t_set);
	CU_ASSERT_EQUAL(hs_cmd_lookup(&test_table, ".sett", &cmd, NULL),
	    HS_LOOKUP_FOUND);
	CU_ASSERT_PTR_EQUAL(cmd, &t_settings);
	CU_ASSERT_EQUAL(hs_cmd_lookup(&test_table, ".zzz", &cmd, NULL),
	    HS_LOOKUP_UNKNOWN);
}

static char *
suggest(const struct hs_cmd_table *t, const char *word)
{
	struct hs_strlist l = HS_STRLIST_INIT;
	char *s;

	hs_cmd_suggest(t, word, &l);
	s = hs_strlist_join(&l, ",");
	hs_strlist_clear(&l);
	return s;
}

static void
test_suggest(void)
{
	static const char *const cases[][2] = {
		{ "hlep", ".help" }, { ".hepl", ".help" }, { "exti", ".exit" },
		{ "histroy", ".history" }, { "hist", ".history" },
		{ ".wrds", ".words" }, { "ec2", "" }, { "zzzzzzz", "" },
		{ ".sett", ".set" }, { "quiet", ".quit" }, { ".uset", ".set,.unset" },
	};
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		char *s = suggest(&hs_cmd_table, cases[i][0]);

		if (strcmp(s, cases[i][1]) != 0)
			printf("# suggest '%s'\n", cases[i][0]);
		HS_ASSERT_STR_EQ(s, cases[i][1]);
		free(s);
	}
}

/* ---- dispatch ----------------------------------------------------------- */

struct fixture;
static bool needs(struct fixture *f, const char *line);

static void
test_unknown_command(void)
{
	struct fixture f;

	fixture_init(&f, NULL);
	CU_ASSERT_EQUAL(run(&f, "hlep"), HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(f.err.code, HS_ERR_UNKNOWN_COMMAND);
	HS_ASSERT_STR_EQ(f.err.message,
	    "unknown command 'hlep'; did you mean '.help'?");
	CU_ASSERT_EQUAL(run(&f, "ec2 describe-instances"), HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(f.err.message,
	    "unknown command 'ec2'; .help lists the commands");
	CU_ASSERT_EQUAL(run(&f, ".e"), HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(f.err.code, HS_ERR_AMBIGUOUS);
	HS_ASSERT_STR_EQ(f.err.message,
	    "ambiguous command '.e': could be .edit, .exit");
	CU_ASSERT_EQUAL(run(&f, ".uset"), HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(f.err.message,
	    "unknown command '.uset'; did you mean one of '.set', '.unset'?");
	fixture_clear(&f);
}

static void
test_argument_counts(void)
{
	struct fixture f;

	fixture_init(&f, NULL);
	CU_ASSERT_EQUAL(run(&f, ".cd a b"), HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(f.err.code, HS_ERR_USAGE);
	HS_ASSERT_STR_EQ(f.err.message,
	    "too many arguments for '.cd'\nusage: .cd [DIR]");
	CU_ASSERT_EQUAL(run(&f, ".so"), HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(f.err.message,
	    "missing argument for '.source'\nusage: .source FILE");
	CU_ASSERT_EQUAL(run(&f, ".vars x"), HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(f.err.message,
	    "too many arguments for '.vars'\nusage: .vars");
	CU_ASSERT_EQUAL(run(&f, "!"), HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(f.err.message,
	    "missing argument for '!'\nusage: ! COMMAND");
	fixture_clear(&f);
}

static void
test_own_options(void)
{
	struct fixture f;

	fixture_init(&f, &test_table);
	CU_ASSERT_EQUAL(run(&f, "policy check p.json --phi-bucket a "
	    "--phi-bucket=b --strict"), 0);
	HS_ASSERT_STR_EQ(seen_args,
	    "[p.json]{--phi-bucket=a}{--phi-bucket=b}{--strict=}");
	CU_ASSERT_EQUAL(seen_cmd_words, 2);
	CU_ASSERT_EQUAL(run(&f, "policy check p.json --strct"), HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(f.err.message, "unknown option '--strct' for 'policy "
	    "check'; did you mean '--strict'?\nusage: policy check FILE "
	    "[--phi-bucket NAME ...] [--strict]");
	CU_ASSERT_EQUAL(run(&f, "policy check p.json --phi-bucket"),
	    HS_EXIT_USAGE);
	CU_ASSERT(hs_starts_with(f.err.message, "option '--phi-bucket' needs "
	    "a value: --phi-bucket NAME\n"));
	CU_ASSERT_EQUAL(run(&f, "policy check p.json --strict=yes"),
	    HS_EXIT_USAGE);
	CU_ASSERT(hs_starts_with(f.err.message,
	    "option '--strict' takes no value\n"));
	CU_ASSERT_EQUAL(run(&f, "policy check p.json --format a --format b"),
	    HS_EXIT_USAGE);
	CU_ASSERT(hs_starts_with(f.err.message,
	    "option '--format' is given more than once\n"));
	CU_ASSERT_EQUAL(run(&f, "policy check -- --strict"), 0);
	HS_ASSERT_STR_EQ(seen_args, "[--strict]");
	CU_ASSERT_EQUAL(run(&f, "policy check a b"), HS_EXIT_USAGE);
	CU_ASSERT_EQUAL(calls, 2);
	fixture_clear(&f);
}

static void
test_groups(void)
{
	struct fixture f;

	fixture_init(&f, &test_table);
	CU_ASSERT_EQUAL(run(&f, "policy"), HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(f.err.message, "missing sub-command for 'policy': one "
	    "of check, simulate\nusage: policy SUBCOMMAND ...");
	CU_ASSERT_EQUAL(run(&f, "policy chek x"), HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(f.err.code, HS_ERR_UNKNOWN_COMMAND);
	HS_ASSERT_STR_EQ(f.err.message, "unknown sub-command 'chek' of "
	    "'policy': valid ones are check, simulate");
	CU_ASSERT_EQUAL(run(&f, "policy simulate a b c"), 0);
	HS_ASSERT_STR_EQ(seen_args, "[a][b][c]");
	CU_ASSERT_EQUAL(run(&f, "policy --region eu-west-1 simulate"), 0);
	HS_ASSERT_STR_EQ(seen_region, "eu-west-1");
	HS_ASSERT_STR_EQ(seen_argv, "policy simulate");
	fixture_clear(&f);
}

static void
test_global_options_per_command(void)
{
	struct fixture f;

	fixture_init(&f, &test_table);
	f.s.settings.region = hs_xstrdup("us-east-1");
	CU_ASSERT_EQUAL(run(&f, "policy check --region eu-west-1 p.json "
	    "--debug"), 0);
	HS_ASSERT_STR_EQ(seen_region, "eu-west-1");
	HS_ASSERT_STR_EQ(seen_argv, "policy check p.json");
	HS_ASSERT_STR_EQ(f.s.settings.region, "us-east-1");
	CU_ASSERT_FALSE(f.s.settings.debug);
	CU_ASSERT_EQUAL(run(&f, "--region=ap-south-1 policy check p.json"), 0);
	HS_ASSERT_STR_EQ(seen_region, "ap-south-1");
	CU_ASSERT_EQUAL(run(&f, "policy check p.json --region"), HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(f.err.message,
	    "option '--region' needs a value: --region REGION");
	CU_ASSERT_EQUAL(run(&f, "policy check p.json --output yaml2"),
	    HS_EXIT_USAGE);
	CU_ASSERT(hs_starts_with(f.err.message, "invalid value 'yaml2' for "
	    "--output"));
	CU_ASSERT_EQUAL(run(&f, "policy check p.json --var A=1"),
	    HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(f.err.message, "option '--var' is only valid on "
	    "hipaa-shell's command line; use .set NAME=VALUE");
	CU_ASSERT_EQUAL(run(&f, "--region"), HS_EXIT_USAGE);
	CU_ASSERT_EQUAL(run(&f, "--debug"), HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(f.err.message, "missing command after the options");
	/* dot commands take no global options: the words are theirs */
	CU_ASSERT_EQUAL(run(&f, ".set --region x"), 0);
	HS_ASSERT_STR_EQ(seen_args, "[--region][x]");
	CU_ASSERT_EQUAL(run(&f, "--region eu-west-1 .show"), HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(f.err.message,
	    "option '--region' is not valid for '.show'");
	fixture_clear(&f);
}

static void
test_fallback(void)
{
	struct fixture f;

	fixture_init(&f, &test_table);
	CU_ASSERT_EQUAL(run(&f, "ec2 describe-instances"), HS_EXIT_USAGE);
	CU_ASSERT_EQUAL(calls, 0);
	hs_dispatch_set_fallback(&t_fallback);
	CU_ASSERT_PTR_EQUAL(hs_dispatch_fallback(), &t_fallback);
	CU_ASSERT_EQUAL(run(&f, "ec2 describe-instances --region eu-west-1 "
	    "--instance-ids i-1"), 0);
	HS_ASSERT_STR_EQ(seen_argv, "ec2 describe-instances --instance-ids i-1");
	HS_ASSERT_STR_EQ(seen_region, "eu-west-1");
	CU_ASSERT_EQUAL(run(&f, "ec2"), HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(f.err.message, "missing argument for 'ec2'\n"
	    "usage: ec2 OPERATION [--PARAM VALUE ...]");
	/* dot words and table words never reach the fallback */
	CU_ASSERT_EQUAL(run(&f, ".nope"), HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(f.err.code, HS_ERR_UNKNOWN_COMMAND);
	CU_ASSERT_EQUAL(run(&f, "show"), 0);
	HS_ASSERT_STR_EQ(seen_argv, "show");
	fixture_clear(&f);
}

/* hs_dispatch_check does all but exec, and runs the command's check. */
static void
test_check_only(void)
{
	struct fixture f;
	char *ok[] = { "s3api", "list-buckets", "--region", "eu-west-1", NULL };
	char *bad[] = { "s3api", "bad-op", NULL };
	char *badopt[] = { "s3api", "x", "--output", "nope", NULL };

	fixture_init(&f, &test_table);
	hs_dispatch_set_fallback(&t_fallback);
	CU_ASSERT_EQUAL(hs_dispatch_check(&f.s, ok, 4, &f.err), 0);
	CU_ASSERT_EQUAL(hs_dispatch_check(&f.s, bad, 2, &f.err), HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(f.err.message, "invalid operation 'bad-op'");
	CU_ASSERT_EQUAL(hs_dispatch_check(&f.s, badopt, 4, &f.err),
	    HS_EXIT_USAGE);
	CU_ASSERT(hs_starts_with(f.err.message, "invalid value 'nope'"));
	CU_ASSERT_EQUAL(calls, 0);
	CU_ASSERT_TRUE(needs(&f, "s3api put-object --bucket"));
	CU_ASSERT_FALSE(needs(&f, "s3api put-object --key"));
	fixture_clear(&f);
}

static int before_calls, after_calls, after_status;

static int
refuse_mutating(struct hs_ctx *ctx)
{
	before_calls++;
	return hs_ctx_fail(ctx, HS_EXIT_GUARDRAIL, "GuardrailRefused",
	    "refused by the test guardrail");
}

static void
count_after(struct hs_ctx *ctx, int status)
{
	after_calls++;
	after_status = status;
}

static void
test_hooks(void)
{
	static const struct hs_dispatch_hook guard = { "guard",
	    HS_CMD_MUTATING, refuse_mutating, count_after };
	static const struct hs_dispatch_hook audit = { "audit", 0, NULL,
	    count_after };
	struct fixture f;

	fixture_init(&f, &test_table);
	before_calls = after_calls = after_status = 0;
	hs_dispatch_add_hook(&guard);
	hs_dispatch_add_hook(&audit);
	CU_ASSERT_EQUAL(run(&f, "policy simulate"), HS_EXIT_GUARDRAIL);
	HS_ASSERT_STR_EQ(f.err.code, "GuardrailRefused");
	CU_ASSERT_EQUAL(calls, 0);
	CU_ASSERT_EQUAL(before_calls, 1);
	CU_ASSERT_EQUAL(after_calls, 2);
	CU_ASSERT_EQUAL(after_status, HS_EXIT_GUARDRAIL);
	CU_ASSERT_EQUAL(run(&f, "policy check p.json"), 0);
	CU_ASSERT_EQUAL(calls, 1);
	CU_ASSERT_EQUAL(before_calls, 1);
	CU_ASSERT_EQUAL(after_calls, 3);
	CU_ASSERT_EQUAL(after_status, 0);
	hs_dispatch_add_hook(NULL);
	CU_ASSERT_EQUAL(run(&f, "policy simulate"), 0);
	CU_ASSERT_EQUAL(after_calls, 3);
	fixture_clear(&f);
}

static void
test_service_error_and_interrupt(void)
{
	struct fixture f;

	fixture_init(&f, &test_table);
	CU_ASSERT_EQUAL(run(&f, "deny"), HS_EXIT_SERVICE);
	HS_ASSERT_STR_EQ(f.err.code, "AccessDenied");
	CU_ASSERT_EQUAL(f.s.last_status, HS_EXIT_SERVICE);
	CU_ASSERT_EQUAL(run(&f, "intr"), HS_EXIT_INTERRUPTED);
	HS_ASSERT_STR_EQ(f.err.code, HS_ERR_INTERRUPTED);
	HS_ASSERT_STR_EQ(f.err.message, "interrupted");
	hs_interrupt_clear();
	CU_ASSERT_EQUAL(run(&f, "show"), 0);
	CU_ASSERT_PTR_NULL(f.err.message);
	fixture_clear(&f);
}

static bool
needs(struct fixture *f, const char *line)
{
	struct hs_strlist w = HS_STRLIST_INIT;
	char *copy = hs_xstrdup(line), *save = NULL, *tok;
	bool r;

	for (tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ",
	    &save))
		hs_strlist_add(&w, tok);
	free(copy);
	r = hs_dispatch_needs_value(&f->s, w.v, w.n);
	hs_strlist_clear(&w);
	return r;
}

static void
test_needs_value(void)
{
	struct fixture f;

	fixture_init(&f, &test_table);
	CU_ASSERT_TRUE(needs(&f, "s3 ls --region"));
	CU_ASSERT_FALSE(needs(&f, "s3 ls --debug"));
	CU_ASSERT_FALSE(needs(&f, "s3 ls --region=x"));
	CU_ASSERT_FALSE(needs(&f, "s3 ls region"));
	CU_ASSERT_TRUE(needs(&f, "--region"));
	CU_ASSERT_TRUE(needs(&f, "--profile p s3 ls --output"));
	CU_ASSERT_FALSE(needs(&f, ".set --region"));
	CU_ASSERT_FALSE(needs(&f, ".nope --region"));
	CU_ASSERT_TRUE(needs(&f, "policy check --phi-bucket"));
	CU_ASSERT_FALSE(needs(&f, "policy check --strict"));
	CU_ASSERT_TRUE(needs(&f, "policy check --query"));
	fixture_clear(&f);
}

/* ---- redaction and resolution ------------------------------------------ */

static void
test_redact(void)
{
	static const char *const cases[][2] = {
		{ "iam create --secret-access-key abc123 --x y",
		  "iam create --secret-access-key *** --x y" },
		{ "sts x --session-token 'tok en' --y", "sts x --session-token *** --y" },
		{ "x --password=hunter2", "x --password=***" },
		{ ".set DB_PASSWORD=hunter2 REGION=eu", ".set DB_PASSWORD=*** REGION=eu" },
		{ "!export AWS_SECRET_ACCESS_KEY=abc", "!export AWS_SECRET_ACCESS_KEY=***" },
		{ "x aws_secret_access_key=abc", "x aws_secret_access_key=***" },
		{ "x --creds AccessKeyId=AKIA,SecretAccessKey=s3cr,SessionToken=t",
		  "x --creds AccessKeyId=AKIA,SecretAccessKey=***,SessionToken=***" },
		{ "x --doc '{\"Password\": \"p w\", \"User\": \"u\"}'",
		  "x --doc '{\"Password\": \"***\", \"User\": \"u\"}'" },
		{ ".set API_TOKEN='a b'", ".set API_TOKEN=***" },
		{ "iam list --starting-token abc --next-token def",
		  "iam list --starting-token abc --next-token def" },
		{ "sm get --secret-id prod/db", "sm get --secret-id prod/db" },
		{ "s3 cp a b --sse-customer-key k", "s3 cp a b --sse-customer-key ***" },
		{ "x --password --y", "x --password --y" },
		{ "x --password", "x --password" },
		{ "plain command", "plain command" },
	};
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		char *r = hs_redact(cases[i][0]);

		HS_ASSERT_STR_EQ(r, cases[i][1]);
		free(r);
	}
	CU_ASSERT_TRUE(hs_secret_name("DB_PASSWORD", 11));
	CU_ASSERT_TRUE(hs_secret_name("--private-key", 13));
	CU_ASSERT_FALSE(hs_secret_name("--next-token", 12));
	CU_ASSERT_FALSE(hs_secret_name("REGION", 6));
}

static void
test_resolve(void)
{
	struct hs_settings s;
	struct hs_resolved r;

	hs_settings_init(&s);
	unsetenv("AWS_PROFILE");
	unsetenv("AWS_DEFAULT_PROFILE");
	unsetenv("AWS_REGION");
	unsetenv("AWS_DEFAULT_REGION");
	hs_resolve(&s, &r);
	HS_ASSERT_STR_EQ(r.profile, "default");
	CU_ASSERT_PTR_NULL(r.region);
	hs_resolved_clear(&r);
	setenv("AWS_DEFAULT_PROFILE", "dp", 1);
	setenv("AWS_DEFAULT_REGION", "us-west-2", 1);
	hs_resolve(&s, &r);
	HS_ASSERT_STR_EQ(r.profile, "dp");
	HS_ASSERT_STR_EQ(r.region, "us-west-2");
	HS_ASSERT_STR_EQ(r.region_source, "AWS_DEFAULT_REGION");
	hs_resolved_clear(&r);
	setenv("AWS_PROFILE", "p", 1);
	setenv("AWS_REGION", "eu-west-1", 1);
	hs_resolve(&s, &r);
	HS_ASSERT_STR_EQ(r.profile, "p");
	HS_ASSERT_STR_EQ(r.profile_source, "AWS_PROFILE");
	HS_ASSERT_STR_EQ(r.region, "eu-west-1");
	hs_resolved_clear(&r);
	s.profile = hs_xstrdup("opt");
	s.region = hs_xstrdup("ap-south-1");
	hs_resolve(&s, &r);
	HS_ASSERT_STR_EQ(r.profile, "opt");
	HS_ASSERT_STR_EQ(r.region, "ap-south-1");
	HS_ASSERT_STR_EQ(r.region_source, "--region");
	hs_resolved_clear(&r);
	hs_settings_clear(&s);
	unsetenv("AWS_PROFILE");
	unsetenv("AWS_DEFAULT_PROFILE");
	unsetenv("AWS_REGION");
	unsetenv("AWS_DEFAULT_REGION");
}

static void
test_vars(void)
{
	struct hs_vars v = HS_VARS_INIT;
	char *cause = NULL;

	CU_ASSERT_EQUAL(hs_vars_assign(&v, "B=2", &cause), 0);
	CU_ASSERT_EQUAL(hs_vars_assign(&v, "A=x=y", &cause), 0);
	CU_ASSERT_EQUAL(hs_vars_assign(&v, "C=", &cause), 0);
	HS_ASSERT_STR_EQ(hs_vars_get(&v, "A"), "x=y");
	HS_ASSERT_STR_EQ(hs_vars_get(&v, "C"), "");
	HS_ASSERT_STR_EQ(v.v[0].name, "A");
	HS_ASSERT_STR_EQ(v.v[2].name, "C");
	CU_ASSERT_EQUAL(hs_vars_assign(&v, "1A=2", &cause), -1);
	HS_ASSERT_STR_EQ(cause, "invalid variable name '1A': use letters, "
	    "digits and '_', not starting with a digit");
	free(cause);
	CU_ASSERT_EQUAL(hs_vars_assign(&v, "AB", &cause), -1);
	HS_ASSERT_STR_EQ(cause, "'AB' is not NAME=VALUE");
	free(cause);
	CU_ASSERT_TRUE(hs_vars_unset(&v, "B"));
	CU_ASSERT_FALSE(hs_vars_unset(&v, "B"));
	CU_ASSERT_PTR_NULL(hs_vars_get(&v, "B"));
	hs_vars_clear(&v);
}

void
hs_unit_register(void)
{
	static const struct hs_unit_case tables[] = {
		{ "commands-sorted", test_table_sorted },
		{ "options-sorted", test_options_sorted },
		{ "options-present", test_options_present },
		{ "option-next", test_option_next },
		{ "settings-apply", test_settings_apply },
		{ "option-messages", test_option_messages },
	};
	static const struct hs_unit_case dispatch[] = {
		{ "lookup", test_lookup },
		{ "suggest", test_suggest },
		{ "unknown-command", test_unknown_command },
		{ "argument-counts", test_argument_counts },
		{ "own-options", test_own_options },
		{ "groups", test_groups },
		{ "global-options-per-command", test_global_options_per_command },
		{ "fallback", test_fallback },
		{ "check-only", test_check_only },
		{ "hooks", test_hooks },
		{ "service-error-and-interrupt", test_service_error_and_interrupt },
		{ "needs-value", test_needs_value },
	};
	static const struct hs_unit_case misc[] = {
		{ "redact", test_redact },
		{ "resolve", test_resolve },
		{ "vars", test_vars },
	};

	hs_unit_add_table("tables", tables, HS_ARRAY_SIZE(tables));
	hs_unit_add_table("dispatch", dispatch, HS_ARRAY_SIZE(dispatch));
	hs_unit_add_table("misc", misc, HS_ARRAY_SIZE(misc));
}
