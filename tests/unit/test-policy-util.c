/*
 * test-policy-util.c: helpers shared by the policy tests.
 */
#include "hs-common.h"
#include "harness.h"
#include "test-policy-util.h"

#include <errno.h>

/* Parse json or fail the running test. */
struct policy *
tp_parse(const char *json, enum policy_type type)
{
	struct policy_parse_opts opts = { type, "test", NULL };
	char *cause = NULL;
	struct policy *p = policy_parse(json, strlen(json), &opts, &cause);

	if (p == NULL) {
		printf("# unexpected parse error: %s\n", cause);
		free(cause);
		CU_FAIL("policy_parse");
	}
	return p;
}

/* Parse json expecting an error; return the cause. */
char *
tp_parse_error(const char *json, enum policy_type type)
{
	struct policy_parse_opts opts = { type, "test", NULL };
	char *cause = NULL;
	struct policy *p = policy_parse(json, strlen(json), &opts, &cause);

	if (p != NULL) {
		printf("# parsed, but an error was expected: %s\n", json);
		policy_free(p);
		CU_FAIL("policy_parse accepted a bad policy");
		return hs_xstrdup("");
	}
	return cause;
}

/* Read tests/data/policy/NAME. */
char *
tp_read_fixture(const char *name, size_t *len)
{
	const char *top = getenv("top_srcdir");
	char *path = hs_xasprintf("%s/tests/data/policy/%s",
	    top && *top ? top : ".", name);
	struct hs_buf b = HS_BUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	if (f == NULL) {
		printf("# cannot open '%s': %s\n", path, strerror(errno));
		CU_FAIL("fixture");
		free(path);
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		(void)hs_buf_add(&b, chunk, n);
	fclose(f);
	free(path);
	return hs_buf_detach(&b, len);
}

/* Parse a fixture. */
struct policy *
tp_fixture(const char *name, enum policy_type type, const char *id)
{
	struct policy_parse_opts opts = { type, id, NULL };
	size_t len;
	char *text = tp_read_fixture(name, &len), *cause = NULL;
	struct policy *p;

	if (text == NULL)
		return NULL;
	p = policy_parse(text, len, &opts, &cause);
	if (p == NULL) {
		printf("# %s: %s\n", name, cause);
		CU_FAIL("fixture does not parse");
		free(cause);
	}
	free(text);
	return p;
}

/* A context from "KEY=VALUE" strings. */
struct policy_ctx *
tp_ctx(const char *const *kv)
{
	struct policy_ctx *ctx = policy_ctx_new();
	char *cause = NULL;

	for (; kv != NULL && *kv != NULL; kv++)
		if (strchr(*kv, '=') == NULL)
			policy_ctx_add_empty(ctx, *kv);
		else if (policy_ctx_add_assignment(ctx, *kv, &cause) < 0) {
			printf("# %s\n", cause);
			free(cause);
			CU_FAIL("bad context entry");
		}
	return ctx;
}

/* Decide one request. */
enum policy_decision
tp_decide(const struct policy *identity, const struct policy *resource,
    const struct tp_request *r, struct policy_result *out)
{
	const struct policy *ids[1] = { identity };
	struct policy_set set = { ids, identity ? 1 : 0, resource, false };
	struct policy_principal pp;
	struct policy_request req = { r->action, r->resource, r->owner, &pp,
	    NULL };
	struct policy_ctx *ctx = tp_ctx(r->ctx);
	char *cause = NULL;
	enum policy_decision d, fast;

	if (r->principal == NULL)
		req.principal = NULL;
	else if (policy_principal_init(&pp, r->principal, &cause) < 0) {
		printf("# %s\n", cause);
		free(cause);
		CU_FAIL("bad principal");
	}
	policy_ctx_add_principal(ctx, req.principal);
	req.ctx = ctx;
	d = policy_evaluate(&set, &req, out);
	/* the allocation-free path must always agree */
	fast = policy_evaluate(&set, &req, NULL);
	CU_ASSERT_EQUAL(fast, d);
	policy_ctx_free(ctx);
	return d;
}
