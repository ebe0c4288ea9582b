/*
 * test-batch.c: the runbook runner (check pass, stop at the first
 * failure with FILE:LINE, --keep-going, --echo, # expect-error, .exit,
 * .source), the reporter's formats, the history file and the prompt.
 *
 * A test fallback stands in for AWS commands: "svc ok [WORD]" prints
 * "ran WORD", "svc fail CODE STATUS" fails with that code and status.
 */
#include "hs-common.h"
#include "harness.h"
#include "shell.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static int
svc_exec(struct hs_ctx *ctx)
{
	if (strcmp(ctx->argv[1], "ok") == 0) {
		fprintf(ctx->out, "ran %s\n", ctx->argc > 2 ? ctx->argv[2] : "");
		return 0;
	}
	if (strcmp(ctx->argv[1], "fail") == 0 && ctx->argc == 4)
		return hs_ctx_fail(ctx, atoi(ctx->argv[3]), ctx->argv[2],
		    "An error occurred (%s)", ctx->argv[2]);
	return hs_ctx_fail(ctx, HS_EXIT_USAGE, HS_ERR_USAGE, "bad svc");
}

/* What the model fallback will check before anything runs. */
static int
svc_check(struct hs_ctx *ctx)
{
	if (strcmp(ctx->argv[1], "ok") != 0 && strcmp(ctx->argv[1], "fail") != 0)
		return hs_ctx_fail(ctx, HS_EXIT_USAGE, HS_ERR_USAGE,
		    "invalid choice '%s'", ctx->argv[1]);
	return 0;
}

static const struct hs_cmd svc = {
	.name = "SERVICE",
	.args = { .min = 1, .max = -1 },
	.flags = HS_CMD_GLOBAL_OPTIONS,
	.exec = svc_exec,
	.check = svc_check,
};

struct fixture {
	struct hs_session s;
	char *out, *err;
	size_t out_len, err_len;
};

static void
fixture_init(struct fixture *f, unsigned flags)
{
	memset(f, 0, sizeof *f);
	hs_session_init(&f->s);
	f->s.out = open_memstream(&f->out, &f->out_len);
	f->s.err = open_memstream(&f->err, &f->err_len);
	f->s.source = hs_batch_source;
	f->s.run_flags = flags;
	hs_dispatch_set_fallback(&svc);
	hs_interrupt_clear();
}

static void
fixture_clear(struct fixture *f)
{
	fclose(f->s.out);
	fclose(f->s.err);
	free(f->out);
	free(f->err);
	hs_session_clear(&f->s);
	hs_dispatch_set_fallback(NULL);
}

/* Run text as the runbook "rb.hsh"; streams flushed after. */
static int
run(struct fixture *f, const char *text)
{
	struct hs_batch b = { "rb.hsh", HS_REPORT_BATCH, f->s.run_flags };
	int status = hs_batch_run(&f->s, &b, text, strlen(text));

	fflush(f->s.out);
	fflush(f->s.err);
	return status;
}

static void
test_stop_at_first_failure(void)
{
	struct fixture f;

	fixture_init(&f, 0);
	CU_ASSERT_EQUAL(run(&f, "svc ok 1\n\nsvc fail NoSuchBucket 254\n"
	    "svc ok 2\n"), HS_EXIT_SERVICE);
	HS_ASSERT_STR_EQ(f.out, "ran 1\n");
	HS_ASSERT_STR_EQ(f.err, "rb.hsh:3: An error occurred (NoSuchBucket)\n");
	fixture_clear(&f);
}

static void
test_keep_going(void)
{
	struct fixture f;

	fixture_init(&f, HS_RUN_KEEP_GOING);
	CU_ASSERT_EQUAL(run(&f, "svc fail A 254\nsvc ok 1\n"
	    "svc fail B 253\nsvc ok 2\n"), HS_EXIT_SERVICE);
	HS_ASSERT_STR_EQ(f.out, "ran 1\nran 2\n");
	HS_ASSERT_STR_EQ(f.err, "rb.hsh:1: An error occurred (A)\n"
	    "rb.hsh:3: An error occurred (B)\n");
	fixture_clear(&f);
}

