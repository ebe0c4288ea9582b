/*
 * test-sbx-logs.c: CloudWatch Logs in the sandbox: filter patterns
 * (terms, quoted phrases, ?either, -excluded, refused syntaxes) and the
 * store of groups, streams and events (time order, cursors both ways,
 * stream filters, Lambda's append that creates what is missing).
 */
#include "hs-common.h"
#include "harness.h"
#include "sandbox/logs.h"

#include <pthread.h>

struct filter_case {
	const char *name;
	const char *pattern;
	const char *message;
	bool match;
};

static const struct filter_case filter_cases[] = {
	{ "empty-matches-all", "", "anything", true },
	{ "null-matches-all", NULL, "anything", true },
	{ "term", "ERROR", "an ERROR here", true },
	{ "term-case-sensitive", "ERROR", "an error here", false },
	{ "term-inside-word", "ERR", "ERRORS", true },
	{ "all-terms", "ERROR Exception", "ERROR: Exception thrown", true },
	{ "all-terms-missing-one", "ERROR Exception", "ERROR: thrown", false },
	{ "phrase", "\"Task timed out\"", "x Task timed out after 1.00 seconds",
	    true },
	{ "phrase-words-apart", "\"Task timed out\"", "Task has timed out",
	    false },
	{ "phrase-with-slash", "\"data/test-001.phi\"",
	    "processing data/test-001.phi", true },
	{ "optional-one", "?ERROR ?WARN", "a WARN line", true },
	{ "optional-none", "?ERROR ?WARN", "an INFO line", false },
	{ "excluded", "ERROR -Retry", "ERROR Retry 1", false },
	{ "excluded-absent", "ERROR -Retry", "ERROR fatal", true },
	{ "escaped-quote", "\"say \\\"hi\\\"\"", "they say \"hi\"", true },
	{ "spaces-around", "  START   ", "START RequestId: x", true },
};

/* Each table case. */
static void
test_filter_table(void)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(filter_cases); i++) {
		const struct filter_case *fc = &filter_cases[i];
		struct sbx_logs_filter *f = NULL;
		char *cause = NULL;

		if (sbx_logs_filter_parse(fc->pattern, &f, &cause) != 0) {
			printf("# %s: %s\n", fc->name, cause);
			free(cause);
			CU_FAIL(fc->name);
			continue;
		}
		if (sbx_logs_filter_match(f, fc->message) != fc->match)
			printf("# case %s failed\n", fc->name);
		CU_ASSERT_EQUAL(sbx_logs_filter_match(f, fc->message), fc->match);
		sbx_logs_filter_free(f);
	}
}

/* Patterns that are refused, with a reason. */
static void
test_filter_refused(void)
{
	static const char *const bad[] = { "{ $.level = \"ERROR\" }",
	    "[ip, user, ...]", "%ERR.*%", "\"open phrase", "a{b", "? x" };
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(bad); i++) {
		struct sbx_logs_filter *f = NULL;
		char *cause = NULL;

		CU_ASSERT_EQUAL(sbx_logs_filter_parse(bad[i], &f, &cause), -1);
		CU_ASSERT_PTR_NULL(f);
		CU_ASSERT_PTR_NOT_NULL(cause);
		free(cause);
	}
}

/* A sandbox with just a store. */
static struct sandbox *
fake_sandbox(void)
{
	struct sandbox *sb = hs_xcalloc(1, sizeof *sb);
	char *cause = NULL;

	sb->data_dir = hs_xasprintf("%s/data", hs_unit_tmpdir());
	sb->account_id = hs_xstrdup("000000000000");
	CU_ASSERT_EQUAL_FATAL(sbx_mkdirs(sb->data_dir, 0700, &cause), 0);
	CU_ASSERT_EQUAL_FATAL(sbx_store_open(sb, &cause), 0);
	return sb;
}

static void
fake_free(struct sandbox *sb)
{
	sbx_store_close(sb->store);
	sbx_rmtree(sb->data_dir);
	free(sb->data_dir);
	free(sb->account_id);
	free(sb);
}

