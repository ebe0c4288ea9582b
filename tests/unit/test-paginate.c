/*
 * test-paginate.c: automatic pagination against botocore's own
 * Paginator (the vectors below were made by running
 * botocore.paginate.Paginator(...).paginate(PaginationConfig=...)
 * .build_full_result() over the same pages, recording each call), the
 * tokens against botocore's TokenEncoder, and the paginator expressions
 * of every installed model.
 */
#include "test-op-util.h"

struct page_case {
	const char *name, *op;
	long long max_items;	/* -1: none */
	int page_size;		/* -1: none */
	const char *starting_token;	/* or NULL */
	const char *pages;	/* what the service answers, in order */
	const char *calls;	/* the inputs botocore sent */
	const char *result;	/* build_full_result() */
};

static const struct page_case page_cases[] = {
	{ "things_all", "ListThings", -1, -1, NULL,
	  "[{\"Things\": [{\"Id\": 0}, {\"Id\": 1}], \"Owner\": \"o\", \"NextToken\": \"t1\"}, {\"Things\": [{\"Id\": 2}, {\"Id\": 3}], \"Owner\": \"o\", \"NextToken\": \"t2\"}, {\"Things\": [{\"Id\": 4}], \"Owner\": \"o\"}]",
	  "[{}, {\"NextToken\": \"t1\"}, {\"NextToken\": \"t2\"}]",
	  "{\"Things\": [{\"Id\": 0}, {\"Id\": 1}, {\"Id\": 2}, {\"Id\": 3}, {\"Id\": 4}]}" },
	{ "things_max_boundary", "ListThings", 2, -1, NULL,
	  "[{\"Things\": [{\"Id\": 0}, {\"Id\": 1}], \"Owner\": \"o\", \"NextToken\": \"t1\"}, {\"Things\": [{\"Id\": 2}, {\"Id\": 3}], \"Owner\": \"o\", \"NextToken\": \"t2\"}, {\"Things\": [{\"Id\": 4}], \"Owner\": \"o\"}]",
	  "[{}]",
	  "{\"Things\": [{\"Id\": 0}, {\"Id\": 1}], \"NextToken\": \"eyJOZXh0VG9rZW4iOiAidDEifQ==\"}" },
	{ "things_max_inside", "ListThings", 3, -1, NULL,
	  "[{\"Things\": [{\"Id\": 0}, {\"Id\": 1}], \"Owner\": \"o\", \"NextToken\": \"t1\"}, {\"Things\": [{\"Id\": 2}, {\"Id\": 3}], \"Owner\": \"o\", \"NextToken\": \"t2\"}, {\"Things\": [{\"Id\": 4}], \"Owner\": \"o\"}]",
	  "[{}, {\"NextToken\": \"t1\"}]",
	  "{\"Things\": [{\"Id\": 0}, {\"Id\": 1}, {\"Id\": 2}], \"NextToken\": \"eyJOZXh0VG9rZW4iOiAidDEiLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ==\"}" },
	{ "things_page_size", "ListThings", -1, 2, NULL,
	  "[{\"Things\": [{\"Id\": 0}, {\"Id\": 1}], \"Owner\": \"o\", \"NextToken\": \"t1\"}, {\"Things\": [{\"Id\": 2}, {\"Id\": 3}], \"Owner\": \"o\", \"NextToken\": \"t2\"}, {\"Things\": [{\"Id\": 4}], \"Owner\": \"o\"}]",
	  "[{\"MaxResults\": 2}, {\"MaxResults\": 2, \"NextToken\": \"t1\"}, {\"MaxResults\": 2, \"NextToken\": \"t2\"}]",
	  "{\"Things\": [{\"Id\": 0}, {\"Id\": 1}, {\"Id\": 2}, {\"Id\": 3}, {\"Id\": 4}]}" },
	{ "things_resume_inside", "ListThings", 2, -1, "eyJOZXh0VG9rZW4iOiAidDEiLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ==",
	  "[{\"Things\": [{\"Id\": 2}, {\"Id\": 3}], \"Owner\": \"o\", \"NextToken\": \"t2\"}, {\"Things\": [{\"Id\": 4}], \"Owner\": \"o\"}]",
	  "[{\"NextToken\": \"t1\"}, {\"NextToken\": \"t2\"}]",
	  "{\"Things\": [{\"Id\": 3}, {\"Id\": 4}]}" },
	{ "things_resume_boundary", "ListThings", -1, -1, "eyJOZXh0VG9rZW4iOiAidDEifQ==",
	  "[{\"Things\": [{\"Id\": 2}, {\"Id\": 3}], \"Owner\": \"o\", \"NextToken\": \"t2\"}, {\"Things\": [{\"Id\": 4}], \"Owner\": \"o\"}]",
	  "[{\"NextToken\": \"t1\"}, {\"NextToken\": \"t2\"}]",
	  "{\"Things\": [{\"Id\": 2}, {\"Id\": 3}, {\"Id\": 4}]}" },
	{ "things_old_token", "ListThings", -1, -1, "t1___1",
	  "[{\"Things\": [{\"Id\": 2}, {\"Id\": 3}], \"Owner\": \"o\"}]",
	  "[{\"NextToken\": \"t1\"}]",
	  "{\"Things\": [{\"Id\": 3}]}" },
	{ "things_empty", "ListThings", -1, -1, NULL,
	  "[{\"Owner\": \"o\"}]",
	  "[{}]",
	  "{}" },
	{ "more_all", "ListMore", -1, -1, NULL,
	  "[{\"Items\": [{\"Id\": 1, \"Label\": \"L1\"}, {\"Id\": 2, \"Label\": \"L2\"}], \"Owner\": \"owner\", \"Total\": 2, \"Truncated\": true, \"Prefixes\": [\"a/\"]}, {\"Items\": [{\"Id\": 3, \"Label\": \"L3\"}], \"Owner\": \"owner\", \"Total\": 1, \"Truncated\": true, \"NextMarker\": \"m3\"}, {\"Items\": [{\"Id\": 4, \"Label\": \"L4\"}, {\"Id\": 5, \"Label\": \"L5\"}], \"Owner\": \"owner\", \"Total\": 2, \"Truncated\": false, \"Prefixes\": [\"b/\"]}]",
	  "[{}, {\"Marker\": \"L2\"}, {\"Marker\": \"m3\"}]",
	  "{\"Items\": [{\"Id\": 1, \"Label\": \"L1\"}, {\"Id\": 2, \"Label\": \"L2\"}, {\"Id\": 3, \"Label\": \"L3\"}, {\"Id\": 4, \"Label\": \"L4\"}, {\"Id\": 5, \"Label\": \"L5\"}], \"Prefixes\": [\"a/\", \"b/\"], \"Total\": 5, \"Owner\": \"owner\"}" },
	{ "more_max", "ListMore", 4, -1, NULL,
	  "[{\"Items\": [{\"Id\": 1, \"Label\": \"L1\"}, {\"Id\": 2, \"Label\": \"L2\"}], \"Owner\": \"owner\", \"Total\": 2, \"Truncated\": true, \"Prefixes\": [\"a/\"]}, {\"Items\": [{\"Id\": 3, \"Label\": \"L3\"}], \"Owner\": \"owner\", \"Total\": 1, \"Truncated\": true, \"NextMarker\": \"m3\"}, {\"Items\": [{\"Id\": 4, \"Label\": \"L4\"}, {\"Id\": 5, \"Label\": \"L5\"}], \"Owner\": \"owner\", \"Total\": 2, \"Truncated\": false, \"Prefixes\": [\"b/\"]}]",
	  "[{}, {\"Marker\": \"L2\"}, {\"Marker\": \"m3\"}]",
	  "{\"Items\": [{\"Id\": 1, \"Label\": \"L1\"}, {\"Id\": 2, \"Label\": \"L2\"}, {\"Id\": 3, \"Label\": \"L3\"}, {\"Id\": 4, \"Label\": \"L4\"}], \"Prefixes\": [\"a/\", \"b/\"], \"Total\": 5, \"Owner\": \"owner\", \"NextToken\": \"eyJNYXJrZXIiOiAibTMiLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ==\"}" },
};

