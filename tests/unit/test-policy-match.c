/*
 * test-policy-match.c: wildcards, ARN segments, principals and policy
 * variables.
 *
 * Rules from https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 * (wildcards within each ARN segment), .../reference_policies_elements_principal.html
 * and .../reference_policies_variables.html (${*}, ${?}, ${$}, defaults,
 * variables with no value).
 */
#include "hs-common.h"
#include "harness.h"
#include "policy-int.h"
#include "test-policy-util.h"

struct glob_case {
	const char *pattern;
	const char *s;
	bool icase;
	bool want;
};

static const struct glob_case globs[] = {
	{ "s3:Get*", "s3:GetObject", true, true },
	{ "s3:get*", "S3:GETOBJECT", true, true },
	{ "s3:Get*", "s3:getobject", false, false },
	{ "s3:?etObject", "s3:GetObject", true, true },
	{ "s3:?etObject", "s3:etObject", true, false },
	{ "*Object", "s3:GetObject", true, true },
	{ "*", "", false, true },
	{ "**", "x", false, true },
	{ "", "", false, true },
	{ "", "a", false, false },
	{ "a", "", false, false },
	{ "a*b*c", "abbbc", false, true },
	{ "a*b*c", "abcx", false, false },
	{ "a*b*c", "ab", false, false },
	{ "*a", "bbba", false, true },
	{ "a?", "a\xc3\xa9", false, true },	/* ? is one character */
	{ "a??", "a\xc3\xa9", false, false },
	{ "*log*", "amzn-s3-demo-bucket-carlossalazar-logs", false, true },
	{ "ab", "abc", false, false },
};

static void
test_wildcards(void)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(globs); i++) {
		bool got = policy_wildcard_match(globs[i].pattern, globs[i].s,
		    globs[i].icase);

		if (got != globs[i].want)
			printf("# '%s' vs '%s': got %d\n", globs[i].pattern,
			    globs[i].s, got);
		CU_ASSERT_EQUAL(got, globs[i].want);
	}
}

/* Match with wildcards compiled as the engine compiles them. */
static bool
arn_match(const char *pattern, const char *s)
{
	struct pol_pattern pat;
	char *reason = NULL;
	bool ok;

	if (pol_pattern_compile(&pat, pattern, POL_PAT_WILDCARDS, &reason) < 0) {
		free(reason);
		return false;
	}
	ok = pol_arn_glob(pat.text, pat.len, s, strlen(s));
	pol_pattern_release(&pat);
	return ok;
}

static const struct glob_case arns[] = {
	{ "arn:aws:s3:::phi-demo/*", "arn:aws:s3:::phi-demo/data/x.phi", 0, true },
	{ "arn:aws:s3:::phi-demo/*", "arn:aws:s3:::phi-demo", 0, false },
	{ "arn:aws:s3:::phi-demo", "arn:aws:s3:::phi-demo/x", 0, false },
	{ "arn:aws:s3:::phi-demo", "arn:aws:s3:::phi-demo", 0, true },
	{ "arn:aws:s3:::*", "arn:aws:s3:::b/k:with:colons", 0, true },
	{ "arn:aws:s3:::*", "arn:aws:iam::123456789012:user/a", 0, false },
	{ "arn:aws:*:*:*:*", "arn:aws:iam::123456789012:user/a", 0, true },
	{ "arn:*:iam::*:user/a", "arn:aws-cn:iam::123456789012:user/a", 0, true },
	{ "arn:aws:iam::123456789012:user/*", "arn:aws:iam::123456789012:user/a/b",
	    0, true },
	{ "arn:aws:ec2:*:123456789012:instance/*",
	    "arn:aws:ec2:us-east-1:123456789012:instance/i-1", 0, true },
	/* a wildcard does not span a colon: the region "*" is not the account */
	{ "arn:aws:lambda:*:function:f",
	    "arn:aws:lambda:us-east-1:123456789012:function:f", 0, false },
	{ "arn:aws:lambda:*:*:function:f",
	    "arn:aws:lambda:us-east-1:123456789012:function:f", 0, true },
	{ "arn:aws:iam::*", "arn:aws:iam::123456789012:user/a", 0, false },
	{ "arn:aws:s3:::b", "b", 0, false },
	/* resources are case-sensitive */
	{ "arn:aws:s3:::PHI-demo/*", "arn:aws:s3:::phi-demo/x", 0, false },
	{ "arn:aws:s3:::b/?", "arn:aws:s3:::b/\xc3\xa9", 0, true },
	{ "arn:aws:s3:::*log*", "arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs",
	    0, true },
};

