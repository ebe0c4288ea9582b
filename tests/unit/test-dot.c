/*
 * test-dot.c: the dot commands and `!CMD`, run through hs_dispatch() on
 * the real command table with captured output.
 */
#include "hs-common.h"
#include "harness.h"
#include "commands.h"

#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct fixture {
	struct hs_session s;
	char *out_text, *err_text;
	size_t out_len, err_len;
	struct hs_error err;
};

static void
fixture_init(struct fixture *f)
{
	memset(f, 0, sizeof *f);
	hs_session_init(&f->s);
	f->s.out = open_memstream(&f->out_text, &f->out_len);
	f->s.err = open_memstream(&f->err_text, &f->err_len);
	hs_dispatch_set_fallback(NULL);
	hs_dispatch_add_hook(NULL);
	unsetenv("AWS_PROFILE");
	unsetenv("AWS_DEFAULT_PROFILE");
	unsetenv("AWS_REGION");
	unsetenv("AWS_DEFAULT_REGION");
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
}

/* Dispatch the words given (NULL-terminated); the status. */
static int
run_words(struct fixture *f, char **words)
{
	size_t n = 0;
	int status;

	while (words[n] != NULL)
		n++;
	fflush(f->s.out);
	rewind(f->s.out);
	status = hs_dispatch(&f->s, words, n, NULL, 0, &f->err);
	fputc('\0', f->s.out);
	fflush(f->s.out);
	return status;
}

#define RUN(f, ...) run_words((f), (char *[]){ __VA_ARGS__, NULL })

static void
test_words(void)
{
	struct fixture f;

	fixture_init(&f);
	CU_ASSERT_EQUAL(RUN(&f, ".words", "a", "b c", "q\"\n\\", ""), 0);
	HS_ASSERT_STR_EQ(f.out_text, "[\"a\",\"b c\",\"q\\\"\\n\\\\\",\"\"]\n");
	CU_ASSERT_EQUAL(RUN(&f, ".words"), 0);
	HS_ASSERT_STR_EQ(f.out_text, "[]\n");
	CU_ASSERT_EQUAL(RUN(&f, ".words", "--region", "x"), 0);
	HS_ASSERT_STR_EQ(f.out_text, "[\"--region\",\"x\"]\n");
	fixture_clear(&f);
}