/* Append three events out of time order across two streams. */
static void
put_events(struct sandbox *sb)
{
	struct sbx_log_event a[] = { { 0, NULL, 300, (char *)"third", 0 },
	    { 0, NULL, 400, (char *)"fourth ERROR", 0 } };
	struct sbx_log_event b[] = { { 0, NULL, 100, (char *)"first ERROR", 0 },
	    { 0, NULL, 200, (char *)"second", 0 } };
	char *cause = NULL;

	CU_ASSERT_EQUAL(sbx_logs_append(sb->store, "/g", "s1", a, 2, 1000,
	    &cause), 0);
	CU_ASSERT_EQUAL(sbx_logs_append(sb->store, "/g", "s2", b, 2, 1000,
	    &cause), 0);
	CU_ASSERT_EQUAL(sbx_logs_put(sb->store, "/g", "nope", b, 1, 1000,
	    &cause), 2);
	CU_ASSERT_EQUAL(sbx_logs_put(sb->store, "/none", "s1", b, 1, 1000,
	    &cause), 1);
}

/* Events come in time order; cursors resume both ways. */
static void
test_store_events(void)
{
	struct sandbox *sb = fake_sandbox();
	struct sbx_logs_query q = { 0 };
	struct sbx_log_event *ev = NULL;
	char *cause = NULL;
	size_t n = 0;

	put_events(sb);
	q.group = "/g";
	q.limit = 2;
	CU_ASSERT_EQUAL_FATAL(sbx_logs_events(sb->store, &q, &ev, &n,
	    &cause), 0);
	CU_ASSERT_EQUAL_FATAL(n, 3);	/* limit + 1 tells there are more */
	HS_ASSERT_STR_EQ(ev[0].message, "first ERROR");
	HS_ASSERT_STR_EQ(ev[1].message, "second");
	q.cursor = true;
	q.cursor_ts = ev[1].ts;
	q.cursor_id = ev[1].id;
	sbx_log_events_free(ev, n);
	CU_ASSERT_EQUAL_FATAL(sbx_logs_events(sb->store, &q, &ev, &n,
	    &cause), 0);
	CU_ASSERT_EQUAL_FATAL(n, 2);
	HS_ASSERT_STR_EQ(ev[0].message, "third");
	HS_ASSERT_STR_EQ(ev[1].stream, "s1");
	sbx_log_events_free(ev, n);
	q.backwards = true;
	q.cursor_ts = 300;
	q.cursor_id = 1;
	CU_ASSERT_EQUAL_FATAL(sbx_logs_events(sb->store, &q, &ev, &n,
	    &cause), 0);
	CU_ASSERT_EQUAL_FATAL(n, 2);
	HS_ASSERT_STR_EQ(ev[0].message, "first ERROR");
	HS_ASSERT_STR_EQ(ev[1].message, "second");
	sbx_log_events_free(ev, n);
	fake_free(sb);
}

/* Streams, time ranges and patterns narrow the events. */
static void
test_store_narrowing(void)
{
	struct sandbox *sb = fake_sandbox();
	struct sbx_logs_query q = { 0 };
	struct sbx_log_event *ev = NULL;
	struct sbx_logs_filter *f = NULL;
	char *cause = NULL;
	size_t n = 0;

	put_events(sb);
	q.group = "/g";
	q.limit = 10;
	q.stream_prefix = "s1";
	CU_ASSERT_EQUAL_FATAL(sbx_logs_events(sb->store, &q, &ev, &n, &cause), 0);
	CU_ASSERT_EQUAL(n, 2);
	sbx_log_events_free(ev, n);
	q.stream_prefix = NULL;
	q.start = 200;
	q.end = 400;
	CU_ASSERT_EQUAL_FATAL(sbx_logs_events(sb->store, &q, &ev, &n, &cause), 0);
	CU_ASSERT_EQUAL(n, 2);
	sbx_log_events_free(ev, n);
	q.start = q.end = 0;
	CU_ASSERT_EQUAL_FATAL(sbx_logs_filter_parse("ERROR", &f, &cause), 0);
	q.filter = f;
	CU_ASSERT_EQUAL_FATAL(sbx_logs_events(sb->store, &q, &ev, &n, &cause), 0);
	CU_ASSERT_EQUAL_FATAL(n, 2);
	HS_ASSERT_STR_EQ(ev[0].message, "first ERROR");
	HS_ASSERT_STR_EQ(ev[1].message, "fourth ERROR");
	sbx_log_events_free(ev, n);
	sbx_logs_filter_free(f);
	fake_free(sb);
}

static const struct hs_unit_case logs_cases[] = {
	{ "filter-table", test_filter_table },
	{ "filter-refused", test_filter_refused },
	{ "store-events", test_store_events },
	{ "store-narrowing", test_store_narrowing },
};

void
hs_unit_register(void)
{
	hs_unit_add_table("sbx-logs", logs_cases, HS_ARRAY_SIZE(logs_cases));
}