static void
test_arn_segments(void)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(arns); i++) {
		bool got = arn_match(arns[i].pattern, arns[i].s);

		if (got != arns[i].want)
			printf("# '%s' vs '%s': got %d\n", arns[i].pattern,
			    arns[i].s, got);
		CU_ASSERT_EQUAL(got, arns[i].want);
	}
}

struct principal_case {
	const char *type;	/* NULL: Principal: "*" */
	const char *value;
	const char *spec;	/* the requester */
	bool exact;		/* as in NotPrincipal */
	enum pol_pmatch want;
};

static const struct principal_case principals[] = {
	{ NULL, "*", "anonymous", false, POL_PM_YES },
	{ "AWS", "*", "arn:aws:iam::111122223333:user/alice", false, POL_PM_YES },
	{ "AWS", "*", "s3.amazonaws.com", false, POL_PM_YES },
	{ "AWS", "*", "anonymous", false, POL_PM_YES },
	{ "AWS", "111122223333", "arn:aws:iam::111122223333:user/alice", false,
	    POL_PM_ACCOUNT },
	{ "AWS", "111122223333", "111122223333", false, POL_PM_ACCOUNT },
	{ "AWS", "111122223333", "arn:aws:iam::444455556666:user/alice", false,
	    POL_PM_NO },
	{ "AWS", "arn:aws:iam::111122223333:root",
	    "arn:aws:iam::111122223333:user/alice", false, POL_PM_ACCOUNT },
	{ "AWS", "arn:aws:iam::111122223333:root",
	    "arn:aws:iam::111122223333:root", false, POL_PM_YES },
	{ "AWS", "111122223333", "arn:aws:iam::111122223333:user/alice", true,
	    POL_PM_NO },
	{ "AWS", "111122223333", "arn:aws:iam::111122223333:root", true,
	    POL_PM_YES },
	{ "AWS", "arn:aws:iam::111122223333:user/alice",
	    "arn:aws:iam::111122223333:user/alice", false, POL_PM_YES },
	{ "AWS", "arn:aws:iam::111122223333:user/alice",
	    "arn:aws:iam::111122223333:user/Alice", false, POL_PM_NO },
	{ "AWS", "arn:aws:iam::111122223333:user/alice", "anonymous", false,
	    POL_PM_NO },
	{ "AWS", "arn:aws:iam::111122223333:role/path/R",
	    "arn:aws:sts::111122223333:assumed-role/R/session", false, POL_PM_YES },
	{ "AWS", "arn:aws:iam::111122223333:role/R",
	    "arn:aws:sts::111122223333:assumed-role/R2/session", false, POL_PM_NO },
	{ "AWS", "arn:aws:iam::111122223333:role/R",
	    "arn:aws:sts::444455556666:assumed-role/R/session", false, POL_PM_NO },
	{ "AWS", "arn:aws:iam::111122223333:role/R",
	    "arn:aws:iam::111122223333:role/R", false, POL_PM_YES },
	{ "AWS", "arn:aws:sts::111122223333:assumed-role/R/session",
	    "arn:aws:sts::111122223333:assumed-role/R/session", false, POL_PM_YES },
	{ "AWS", "arn:aws:sts::111122223333:assumed-role/R/session",
	    "arn:aws:sts::111122223333:assumed-role/R/other", false, POL_PM_NO },
	{ "Service", "s3.amazonaws.com", "s3.amazonaws.com", false, POL_PM_YES },
	{ "Service", "s3.amazonaws.com", "lambda.amazonaws.com", false, POL_PM_NO },
	{ "Service", "s3.amazonaws.com", "arn:aws:iam::111122223333:user/s3",
	    false, POL_PM_NO },
	{ "Federated", "cognito-identity.amazonaws.com",
	    "federated:cognito-identity.amazonaws.com", false, POL_PM_YES },
	{ "Federated", "cognito-identity.amazonaws.com", "s3.amazonaws.com",
	    false, POL_PM_NO },
	{ "CanonicalUser", "79a59df900b949e5", "canonical:79a59df900b949e5", false,
	    POL_PM_YES },
	{ "CanonicalUser", "79a59df900b949e5", "canonical:0000", false,
	    POL_PM_NO },
};