/* A mistake anywhere stops the runbook before anything runs. */
static void
test_check_pass(void)
{
	struct fixture f;

	fixture_init(&f, HS_RUN_KEEP_GOING);
	CU_ASSERT_EQUAL(run(&f, "svc ok 1\n.hlep\nsvc ok $NOPE\n.cd a b\n"
	    "svc ok 'open\n"), HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(f.out, "");
	HS_ASSERT_STR_EQ(f.err,
	    "rb.hsh:2: unknown command '.hlep'; did you mean '.help'?\n"
	    "rb.hsh:3:8: undefined variable 'NOPE': set it with .set "
	    "NOPE=VALUE or --var NOPE=VALUE\n"
	    "rb.hsh:4: too many arguments for '.cd'\nusage: .cd [DIR]\n"
	    "rb.hsh:5:8: unterminated single quote: close it with '\n");
	fixture_clear(&f);
}

/* The check pass runs the commands' own checks (the model's, later). */
static void
test_check_pass_command_checks(void)
{
	struct fixture f;

	fixture_init(&f, 0);
	CU_ASSERT_EQUAL(run(&f, "svc ok 1\nsvc describe-nothing\n"),
	    HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(f.out, "");
	HS_ASSERT_STR_EQ(f.err, "rb.hsh:2: invalid choice 'describe-nothing'\n");
	fixture_clear(&f);
}

/* The check pass follows the runbook's own .set and .unset. */
static void
test_check_follows_set(void)
{
	struct fixture f;

	fixture_init(&f, 0);
	CU_ASSERT_EQUAL(run(&f, ".set B=x\nsvc ok $B\n"), 0);
	HS_ASSERT_STR_EQ(f.out, "ran x\n");
	CU_ASSERT_EQUAL(run(&f, "svc ok $C\n.set C=1\n"), HS_EXIT_USAGE);
	CU_ASSERT_PTR_NULL(hs_vars_get(&f.s.vars, "C"));
	CU_ASSERT_EQUAL(run(&f, ".unset B\nsvc ok $B\n"), HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(hs_vars_get(&f.s.vars, "B"), "x");
	fixture_clear(&f);
}

static void
test_echo(void)
{
	struct fixture f;

	fixture_init(&f, HS_RUN_ECHO);
	CU_ASSERT_EQUAL(run(&f, "# setup\n  svc ok 1  # note\n"
	    ".set DB_PASSWORD=hunter2\nsvc ok \\\n  2\n"), 0);
	HS_ASSERT_STR_EQ(f.out, "$ svc ok 1  # note\nran 1\n"
	    "$ .set DB_PASSWORD=***\n$ svc ok \\\n  2\nran 2\n");
	fixture_clear(&f);
}

static void
test_expect_error(void)
{
	struct fixture f;

	fixture_init(&f, 0);
	CU_ASSERT_EQUAL(run(&f, "# expect-error: AccessDenied\n"
	    "svc fail AccessDenied 254\nsvc ok after\n"), 0);
	HS_ASSERT_STR_EQ(f.out, "ran after\n");
	HS_ASSERT_STR_EQ(f.err, "");
	CU_ASSERT_EQUAL(run(&f, "# expect-error: AccessDenied\n"
	    "svc fail NoSuchKey 254\nsvc ok never\n"), HS_EXIT_SERVICE);
	HS_ASSERT_STR_EQ(f.err, "rb.hsh:2: expected error 'AccessDenied', got "
	    "'NoSuchKey': An error occurred (NoSuchKey)\n");
	fixture_clear(&f);
	fixture_init(&f, 0);
	CU_ASSERT_EQUAL(run(&f, "# expect-error: AccessDenied\nsvc ok 1\n"),
	    HS_EXIT_GENERAL);
	HS_ASSERT_STR_EQ(f.err, "rb.hsh:2: expected error 'AccessDenied', but "
	    "the command succeeded\n");
	fixture_clear(&f);
}

/* A command that is meant to fail is not stopped by the check pass. */
static void
test_expect_error_local_codes(void)
{
	struct fixture f;

	fixture_init(&f, HS_RUN_ECHO);
	CU_ASSERT_EQUAL(run(&f, "# expect-error: UnknownCommand\n.nope\n"
	    "# expect-error: UndefinedVariable\nsvc ok $NOPE\n"
	    "# expect-error: HostCommandFailed\n!exit 2\nsvc ok end\n"), 0);
	HS_ASSERT_STR_EQ(f.out, "$ .nope\n# failed as expected (UnknownCommand)\n"
	    "$ svc ok $NOPE\n# failed as expected (UndefinedVariable)\n"
	    "$ !exit 2\n# failed as expected (HostCommandFailed)\n"
	    "$ svc ok end\nran end\n");
	HS_ASSERT_STR_EQ(f.err, "");
	fixture_clear(&f);
}

static void
test_exit_stops(void)
{
	struct fixture f;

	fixture_init(&f, 0);
	CU_ASSERT_EQUAL(run(&f, "svc ok 1\n.exit\nsvc ok 2\n"), 0);
	HS_ASSERT_STR_EQ(f.out, "ran 1\n");
	fixture_clear(&f);
	fixture_init(&f, HS_RUN_KEEP_GOING);
	CU_ASSERT_EQUAL(run(&f, "svc fail A 254\nexit\nsvc ok 2\n"),
	    HS_EXIT_SERVICE);
	fixture_clear(&f);
	fixture_init(&f, 0);
	CU_ASSERT_EQUAL(run(&f, "quit 4\nsvc ok 2\n"), 4);
	HS_ASSERT_STR_EQ(f.out, "");
	fixture_clear(&f);
}

static void
write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	fputs(text, fp);
	fclose(fp);
}

static void
test_source(void)
{
	struct fixture f;
	const char *tmp = hs_unit_tmpdir();
	char *inner = hs_xasprintf("%s/inner.hsh", tmp);
	char *outer = hs_xasprintf("svc ok 1\n.source %s\nsvc ok 3\n", inner);
	char *expect = hs_xasprintf("%s:2: An error occurred (X)\n", inner);

	fixture_init(&f, 0);
	write_text(inner, ".set IN=1\nsvc ok in$IN\n");
	CU_ASSERT_EQUAL(run(&f, outer), 0);
	HS_ASSERT_STR_EQ(f.out, "ran 1\nran in1\nran 3\n");
	write_text(inner, "svc ok in\nsvc fail X 254\n");
	CU_ASSERT_EQUAL(run(&f, outer), HS_EXIT_SERVICE);
	HS_ASSERT_STR_EQ(f.err, expect);
	fixture_clear(&f);
	fixture_init(&f, 0);
	CU_ASSERT_EQUAL(run(&f, ".source /no/such.hsh\n"), HS_EXIT_GENERAL);
	HS_ASSERT_STR_EQ(f.err, "rb.hsh:1: cannot read runbook '/no/such.hsh': "
	    "No such file or directory\n");
	fixture_clear(&f);
	free(inner);
	free(outer);
	free(expect);
}

static void
test_text_checks(void)
{
	struct fixture f;
	struct hs_batch b = { "rb.hsh", HS_REPORT_BATCH, 0 };

	fixture_init(&f, 0);
	CU_ASSERT_EQUAL(hs_batch_run(&f.s, &b, "svc ok\n\0x", 9), HS_EXIT_USAGE);
	fflush(f.s.err);
	HS_ASSERT_STR_EQ(f.err, "rb.hsh: NUL byte at line 2: a runbook must be "
	    "a text file\n");
	CU_ASSERT_EQUAL(run(&f, "\xEF\xBB\xBFsvc ok bom\n"), 0);
	HS_ASSERT_STR_EQ(f.out, "ran bom\n");
	fixture_clear(&f);
}

static void
test_command_mode(void)
{
	struct fixture f;
	struct hs_batch b = { "-c", HS_REPORT_COMMAND, 0 };
	const char *cmd = "svc ok 1\nsvc fail A 254\nsvc ok 2";

	fixture_init(&f, 0);
	CU_ASSERT_EQUAL(hs_batch_run(&f.s, &b, cmd, strlen(cmd)),
	    HS_EXIT_SERVICE);
	CU_ASSERT_EQUAL(hs_batch_run(&f.s, &b, "svc ok 'x", 9), HS_EXIT_USAGE);
	fflush(f.s.out);
	fflush(f.s.err);
	HS_ASSERT_STR_EQ(f.out, "ran 1\n");
	HS_ASSERT_STR_EQ(f.err, "An error occurred (A)\nline 1, column 8: "
	    "unterminated single quote: close it with '\n");
	fixture_clear(&f);
}

static void
test_run_file(void)
{
	struct fixture f;
	struct hs_batch b = { "x", HS_REPORT_BATCH, 0 };
	char *path = hs_xasprintf("%s/rb.hsh", hs_unit_tmpdir());

	fixture_init(&f, 0);
	write_text(path, "svc ok file\n");
	CU_ASSERT_EQUAL(hs_batch_run_file(&f.s, &b, path), 0);
	CU_ASSERT_EQUAL(hs_batch_run_file(&f.s, &b, "/no/such"),
	    HS_EXIT_GENERAL);
	fflush(f.s.out);
	fflush(f.s.err);
	HS_ASSERT_STR_EQ(f.out, "ran file\n");
	HS_ASSERT_STR_EQ(f.err, "cannot read runbook '/no/such': No such file "
	    "or directory\n");
	fixture_clear(&f);
	free(path);
}

/* ---- the reporter ------------------------------------------------------- */

static void
test_report(void)
{
	struct hs_error plain = { 254, (char *)"X", (char *)"failed", 0, 0 };
	struct hs_error lexer = { 252, (char *)"SyntaxError", (char *)"bad", 4,
	    7 };
	struct hs_error silent = { 1, NULL, NULL, 0, 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	hs_report(out, HS_REPORT_BATCH, "rb.hsh", 3, &plain);
	hs_report(out, HS_REPORT_BATCH, "rb.hsh", 3, &lexer);
	hs_report(out, HS_REPORT_BATCH, "rb.hsh", 0, &plain);
	hs_report(out, HS_REPORT_REPL, NULL, 0, &plain);
	hs_report(out, HS_REPORT_REPL, NULL, 0, &lexer);
	hs_report(out, HS_REPORT_COMMAND, "-c", 1, &plain);
	hs_report(out, HS_REPORT_BATCH, "rb.hsh", 3, &silent);
	fclose(out);
	HS_ASSERT_STR_EQ(buf, "rb.hsh:3: failed\nrb.hsh:4:7: bad\n"
	    "rb.hsh: failed\nfailed\nline 4, column 7: bad\nfailed\n");
	free(buf);
}

/* ---- history ------------------------------------------------------------ */

static void
test_history_path(void)
{
	char *p;

	setenv("XDG_STATE_HOME", "/state", 1);
	setenv("HOME", "/home/u", 1);
	p = hs_history_path();
	HS_ASSERT_STR_EQ(p, "/state/hipaa-shell/history");
	free(p);
	setenv("XDG_STATE_HOME", "relative/state", 1);
	p = hs_history_path();
	HS_ASSERT_STR_EQ(p, "/home/u/.local/state/hipaa-shell/history");
	free(p);
	unsetenv("XDG_STATE_HOME");
	p = hs_history_path();
	HS_ASSERT_STR_EQ(p, "/home/u/.local/state/hipaa-shell/history");
	free(p);
}

static void
test_history_file(void)
{
	const char *tmp = hs_unit_tmpdir();
	char *path = hs_xasprintf("%s/a/b/history", tmp);
	char *dir = hs_xasprintf("%s/a/b", tmp);
	struct hs_strlist l = HS_STRLIST_INIT;
	char *cause = NULL;
	struct stat st;

	umask(022);
	CU_ASSERT_EQUAL(hs_history_append(path, "s3 ls", 100, &cause), 0);
	CU_ASSERT_EQUAL(hs_history_append(path, "iam put '{\n  \"a\": 1\n}'",
	    101, &cause), 0);
	CU_ASSERT_EQUAL(stat(path, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
	CU_ASSERT_EQUAL(stat(dir, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 0777, 0700);
	CU_ASSERT_EQUAL(hs_history_load(path, 100, &l, &cause), 0);
	CU_ASSERT_EQUAL_FATAL(l.n, 2);
	HS_ASSERT_STR_EQ(l.v[0], "s3 ls");
	HS_ASSERT_STR_EQ(l.v[1], "iam put '{\n  \"a\": 1\n}'");
	hs_strlist_clear(&l);
	/* a looser file is tightened */
	CU_ASSERT_EQUAL(chmod(path, 0644), 0);
	CU_ASSERT_EQUAL(hs_history_append(path, "x", 102, &cause), 0);
	CU_ASSERT_EQUAL(stat(path, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
	/* past the limit, the oldest go and the file is rewritten */
	CU_ASSERT_EQUAL(hs_history_load(path, 2, &l, &cause), 0);
	CU_ASSERT_EQUAL_FATAL(l.n, 2);
	HS_ASSERT_STR_EQ(l.v[1], "x");
	hs_strlist_clear(&l);
	CU_ASSERT_EQUAL(hs_history_load(path, 100, &l, &cause), 0);
	CU_ASSERT_EQUAL(l.n, 2);
	CU_ASSERT_EQUAL(stat(path, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
	hs_strlist_clear(&l);
	free(path);
	free(dir);
}

static void
test_history_formats(void)
{
	const char *tmp = hs_unit_tmpdir();
	char *path = hs_xasprintf("%s/h", tmp);
	char *link = hs_xasprintf("%s/link", tmp);
	struct hs_strlist l = HS_STRLIST_INIT;
	char *cause = NULL;

	write_text(path, "plain one\nplain two\n#5\nstamped\nline2\n");
	CU_ASSERT_EQUAL(hs_history_load(path, 100, &l, &cause), 0);
	CU_ASSERT_EQUAL_FATAL(l.n, 3);
	HS_ASSERT_STR_EQ(l.v[0], "plain one");
	HS_ASSERT_STR_EQ(l.v[1], "plain two");
	HS_ASSERT_STR_EQ(l.v[2], "stamped\nline2");
	hs_strlist_clear(&l);
	CU_ASSERT_EQUAL(hs_history_load(link, 100, &l, &cause), 0);
	CU_ASSERT_EQUAL(l.n, 0);
	CU_ASSERT_EQUAL(symlink(path, link), 0);
	CU_ASSERT_EQUAL(hs_history_append(link, "x", 1, &cause), -1);
	CU_ASSERT(hs_starts_with(cause, "cannot open history file"));
	free(cause);
	free(path);
	free(link);
}

/* ---- the prompt ------------------------------------------------------- */

static void
test_prompt(void)
{
	struct hs_session s;
	char *p, *c;

	hs_session_init(&s);
	unsetenv("AWS_PROFILE");
	unsetenv("AWS_DEFAULT_PROFILE");
	unsetenv("AWS_REGION");
	unsetenv("AWS_DEFAULT_REGION");
	p = hs_prompt(&s);
	HS_ASSERT_STR_EQ(p, "hipaa-shell [default@-]> ");
	c = hs_prompt_continuation(&s);
	HS_ASSERT_STR_EQ(c, "...                    > ");
	CU_ASSERT_EQUAL(strlen(c), strlen(p));
	free(p);
	free(c);
	setenv("AWS_REGION", "eu-west-1", 1);
	s.settings.profile = hs_xstrdup("prod");
	p = hs_prompt(&s);
	HS_ASSERT_STR_EQ(p, "hipaa-shell [prod@eu-west-1]> ");
	free(p);
	unsetenv("AWS_REGION");
	hs_session_clear(&s);
}

void
hs_unit_register(void)
{
	static const struct hs_unit_case batch[] = {
		{ "stop-at-first-failure", test_stop_at_first_failure },
		{ "keep-going", test_keep_going },
		{ "check-pass", test_check_pass },
		{ "check-follows-set", test_check_follows_set },
		{ "check-pass-command-checks", test_check_pass_command_checks },
		{ "echo", test_echo },
		{ "expect-error", test_expect_error },
		{ "expect-error-local-codes", test_expect_error_local_codes },
		{ "exit-stops", test_exit_stops },
		{ "source", test_source },
		{ "text-checks", test_text_checks },
		{ "command-mode", test_command_mode },
		{ "run-file", test_run_file },
	};
	static const struct hs_unit_case other[] = {
		{ "report", test_report },
		{ "history-path", test_history_path },
		{ "history-file", test_history_file },
		{ "history-formats", test_history_formats },
		{ "prompt", test_prompt },
	};

	hs_unit_add_table("batch", batch, HS_ARRAY_SIZE(batch));
	hs_unit_add_table("shell", other, HS_ARRAY_SIZE(other));
}