static void
test_set_unset_vars(void)
{
	struct fixture f;

	fixture_init(&f);
	CU_ASSERT_EQUAL(RUN(&f, ".set", "ACCOUNT=1234", "NOTE=a b's",
	    "DB_PASSWORD=hunter2"), 0);
	HS_ASSERT_STR_EQ(hs_vars_get(&f.s.vars, "NOTE"), "a b's");
	CU_ASSERT_EQUAL(RUN(&f, ".vars"), 0);
	HS_ASSERT_STR_EQ(f.out_text, "ACCOUNT=1234\nDB_PASSWORD=***\n"
	    "NOTE='a b'\\''s'\n");
	/* all or nothing */
	CU_ASSERT_EQUAL(RUN(&f, ".set", "X=1", "2BAD=3"), HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(f.err.message, "invalid variable name '2BAD': use "
	    "letters, digits and '_', not starting with a digit\n"
	    "usage: .set NAME=VALUE ...");
	CU_ASSERT_PTR_NULL(hs_vars_get(&f.s.vars, "X"));
	CU_ASSERT_EQUAL(RUN(&f, ".set", "NOEQUALS"), HS_EXIT_USAGE);
	CU_ASSERT_EQUAL(RUN(&f, ".unset", "NOTE", "NEVER_SET"), 0);
	CU_ASSERT_PTR_NULL(hs_vars_get(&f.s.vars, "NOTE"));
	CU_ASSERT_EQUAL(RUN(&f, ".unset", "1X"), HS_EXIT_USAGE);
	CU_ASSERT_EQUAL(RUN(&f, ".set"), HS_EXIT_USAGE);
	fixture_clear(&f);
}

static void
test_profile_region(void)
{
	struct fixture f;

	fixture_init(&f);
	CU_ASSERT_EQUAL(RUN(&f, ".profile"), 0);
	HS_ASSERT_STR_EQ(f.out_text, "default\n");
	CU_ASSERT_EQUAL(RUN(&f, ".region"), 0);
	CU_ASSERT(hs_starts_with(f.out_text, "no region: set one with"));
	setenv("AWS_PROFILE", "env-profile", 1);
	setenv("AWS_REGION", "eu-west-1", 1);
	CU_ASSERT_EQUAL(RUN(&f, ".profile"), 0);
	HS_ASSERT_STR_EQ(f.out_text, "env-profile\n");
	CU_ASSERT_EQUAL(RUN(&f, ".profile", "dev"), 0);
	CU_ASSERT_EQUAL(RUN(&f, ".region", "us-west-2"), 0);
	CU_ASSERT_EQUAL(RUN(&f, ".profile"), 0);
	HS_ASSERT_STR_EQ(f.out_text, "dev\n");
	CU_ASSERT_EQUAL(RUN(&f, ".reg"), 0);
	HS_ASSERT_STR_EQ(f.out_text, "us-west-2\n");
	CU_ASSERT_EQUAL(RUN(&f, ".region", "not a region"), HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(f.err.message, "invalid region 'not a region': use a "
	    "region name such as us-east-1");
	CU_ASSERT_EQUAL(RUN(&f, ".profile", "a]b"), HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(f.s.settings.profile, "dev");
	unsetenv("AWS_PROFILE");
	unsetenv("AWS_REGION");
	fixture_clear(&f);
}

static void
test_exit(void)
{
	struct fixture f;

	fixture_init(&f);
	CU_ASSERT_EQUAL(RUN(&f, "exit"), 0);
	CU_ASSERT_TRUE(f.s.exit_requested);
	CU_ASSERT_EQUAL(f.s.exit_status, -1);
	f.s.exit_requested = false;
	CU_ASSERT_EQUAL(RUN(&f, ".quit", "4"), 0);
	CU_ASSERT_TRUE(f.s.exit_requested);
	CU_ASSERT_EQUAL(f.s.exit_status, 4);
	f.s.exit_requested = false;
	CU_ASSERT_EQUAL(RUN(&f, ".exit", "256"), HS_EXIT_USAGE);
	CU_ASSERT_FALSE(f.s.exit_requested);
	CU_ASSERT_EQUAL(RUN(&f, "quit"), 0);
	CU_ASSERT_TRUE(f.s.exit_requested);
	fixture_clear(&f);
}

static void
test_history(void)
{
	struct fixture f;

	fixture_init(&f);
	hs_strlist_add(&f.s.history, "s3 ls");
	hs_strlist_add(&f.s.history, ".set A=1");
	hs_strlist_add(&f.s.history, "iam list-roles");
	CU_ASSERT_EQUAL(RUN(&f, ".history"), 0);
	HS_ASSERT_STR_EQ(f.out_text, "    1  s3 ls\n    2  .set A=1\n"
	    "    3  iam list-roles\n");
	CU_ASSERT_EQUAL(RUN(&f, ".history", "2"), 0);
	HS_ASSERT_STR_EQ(f.out_text, "    2  .set A=1\n    3  iam list-roles\n");
	CU_ASSERT_EQUAL(RUN(&f, ".history", "0"), HS_EXIT_USAGE);
	fixture_clear(&f);
}

static void
test_cd(void)
{
	struct fixture f;
	char *old = getcwd(NULL, 0), *now;
	const char *tmp = hs_unit_tmpdir();
	char *sub = hs_xasprintf("%s/sub", tmp);

	fixture_init(&f);
	mkdir(sub, 0700);
	CU_ASSERT_EQUAL(RUN(&f, ".cd", sub), 0);
	now = getcwd(NULL, 0);
	CU_ASSERT(hs_ends_with(now, "/sub"));
	free(now);
	setenv("HOME", tmp, 1);
	CU_ASSERT_EQUAL(RUN(&f, ".cd", "~/sub"), 0);
	CU_ASSERT_EQUAL(RUN(&f, ".cd"), 0);
	now = getcwd(NULL, 0);
	CU_ASSERT_FALSE(hs_ends_with(now, "/sub"));
	free(now);
	CU_ASSERT_EQUAL(RUN(&f, ".cd", "/no/such/dir"), HS_EXIT_GENERAL);
	HS_ASSERT_STR_EQ(f.err.code, HS_ERR_FILE);
	HS_ASSERT_STR_EQ(f.err.message, "cannot change to folder "
	    "'/no/such/dir': No such file or directory");
	CU_ASSERT_EQUAL(chdir(old), 0);
	free(old);
	free(sub);
	fixture_clear(&f);
}

static void
test_host(void)
{
	struct fixture f;

	fixture_init(&f);
	CU_ASSERT_EQUAL(RUN(&f, "!", "true"), 0);
	CU_ASSERT_EQUAL(RUN(&f, "!", "exit 3"), 3);
	HS_ASSERT_STR_EQ(f.err.code, HS_ERR_HOST_COMMAND);
	HS_ASSERT_STR_EQ(f.err.message, "host command exited with status 3");
	CU_ASSERT_EQUAL(RUN(&f, "!", "kill -TERM $$"), 128 + 15);
	HS_ASSERT_STR_EQ(f.err.message, "host command killed by signal 15");
	fixture_clear(&f);
}

/* A Ctrl-C noted after a command was entered and before it started
 * cancels it (130): the host command does not run. */
static void
test_host_interrupted(void)
{
	char *ran = hs_xasprintf("%s/ran", hs_unit_tmpdir());
	char *script = hs_xasprintf("touch '%s'", ran);
	struct fixture f;

	fixture_init(&f);
	hs_interrupt_install();
	hs_interrupt_flag = 1;
	CU_ASSERT_EQUAL(RUN(&f, "!", script), HS_EXIT_INTERRUPTED);
	HS_ASSERT_STR_EQ(f.err.code, HS_ERR_INTERRUPTED);
	CU_ASSERT_NOT_EQUAL(access(ran, F_OK), 0);
	hs_interrupt_clear();
	CU_ASSERT_EQUAL(RUN(&f, "!", script), 0);
	CU_ASSERT_EQUAL(access(ran, F_OK), 0);
	unlink(ran);
	free(script);
	free(ran);
	fixture_clear(&f);
}

/* A SIGINT still pending (blocked) when a host command is about to
 * start, as one that came just before the fork, cancels it too. */
static void
test_host_sigint_pending(void)
{
	char *ran = hs_xasprintf("%s/ran", hs_unit_tmpdir());
	char *script = hs_xasprintf("touch '%s'", ran), *cause = NULL;
	struct timespec zero = { 0, 0 };
	sigset_t intr, old;

	hs_interrupt_install();
	hs_interrupt_clear();
	sigemptyset(&intr);
	sigaddset(&intr, SIGINT);
	sigprocmask(SIG_BLOCK, &intr, &old);
	raise(SIGINT);
	CU_ASSERT_EQUAL(hs_run_host(script, NULL, &cause), 128 + SIGINT);
	CU_ASSERT_NOT_EQUAL(access(ran, F_OK), 0);
	CU_ASSERT_EQUAL(sigtimedwait(&intr, NULL, &zero), SIGINT);
	sigprocmask(SIG_SETMASK, &old, NULL);
	CU_ASSERT_EQUAL(hs_run_host(script, NULL, &cause), 0);
	CU_ASSERT_EQUAL(access(ran, F_OK), 0);
	unlink(ran);
	free(script);
	free(ran);
}

/* Every command of the table is in the overview; one command's help. */
static void
test_help(void)
{
	struct fixture f;
	size_t i;

	fixture_init(&f);
	CU_ASSERT_EQUAL(RUN(&f, "help"), 0);
	for (i = 0; i < hs_cmd_table.n; i++) {
		char *needle = hs_xasprintf("\n  %s", hs_cmd_table.cmds[i]->name);

		if (strstr(f.out_text, needle) == NULL)
			printf("# '%s' missing from .help\n", needle + 3);
		CU_ASSERT_PTR_NOT_NULL(strstr(f.out_text, needle));
		free(needle);
	}
	CU_ASSERT_PTR_NOT_NULL(strstr(f.out_text, "  --region REGION"));
	CU_ASSERT_PTR_NULL(strstr(f.out_text, "--var"));
	CU_ASSERT_PTR_NOT_NULL(strstr(f.out_text, "not available in this build"));
	hs_dispatch_set_fallback(&hs_cmd_dot_words);
	CU_ASSERT_EQUAL(RUN(&f, ".help"), 0);
	CU_ASSERT_PTR_NULL(strstr(f.out_text, "not available in this build"));
	hs_dispatch_set_fallback(NULL);
	CU_ASSERT_EQUAL(RUN(&f, ".help", ".hist"), 0);
	HS_ASSERT_STR_EQ(f.out_text, "usage: .history [N]\nlist the last N "
	    "commands (secrets shown as ***)\n");
	CU_ASSERT_EQUAL(RUN(&f, ".help", "exit"), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(f.out_text, "also: exit\n"));
	CU_ASSERT_EQUAL(RUN(&f, ".help", "policy"), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(f.out_text, "\n  policy simulate  "));
	CU_ASSERT_EQUAL(RUN(&f, ".help", "policy", "simulate"), 0);
	CU_ASSERT(hs_starts_with(f.out_text, "usage: policy simulate --policy"));
	CU_ASSERT_PTR_NOT_NULL(strstr(f.out_text, "\n  --context KEY=VALUE  "));
	CU_ASSERT_EQUAL(RUN(&f, ".help", "policy", "nope"), HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(f.err.message, "unknown sub-command 'nope' of "
	    "'policy'; .help policy lists them");
	CU_ASSERT_EQUAL(RUN(&f, ".help", ".cd", "x"), HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(f.err.message, "'.cd' has no sub-commands");
	CU_ASSERT_EQUAL(RUN(&f, ".help", "hlep"), HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(f.err.message,
	    "unknown command 'hlep'; did you mean '.help'?");
	CU_ASSERT_EQUAL(RUN(&f, ".help", ".e"), HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(f.err.code, HS_ERR_AMBIGUOUS);
	fixture_clear(&f);
}

/* Read a whole file into a string (test helper). */
static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	int c;

	while (fp != NULL && (c = fgetc(fp)) != EOF)
		fputc(c, mem);
	fclose(mem);
	if (fp != NULL)
		fclose(fp);
	return buf;
}

static void
test_edit(void)
{
	struct fixture f;
	const char *tmp = hs_unit_tmpdir();
	char *copy = hs_xasprintf("%s/seen.hsh", tmp);
	char *editor = hs_xasprintf("cp \"$1\" '%s'; : ", copy);
	char *target = hs_xasprintf("%s/runbook.hsh", tmp), *text;
	struct stat st;

	fixture_init(&f);
	hs_strlist_add(&f.s.history, "old session command");
	f.s.history_start = 1;
	hs_strlist_add(&f.s.history, "s3 ls");
	hs_strlist_add(&f.s.history, ".history 3");
	hs_strlist_add(&f.s.history, ".set DB_PASSWORD=***");
	hs_strlist_add(&f.s.history, "iam put --doc '{\n  \"a\": 1\n}'");
	setenv("VISUAL", editor, 1);
	CU_ASSERT_EQUAL(RUN(&f, ".edit"), 0);
	text = slurp(copy);
	HS_ASSERT_STR_EQ(text, "# commands of a hipaa-shell session; run with: "
	    "hipaa-shell --batch FILE\ns3 ls\n.set DB_PASSWORD=***\n"
	    "iam put --doc '{\n  \"a\": 1\n}'\n");
	free(text);
	CU_ASSERT_EQUAL(RUN(&f, ".edit", target), 0);
	CU_ASSERT_EQUAL(stat(target, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
	CU_ASSERT_EQUAL(RUN(&f, ".edit", target), HS_EXIT_GENERAL);
	CU_ASSERT(hs_ends_with(f.err.message, "already exists (.edit never "
	    "overwrites a file: choose a new name)"));
	setenv("VISUAL", "exit 4", 1);
	CU_ASSERT_EQUAL(RUN(&f, ".edit"), HS_EXIT_GENERAL);
	HS_ASSERT_STR_EQ(f.err.message, "the editor exited with status 4");
	unsetenv("VISUAL");
	free(copy);
	free(editor);
	free(target);
	fixture_clear(&f);
}

static int source_calls;

static int
fake_source(struct hs_ctx *ctx, const char *path)
{
	source_calls++;
	if (strcmp(path, "again") == 0)
		return hs_dispatch(ctx->session, (char *[]){ ".source", "again",
		    NULL }, 2, NULL, 0, &ctx->error);
	return 7;
}

static void
test_source(void)
{
	struct fixture f;

	fixture_init(&f);
	f.s.source = fake_source;
	source_calls = 0;
	CU_ASSERT_EQUAL(RUN(&f, ".source", "x.hsh"), 7);
	CU_ASSERT_EQUAL(source_calls, 1);
	CU_ASSERT_EQUAL(RUN(&f, ".source", "again"), HS_EXIT_GENERAL);
	CU_ASSERT_EQUAL(source_calls, 17);
	HS_ASSERT_STR_EQ(f.err.message, ".source is nested 16 deep: does "
	    "'again' source itself?");
	CU_ASSERT_EQUAL(f.s.source_depth, 0);
	fixture_clear(&f);
}

/* The man page, with roff escapes \& and \- undone (caller frees). */
static char *
man_text(void)
{
	const char *top = getenv("top_srcdir");
	char *path, *raw, *out, *o;
	const char *r;

	if (top == NULL || *top == '\0')
		return NULL;
	path = hs_xasprintf("%s/man/hipaa-shell.1", top);
	raw = slurp(path);
	free(path);
	if (raw == NULL)
		return NULL;
	out = o = hs_xmalloc(strlen(raw) + 1);
	for (r = raw; *r != '\0'; r++) {
		if (r[0] == '\\' && (r[1] == '&' || r[1] == '-'))
			r++;
		if (*r != '&' || r == raw || r[-1] != '\\')
			*o++ = *r;
	}
	*o = '\0';
	free(raw);
	return out;
}

/* Tell whether some ".TP" item line of the man page names word. */
static bool
man_item(const char *man, const char *word)
{
	const char *p = man;
	size_t len = strlen(word);

	while ((p = strstr(p, "\n.TP\n")) != NULL) {
		const char *line = p + 5, *end = strchr(line, '\n'), *w;

		for (w = line; end != NULL && (w = strstr(w, word)) != NULL &&
		    w < end; w++)
			if ((w == line || strchr(" \"", w[-1]) != NULL) &&
			    strchr(" \",\n", w[len]) != NULL)
				return true;
		p = line;
	}
	return false;
}

/* Check that each sub-command of c has an item ("policy check"). */
static void
man_subcommands(const char *man, const struct hs_cmd *c)
{
	const struct hs_cmd *const *sub;

	for (sub = c->subcommands; sub != NULL && *sub != NULL; sub++) {
		char *name = hs_xasprintf("%s %s", c->name, (*sub)->name);

		if (!man_item(man, name))
			printf("# command '%s' has no item in the man page\n",
			    name);
		CU_ASSERT_TRUE(man_item(man, name));
		free(name);
	}
}

/* man/hipaa-shell.1 documents every option, command and exit status. */
static void
test_man_page(void)
{
	static const int statuses[] = { HS_EXIT_OK, HS_EXIT_TRANSFER_FAILED,
	    HS_EXIT_SKIPPED, HS_EXIT_GUARDRAIL, HS_EXIT_INTERRUPTED,
	    HS_EXIT_USAGE, HS_EXIT_CONFIG, HS_EXIT_SERVICE, HS_EXIT_GENERAL };
	static const char *const codes[] = { HS_ERR_SYNTAX,
	    HS_ERR_UNDEFINED_VAR, HS_ERR_UNKNOWN_COMMAND, HS_ERR_AMBIGUOUS,
	    HS_ERR_USAGE, HS_ERR_INTERRUPTED, HS_ERR_HOST_COMMAND, HS_ERR_FILE,
	    HS_ERR_MALFORMED_POLICY, HS_ERR_POLICY_CHECK };
	char *man = man_text(), num[16];
	size_t i;

	if (man == NULL) {
		hs_unit_skip("top_srcdir is not set: run through make check");
		return;
	}
	for (i = 0; i < hs_options_count; i++) {
		if (!man_item(man, hs_options[i].name))
			printf("# option '%s' has no item in the man page\n",
			    hs_options[i].name);
		CU_ASSERT_TRUE(man_item(man, hs_options[i].name));
	}
	for (i = 0; i < hs_cmd_table.n; i++) {
		const struct hs_cmd *c = hs_cmd_table.cmds[i];
		const char *name = c->name;

		if (!man_item(man, name))
			printf("# command '%s' has no item in the man page\n",
			    name);
		CU_ASSERT_TRUE(man_item(man, name));
		if (c->alias != NULL)
			CU_ASSERT_TRUE(man_item(man, c->alias));
		man_subcommands(man, c);
	}
	for (i = 0; i < HS_ARRAY_SIZE(statuses); i++) {
		snprintf(num, sizeof num, "%d", statuses[i]);
		if (!man_item(man, num))
			printf("# exit status %s has no item in the man page\n",
			    num);
		CU_ASSERT_TRUE(man_item(man, num));
	}
	for (i = 0; i < HS_ARRAY_SIZE(codes); i++)
		CU_ASSERT_PTR_NOT_NULL(strstr(man, codes[i]));
	free(man);
}

void
hs_unit_register(void)
{
	static const struct hs_unit_case tests[] = {
		{ "words", test_words },
		{ "set-unset-vars", test_set_unset_vars },
		{ "profile-region", test_profile_region },
		{ "exit", test_exit },
		{ "history", test_history },
		{ "cd", test_cd },
		{ "host", test_host },
		{ "host-interrupted", test_host_interrupted },
		{ "host-sigint-pending", test_host_sigint_pending },
		{ "help", test_help },
		{ "edit", test_edit },
		{ "source", test_source },
		{ "man-page", test_man_page },
	};

	hs_unit_add_table("dot", tests, HS_ARRAY_SIZE(tests));
}