static void
test_principals(void)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(principals); i++) {
		const struct principal_case *c = &principals[i];
		struct pol_principal e;
		struct policy_principal pp;
		char *reason = NULL;
		enum pol_pmatch got;

		CU_ASSERT_EQUAL_FATAL(pol_principal_compile(&e, c->type, c->value,
		    &reason), 0);
		CU_ASSERT_EQUAL_FATAL(policy_principal_init(&pp, c->spec,
		    &reason), 0);
		got = pol_principal_match(&e, &pp, c->exact);
		if (got != c->want)
			printf("# %s %s vs %s: got %d\n", c->type ? c->type : "",
			    c->value, c->spec, got);
		CU_ASSERT_EQUAL(got, c->want);
		pol_principal_release(&e);
	}
}

static void
test_principal_specs(void)
{
	struct policy_principal pp;
	char *cause = NULL;

	CU_ASSERT_EQUAL(policy_principal_init(&pp,
	    "arn:aws:sts::111122223333:assumed-role/R/s", &cause), 0);
	CU_ASSERT_EQUAL(pp.type, POLICY_PRINCIPAL_AWS);
	HS_ASSERT_STR_EQ(pp.account, "111122223333");
	CU_ASSERT_EQUAL(policy_principal_init(&pp, "*", &cause), 0);
	CU_ASSERT_EQUAL(pp.type, POLICY_PRINCIPAL_ANONYMOUS);
	CU_ASSERT_EQUAL(policy_principal_init(&pp, "123456789012", &cause), 0);
	CU_ASSERT_PTR_NULL(pp.id);
	HS_ASSERT_STR_EQ(pp.account, "123456789012");
	CU_ASSERT_EQUAL(policy_principal_init(&pp, "arn:aws:s3:::b", &cause), -1);
	HS_ASSERT_STR_EQ(cause, "invalid principal 'arn:aws:s3:::b': expected an "
	    "IAM or STS ARN such as arn:aws:iam::111122223333:user/alice");
	free(cause);
	CU_ASSERT_EQUAL(policy_principal_init(&pp, "alice", &cause), -1);
	CU_ASSERT_TRUE(hs_starts_with(cause, "invalid principal 'alice'"));
	free(cause);
	CU_ASSERT_EQUAL(policy_principal_init(&pp, "", &cause), -1);
	HS_ASSERT_STR_EQ(cause, "empty principal");
	free(cause);
}

struct var_case {
	const char *pattern;		/* with wildcards and variables */
	const char *const *ctx;
	const char *s;
	bool want;
	const char *missing;		/* the key recorded as missing, or NULL */
};

static const struct var_case vars[] = {
	{ "arn:aws:s3:::b/${aws:username}/*", TP_KV("aws:username=alice"),
	    "arn:aws:s3:::b/alice/x", true, NULL },
	{ "arn:aws:s3:::b/${aws:username}/*", TP_KV("aws:username=alice"),
	    "arn:aws:s3:::b/bob/x", false, NULL },
	/* a variable whose key is absent matches nothing */
	{ "arn:aws:s3:::b/${aws:username}/*", NULL, "arn:aws:s3:::b//x", false,
	    "aws:username" },
	{ "arn:aws:s3:::b/${aws:username}*", NULL, "arn:aws:s3:::b/x", false,
	    "aws:username" },
	/* a value is literal: its '*' is no wildcard */
	{ "${aws:username}", TP_KV("aws:username=*"), "x", false, NULL },
	{ "${aws:username}", TP_KV("aws:username=*"), "*", true, NULL },
	/* nor can a value smuggle in the engine's own wildcard bytes */
	{ "${aws:username}", TP_KV("aws:username=\x01"), "anything", false, NULL },
	{ "${aws:username}", TP_KV("aws:username=a\x02"), "ab", false, NULL },
	{ "${*}", NULL, "*", true, NULL },
	{ "${*}", NULL, "x", false, NULL },
	{ "a${?}", NULL, "a?", true, NULL },
	{ "a${?}", NULL, "ab", false, NULL },
	{ "${$}{x}", NULL, "${x}", true, NULL },
	{ "${ aws:username }", TP_KV("aws:username=alice"), "alice", true, NULL },
	{ "${AWS:USERNAME}", TP_KV("aws:username=alice"), "alice", true, NULL },
	{ "${aws:PrincipalAccount}", TP_KV("aws:PrincipalAccount=111122223333"),
	    "111122223333", true, NULL },
	{ "${aws:SourceAccount}", NULL, "", false, "aws:SourceAccount" },
	{ "${aws:SourceAccount, '111122223333'}", NULL, "111122223333", true,
	    NULL },
	{ "${aws:SourceAccount, '111122223333'}",
	    TP_KV("aws:SourceAccount=444455556666"), "444455556666", true, NULL },
	{ "team/${aws:PrincipalTag/team, 'company-wide'}/*", NULL,
	    "team/company-wide/x", true, NULL },
	{ "team/${aws:PrincipalTag/team, 'company-wide'}/*",
	    TP_KV("aws:PrincipalTag/team=phi"), "team/company-wide/x", false, NULL },
	{ "${aws:PrincipalTag/team,'a b'}", NULL, "a b", true, NULL },
	/* a multi-valued key is no variable */
	{ "${aws:TagKeys}", TP_KV("aws:TagKeys=a", "aws:TagKeys=b"), "a", false,
	    NULL },
	{ "${aws:TagKeys, 'd'}", TP_KV("aws:TagKeys=a", "aws:TagKeys=b"), "d",
	    true, NULL },
};