/* The fake service: answers pages in order and records the inputs. */
struct fake {
	cJSON *pages;
	cJSON *calls;
	int next;
	int fail_at;	/* answer this call with status 254, or -1 */
};

static int
fake_fetch(void *arg, const cJSON *input, cJSON **output)
{
	struct fake *f = arg;
	cJSON *page = cJSON_GetArrayItem(f->pages, f->next);

	cJSON_AddItemToArray(f->calls, cJSON_Duplicate(input, true));
	if (f->next == f->fail_at)
		return 254;
	f->next++;
	CU_ASSERT_PTR_NOT_NULL_FATAL(page);
	*output = cJSON_Duplicate(page, true);
	return 0;
}

static void
test_vectors(void)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(page_cases); i++) {
		const struct page_case *c = &page_cases[i];
		struct hs_paging pg = { true, (char *)c->starting_token, NULL,
		    c->max_items };
		struct fake f = { NULL, cJSON_CreateArray(), 0, -1 };
		cJSON *input = cJSON_CreateObject(), *result = NULL;
		char *cause = NULL;
		int rc;

		f.pages = aws_json_parse(c->pages, strlen(c->pages), &cause);
		if (c->page_size >= 0)
			pg.page_size = cJSON_CreateNumber(c->page_size);
		rc = hs_paginate(op_demo_op(c->op), input, &pg, fake_fetch, &f,
		    &result, &cause);
		if (rc != 0)
			printf("# %s: %s\n", c->name, cause);
		CU_ASSERT_EQUAL(rc, 0);
		if (!op_json_eq(result, c->result) ||
		    !op_json_eq(f.calls, c->calls))
			printf("# in case %s\n", c->name);
		CU_ASSERT(op_json_eq(result, c->result));
		CU_ASSERT(op_json_eq(f.calls, c->calls));
		cJSON_Delete(pg.page_size);
		cJSON_Delete(f.pages);
		cJSON_Delete(f.calls);
		cJSON_Delete(input);
		cJSON_Delete(result);
		free(cause);
	}
}

