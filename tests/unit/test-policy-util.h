/*
 * test-policy-util.h: what the policy tests share — parse a policy from
 * a literal or a fixture, build a request context, decide a request.
 */
#ifndef HS_TEST_POLICY_UTIL_H
#define HS_TEST_POLICY_UTIL_H

#include "policy.h"

/* Parse json or fail the running test (and return NULL). */
struct policy *tp_parse(const char *json, enum policy_type type);
/* Parse json expecting an error; return the cause (caller frees). */
char *tp_parse_error(const char *json, enum policy_type type);
/* Read tests/data/policy/NAME (caller frees), or NULL and fail the test. */
char *tp_read_fixture(const char *name, size_t *len);
/* Parse tests/data/policy/NAME with SourcePolicyId id. */
struct policy *tp_fixture(const char *name, enum policy_type type,
    const char *id);
/* A context from NULL-terminated "KEY=VALUE" strings ("KEY=": one empty
 * value; "KEY": present with no values). */
struct policy_ctx *tp_ctx(const char *const *kv);

/* One request, for table-driven decisions. */
struct tp_request {
	const char *principal;		/* policy_principal_init() spec, or NULL */
	const char *action;
	const char *resource;		/* NULL: "*" */
	const char *owner;		/* resource account, or NULL */
	const char *const *ctx;		/* "KEY=VALUE"..., NULL-terminated */
};

/* Decide req against identity (may be NULL) and resource (may be NULL). */
enum policy_decision tp_decide(const struct policy *identity,
    const struct policy *resource, const struct tp_request *req,
    struct policy_result *out);

#define TP_KV(...) ((const char *const[]){ __VA_ARGS__, NULL })

#endif