static void
test_variables(void)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(vars); i++) {
		const struct var_case *c = &vars[i];
		struct pol_pattern pat;
		struct pol_missing missing = { NULL, 0, 0 };
		struct policy_ctx *ctx = tp_ctx(c->ctx);
		struct hs_buf scratch = HS_BUF_INIT;
		char *reason = NULL;
		const char *out;
		size_t len;
		bool got;

		CU_ASSERT_EQUAL_FATAL(pol_pattern_compile(&pat, c->pattern,
		    POL_PAT_WILDCARDS | POL_PAT_VARIABLES, &reason), 0);
		got = pol_pattern_expand(&pat, ctx, &scratch, &out, &len,
		    &missing) && pol_glob(out, len, c->s, strlen(c->s), false);
		if (got != c->want)
			printf("# '%s' vs '%s': got %d\n", c->pattern, c->s, got);
		CU_ASSERT_EQUAL(got, c->want);
		if (c->missing != NULL) {
			CU_ASSERT_EQUAL(missing.n, 1);
			if (missing.n == 1)
				HS_ASSERT_STR_EQ(missing.keys[0], c->missing);
		} else
			CU_ASSERT_EQUAL(missing.n, 0);
		pol_missing_release(&missing);
		pol_pattern_release(&pat);
		hs_buf_release(&scratch);
		policy_ctx_free(ctx);
	}
}

static void
test_bad_variables(void)
{
	static const char *const bad[] = { "${", "${}", "${ }", "${a b}",
		"${a, b}", "${a, 'b}", "${a, 'b'c'}", "${${a}}", "${a,'x'", };
	struct pol_pattern pat;
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(bad); i++) {
		char *reason = NULL;
		int rc = pol_pattern_compile(&pat, bad[i], POL_PAT_VARIABLES,
		    &reason);

		if (rc == 0) {
			printf("# accepted '%s'\n", bad[i]);
			pol_pattern_release(&pat);
		}
		CU_ASSERT_EQUAL(rc, -1);
		free(reason);
	}
	/* without POL_PAT_VARIABLES (Version 2008-10-17) they are text */
	for (i = 0; i < HS_ARRAY_SIZE(bad); i++) {
		char *reason = NULL;

		CU_ASSERT_EQUAL(pol_pattern_compile(&pat, bad[i], 0, &reason), 0);
		HS_ASSERT_STR_EQ(pat.text, bad[i]);
		pol_pattern_release(&pat);
	}
}