static void
test_errors(void)
{
	static const char same[] = "[{\"Things\": [], \"NextToken\": \"a\"},"
	    " {\"Things\": [], \"NextToken\": \"a\"}]";
	const struct aws_operation *op = op_demo_op("ListThings");
	struct hs_paging pg = { true, NULL, NULL, -1 };
	struct fake f = { NULL, cJSON_CreateArray(), 0, -1 };
	cJSON *input = cJSON_CreateObject(), *result = NULL;
	char *cause = NULL;

	f.pages = aws_json_parse(same, strlen(same), &cause);
	CU_ASSERT_EQUAL(hs_paginate(op, input, &pg, fake_fetch, &f, &result,
	    &cause), -1);
	HS_ASSERT_STR_EQ(cause, "The same next token was received twice: "
	    "{\"NextToken\":\"a\"}");
	free(cause);
	cause = NULL;
	/* A failed page stops paging with its status. */
	f.next = 0;
	f.fail_at = 1;
	CU_ASSERT_EQUAL(hs_paginate(op, input, &pg, fake_fetch, &f, &result,
	    &cause), 254);
	CU_ASSERT_PTR_NULL(result);
	/* An old-style token with too many parts. */
	pg.starting_token = (char *)"a___b___c";
	CU_ASSERT_EQUAL(hs_paginate(op, input, &pg, fake_fetch, &f, &result,
	    &cause), -1);
	HS_ASSERT_STR_EQ(cause, "Bad starting token: a___b___c");
	free(cause);
	cJSON_Delete(f.pages);
	cJSON_Delete(f.calls);
	cJSON_Delete(input);
}

struct token_case {
	const char *dict;
	long long truncate;
	const char *token;	/* botocore's TokenEncoder */
};

static const struct token_case token_cases[] = {
	{ "{\"NextToken\": \"t1\"}", -1, "eyJOZXh0VG9rZW4iOiAidDEifQ==" },
	{ "{\"Marker\": null}", 2,
	  "eyJNYXJrZXIiOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAyfQ==" },
	{ "{\"A\": \"x\", \"B\": \"caf\xc3\xa9 \xe2\x98\x83\"}", 0,
	  "eyJBIjogIngiLCAiQiI6ICJjYWZcdTAwZTkgXHUyNjAzIiwgImJvdG9fdHJ1bmNh"
	  "dGVfYW1vdW50IjogMH0=" },
	{ "{\"Key\": {\"S\": \"a\"}}", -1, "eyJLZXkiOiB7IlMiOiAiYSJ9fQ==" },
};

static void
test_tokens(void)
{
	const struct aws_paginator *pg = op_demo_op("ListThings")->paginator;
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(token_cases); i++) {
		const struct token_case *c = &token_cases[i];
		char *cause = NULL;
		cJSON *dict = aws_json_parse(c->dict, strlen(c->dict), &cause);
		cJSON *back = NULL;
		char *token = hs_page_token_encode(dict, c->truncate);
		long long cut = -7;

		HS_ASSERT_STR_EQ(token, c->token);
		CU_ASSERT_EQUAL(hs_page_token_decode(token, pg, &back, &cut,
		    &cause), 0);
		CU_ASSERT(cJSON_Compare(back, dict, true));
		CU_ASSERT_EQUAL(cut, c->truncate < 0 ? 0 : c->truncate);
		cJSON_Delete(back);
		cJSON_Delete(dict);
		free(token);
	}
}

static void
test_old_tokens(void)
{
	const struct aws_paginator *pg = op_demo_op("ListThings")->paginator;
	cJSON *next = NULL;
	long long cut;
	char *cause = NULL;

	/* Not base64 JSON: the text itself is the service's token. */
	CU_ASSERT_EQUAL(hs_page_token_decode("opaque-token", pg, &next, &cut,
	    &cause), 0);
	CU_ASSERT(op_json_eq(next, "{\"NextToken\": \"opaque-token\"}"));
	CU_ASSERT_EQUAL(cut, 0);
	cJSON_Delete(next);
	CU_ASSERT_EQUAL(hs_page_token_decode("None___3", pg, &next, &cut,
	    &cause), 0);
	CU_ASSERT(op_json_eq(next, "{\"NextToken\": null}"));
	CU_ASSERT_EQUAL(cut, 3);
	cJSON_Delete(next);
	CU_ASSERT_EQUAL(hs_page_token_decode("a___b", pg, &next, &cut,
	    &cause), 0);
	CU_ASSERT(op_json_eq(next, "{\"NextToken\": \"a___b\"}"));
	cJSON_Delete(next);
}