/* The request context: keys ignore case, values keep it, sorted lookup. */
static void
test_context(void)
{
	struct policy_ctx *ctx = policy_ctx_new();
	const struct pol_ctx_entry *e;
	struct policy_principal pp;
	char *cause = NULL;

	policy_ctx_add(ctx, "s3:prefix", "Home/");
	policy_ctx_add(ctx, "aws:TagKeys", "a");
	policy_ctx_add(ctx, "AWS:tagkeys", "b");
	policy_ctx_add_empty(ctx, "aws:MultiFactorAuthAge");
	CU_ASSERT_EQUAL(policy_ctx_add_assignment(ctx, "k:v=x=y", &cause), 0);
	CU_ASSERT_EQUAL(policy_ctx_add_assignment(ctx, "=x", &cause), -1);
	CU_ASSERT_TRUE(hs_starts_with(cause, "invalid context entry '=x'"));
	free(cause);
	CU_ASSERT_EQUAL(policy_ctx_add_assignment(ctx, "novalue", &cause), -1);
	free(cause);
	e = pol_ctx_find(ctx, "Aws:TagKeys");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->n, 2);
	HS_ASSERT_STR_EQ(pol_ctx_find(ctx, "S3:PREFIX")->values[0], "Home/");
	HS_ASSERT_STR_EQ(pol_ctx_find(ctx, "k:v")->values[0], "x=y");
	CU_ASSERT_TRUE(policy_ctx_has(ctx, "aws:multifactorauthage"));
	CU_ASSERT_EQUAL(pol_ctx_find(ctx, "aws:multifactorauthage")->n, 0);
	CU_ASSERT_FALSE(policy_ctx_has(ctx, "aws:username"));

	CU_ASSERT_EQUAL(policy_principal_init(&pp,
	    "arn:aws:sts::111122223333:assumed-role/Analyst/alice", &cause), 0);
	policy_ctx_add_principal(ctx, &pp);
	HS_ASSERT_STR_EQ(pol_ctx_find(ctx, "aws:PrincipalArn")->values[0],
	    "arn:aws:iam::111122223333:role/Analyst");
	HS_ASSERT_STR_EQ(pol_ctx_find(ctx, "aws:PrincipalAccount")->values[0],
	    "111122223333");
	HS_ASSERT_STR_EQ(pol_ctx_find(ctx, "aws:PrincipalType")->values[0],
	    "AssumedRole");
	HS_ASSERT_STR_EQ(pol_ctx_find(ctx, "aws:PrincipalIsAWSService")->values[0],
	    "false");
	CU_ASSERT_FALSE(policy_ctx_has(ctx, "aws:username"));
	policy_ctx_add_time(ctx, 1577836801);
	HS_ASSERT_STR_EQ(pol_ctx_find(ctx, "aws:CurrentTime")->values[0],
	    "2020-01-01T00:00:01Z");
	HS_ASSERT_STR_EQ(pol_ctx_find(ctx, "aws:EpochTime")->values[0],
	    "1577836801");
	policy_ctx_free(ctx);

	ctx = policy_ctx_new();
	policy_ctx_add(ctx, "aws:username", "given");
	CU_ASSERT_EQUAL(policy_principal_init(&pp,
	    "arn:aws:iam::111122223333:user/division/alice", &cause), 0);
	policy_ctx_add_principal(ctx, &pp);
	HS_ASSERT_STR_EQ(pol_ctx_find(ctx, "aws:username")->values[0], "given");
	CU_ASSERT_EQUAL(pol_ctx_find(ctx, "aws:username")->n, 1);
	HS_ASSERT_STR_EQ(pol_ctx_find(ctx, "aws:PrincipalType")->values[0], "User");
	policy_ctx_free(ctx);

	ctx = policy_ctx_new();
	CU_ASSERT_EQUAL(policy_principal_init(&pp,
	    "arn:aws:iam::111122223333:user/division/alice", &cause), 0);
	policy_ctx_add_principal(ctx, &pp);
	HS_ASSERT_STR_EQ(pol_ctx_find(ctx, "aws:username")->values[0], "alice");
	policy_ctx_free(ctx);

	ctx = policy_ctx_new();
	CU_ASSERT_EQUAL(policy_principal_init(&pp, "s3.amazonaws.com", &cause), 0);
	policy_ctx_add_principal(ctx, &pp);
	HS_ASSERT_STR_EQ(pol_ctx_find(ctx, "aws:PrincipalServiceName")->values[0],
	    "s3.amazonaws.com");
	HS_ASSERT_STR_EQ(pol_ctx_find(ctx, "aws:PrincipalIsAWSService")->values[0],
	    "true");
	policy_ctx_free(ctx);
	policy_ctx_free(NULL);
}

static const struct hs_unit_case match_tests[] = {
	{ "wildcards", test_wildcards },
	{ "arn-segments", test_arn_segments },
	{ "principals", test_principals },
	{ "principal-specs", test_principal_specs },
	{ "variables", test_variables },
	{ "bad-variables", test_bad_variables },
	{ "context", test_context },
};

void
hs_unit_register(void)
{
	hs_unit_add_table("policy-match", match_tests, HS_ARRAY_SIZE(match_tests));
}