static void
test_expressions(void)
{
	static const char doc[] = "{\"A\": {\"B\": [{\"C\": 1}, {\"C\": 2}]},"
	    " \"E\": \"\", \"F\": \"f\", \"N\": null, \"L\": []}";
	static const struct { const char *expr, *want; } cases[] = {
		{ "A.B[-1].C", "2" }, { "A.B[0].C", "1" }, { "A.B[5].C", NULL },
		{ "E || F", "\"f\"" }, { "N || L || F", "\"f\"" },
		{ "F || E", "\"f\"" }, { "Missing", NULL }, { "F.G", NULL },
		{ " A . B [ -2 ] . C ", NULL }, { "A.B[-2].C", "1" },
	};
	static const char *const bad[] = { "A[*]", "A | B", "length(A)",
	    "A.B[0", "`1`", "" };
	char *cause = NULL;
	cJSON *root = aws_json_parse(doc, strlen(doc), &cause);
	const cJSON *v;
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		int rc = hs_pexpr_search(cases[i].expr, root, &v, &cause);

		if (cases[i].want == NULL && rc == 0) {
			CU_ASSERT_PTR_NULL(v);
		} else if (cases[i].want != NULL) {
			CU_ASSERT_EQUAL(rc, 0);
			CU_ASSERT(op_json_eq(v, cases[i].want));
		}
		free(cause);
		cause = NULL;
	}
	for (i = 0; i < HS_ARRAY_SIZE(bad); i++) {
		CU_ASSERT_EQUAL(hs_pexpr_search(bad[i], root, &v, &cause), -1);
		CU_ASSERT_PTR_NOT_NULL(cause);
		free(cause);
		cause = NULL;
	}
	CU_ASSERT_EQUAL(hs_pexpr_set(root, "X.Y.Z", cJSON_CreateNumber(3),
	    &cause), 0);
	CU_ASSERT_EQUAL(hs_pexpr_set(root, "F", cJSON_CreateString("g"),
	    &cause), 0);
	CU_ASSERT(op_json_eq(root, "{\"A\": {\"B\": [{\"C\": 1}, {\"C\": 2}]},"
	    " \"E\": \"\", \"F\": \"g\", \"N\": null, \"L\": [],"
	    " \"X\": {\"Y\": {\"Z\": 3}}}"));
	cJSON_Delete(root);
}

/* Every paginator expression of every installed model is understood. */
static void
test_all_models(void)
{
	size_t n, i, j, k, checked = 0;
	char **names = aws_model_list_services(&n);
	cJSON *empty = cJSON_CreateObject();

	for (i = 0; i < n; i++) {
		char *cause = NULL;
		const struct aws_service *svc = aws_model_get(names[i], &cause);

		free(cause);
		for (j = 0; svc != NULL && j < svc->n_operations; j++) {
			const struct aws_paginator *pg =
			    svc->operations[j].paginator;
			const char *const *lists[] = { pg ? pg->output_tokens :
			    NULL, pg ? pg->result_keys : NULL,
			    pg ? pg->non_aggregate_keys : NULL };
			size_t counts[] = { pg ? pg->n_output_tokens : 0,
			    pg ? pg->n_result_keys : 0,
			    pg ? pg->n_non_aggregate_keys : 0 };

			for (k = 0; k < 3 * (pg != NULL); k++)
				for (size_t e = 0; e < counts[k]; e++) {
					const cJSON *v;

					if (hs_pexpr_search(lists[k][e], empty,
					    &v, &cause) < 0) {
						printf("# %s %s: %s\n", names[i],
						    svc->operations[j].name,
						    cause);
						CU_FAIL("expression not understood");
						free(cause);
						cause = NULL;
					}
					checked++;
				}
		}
	}
	printf("# %zu expressions of %zu services\n", checked, n);
	CU_ASSERT(checked > 1000);
	cJSON_Delete(empty);
	aws_model_list_free(names, n);
	aws_model_cache_clear();
}

void
hs_unit_register(void)
{
	static const struct hs_unit_case cases[] = {
		{ "vectors", test_vectors },
		{ "errors", test_errors },
		{ "tokens", test_tokens },
		{ "old_tokens", test_old_tokens },
		{ "expressions", test_expressions },
		{ "all_models", test_all_models },
	};

	hs_unit_add_table("paginate", cases, HS_ARRAY_SIZE(cases));
}
