/*
 * test-policy-sim.c: what `policy simulate` will run — the blog's
 * question answered, in text and in IAM's simulator JSON.
 */
#include "hs-common.h"
#include "harness.h"
#include "test-policy-util.h"

#define PHI_ROLE "arn:aws:sts::123456789012:assumed-role/phi-app/i-0123"
#define PHI_OBJECT "arn:aws:s3:::phi-demo/data/x.phi"

static char *
json_text(cJSON *j)
{
	char *s = cJSON_PrintUnformatted(j);
	char *copy = hs_xstrdup(s);

	cJSON_free(s);
	cJSON_Delete(j);
	return copy;
}

/* May an upload without SSE go into phi-demo? No, explicitly. */
static void
test_blog_question(void)
{
	struct policy *role = tp_fixture("blog-role-policy.json", POLICY_IDENTITY,
	    "role-policy.json");
	struct policy *bucket = tp_fixture("blog-bucket-policy.json",
	    POLICY_RESOURCE, "bucket-policy.json");
	const struct policy *ids[1] = { role };
	struct policy_sim sim = { ids, 1, bucket, "s3:PutObject", PHI_OBJECT,
	    "123456789012", PHI_ROLE, NULL, 0, 1700000000 };
	struct policy_result r = POLICY_RESULT_INIT;
	char *cause = NULL, *s;

	CU_ASSERT_PTR_NOT_NULL_FATAL(role);
	CU_ASSERT_PTR_NOT_NULL_FATAL(bucket);
	CU_ASSERT_EQUAL_FATAL(policy_simulate(&sim, &r, &cause), 0);
	CU_ASSERT_EQUAL(r.decision, POLICY_EXPLICIT_DENY);
	s = policy_result_format(&sim, &r);
	HS_ASSERT_STR_EQ(s, "explicitDeny: s3:PutObject on "
	    "arn:aws:s3:::phi-demo/data/x.phi\n"
	    "  denied by DenyIncorrectEncryptionHeader (resource policy "
	    "'bucket-policy.json', Statement[0], line 5)\n"
	    "  denied by DenyUnEncryptedObjectUploads (resource policy "
	    "'bucket-policy.json', Statement[1], line 17)\n"
	    "  an explicit deny overrides any allow\n"
	    "  missing context values: s3:x-amz-server-side-encryption\n");
	free(s);
	s = json_text(policy_result_to_json(&sim, &r));
	HS_ASSERT_STR_EQ(s, "{\"EvalActionName\":\"s3:PutObject\","
	    "\"EvalResourceName\":\"arn:aws:s3:::phi-demo/data/x.phi\","
	    "\"EvalDecision\":\"explicitDeny\",\"MatchedStatements\":["
	    "{\"SourcePolicyId\":\"bucket-policy.json\",\"SourcePolicyType\":"
	    "\"resource\",\"StartPosition\":{\"Line\":5,\"Column\":5},"
	    "\"EndPosition\":{\"Line\":16,\"Column\":6}},"
	    "{\"SourcePolicyId\":\"bucket-policy.json\",\"SourcePolicyType\":"
	    "\"resource\",\"StartPosition\":{\"Line\":17,\"Column\":5},"
	    "\"EndPosition\":{\"Line\":28,\"Column\":6}}],"
	    "\"MissingContextValues\":[\"s3:x-amz-server-side-encryption\"]}");
	free(s);
	policy_result_clear(&r);
	policy_free(role);
	policy_free(bucket);
}

/* With the header, the role policy's own defect still stops the upload. */
static void
test_blog_with_header(void)
{
	struct policy *role = tp_fixture("blog-role-policy.json", POLICY_IDENTITY,
	    "role-policy.json");
	struct policy *bucket = tp_fixture("blog-bucket-policy.json",
	    POLICY_RESOURCE, "bucket-policy.json");
	struct policy *fixed = tp_parse("{\"Version\":\"2012-10-17\",\"Statement\":"
	    "{\"Sid\":\"PhiObjects\",\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::phi-demo/*\"}}",
	    POLICY_IDENTITY);
	const struct policy *ids[1] = { role };
	const char *const ctx[] = { "s3:x-amz-server-side-encryption=AES256" };
	struct policy_sim sim = { ids, 1, bucket, "s3:PutObject", PHI_OBJECT,
	    "123456789012", PHI_ROLE, ctx, 1, 1700000000 };
	struct policy_result r = POLICY_RESULT_INIT;
	char *cause = NULL, *s;

	CU_ASSERT_EQUAL_FATAL(policy_simulate(&sim, &r, &cause), 0);
	CU_ASSERT_EQUAL(r.decision, POLICY_IMPLICIT_DENY);
	s = policy_result_format(&sim, &r);
	HS_ASSERT_STR_EQ(s, "implicitDeny: s3:PutObject on "
	    "arn:aws:s3:::phi-demo/data/x.phi\n"
	    "  no statement allows the request\n");
	free(s);
	s = json_text(policy_result_to_json(&sim, &r));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"EvalDecision\":\"implicitDeny\","
	    "\"MatchedStatements\":[],\"MissingContextValues\":[]"));
	free(s);
	policy_result_clear(&r);

	ids[0] = fixed;
	CU_ASSERT_EQUAL_FATAL(policy_simulate(&sim, &r, &cause), 0);
	CU_ASSERT_EQUAL(r.decision, POLICY_ALLOW);
	s = policy_result_format(&sim, &r);
	HS_ASSERT_STR_EQ(s, "allowed: s3:PutObject on "
	    "arn:aws:s3:::phi-demo/data/x.phi\n"
	    "  allowed by PhiObjects (identity policy 'test', Statement, line 1)\n"
	    "  allowed by an identity policy\n");
	free(s);
	s = json_text(policy_result_to_json(&sim, &r));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"SourcePolicyId\":\"test\","
	    "\"SourcePolicyType\":\"none\",\"StartPosition\":{\"Line\":1,"
	    "\"Column\":37}"));
	free(s);
	policy_result_clear(&r);
	policy_free(role);
	policy_free(bucket);
	policy_free(fixed);
}

static void
test_inputs(void)
{
	struct policy *bucket = tp_fixture("blog-bucket-policy.json",
	    POLICY_RESOURCE, "b");
	const char *const bad_ctx[] = { "novalue" };
	struct policy_sim sim = { NULL, 0, bucket, "s3:PutObject", PHI_OBJECT,
	    NULL, "alice", NULL, 0, 0 };
	struct policy_result r = POLICY_RESULT_INIT;
	char *cause = NULL;

	CU_ASSERT_EQUAL(policy_simulate(&sim, &r, &cause), -1);
	CU_ASSERT_TRUE(hs_starts_with(cause, "invalid principal 'alice'"));
	free(cause);
	sim.principal = NULL;
	sim.context = bad_ctx;
	sim.n_context = 1;
	CU_ASSERT_EQUAL(policy_simulate(&sim, &r, &cause), -1);
	HS_ASSERT_STR_EQ(cause, "invalid context entry 'novalue': expected "
	    "KEY=VALUE, e.g. s3:x-amz-server-side-encryption=AES256");
	free(cause);
	sim.n_context = 0;
	sim.action = "PutObject";
	CU_ASSERT_EQUAL(policy_simulate(&sim, &r, &cause), -1);
	HS_ASSERT_STR_EQ(cause, "invalid action 'PutObject': expected "
	    "SERVICE:ACTION such as s3:PutObject");
	free(cause);
	sim.action = "s3:Put*";
	CU_ASSERT_EQUAL(policy_simulate(&sim, &r, &cause), -1);
	free(cause);
	sim.action = NULL;
	CU_ASSERT_EQUAL(policy_simulate(&sim, &r, &cause), -1);
	free(cause);
	/* no principal: an unnamed principal; "*" statements still apply */
	sim.action = "s3:PutObject";
	CU_ASSERT_EQUAL(policy_simulate(&sim, &r, &cause), 0);
	CU_ASSERT_EQUAL(r.decision, POLICY_EXPLICIT_DENY);
	policy_result_clear(&r);
	policy_free(bucket);
}

/* The owner comes from the resource ARN; the time from the caller. */
static void
test_owner_and_time(void)
{
	struct policy *fn = tp_parse("{\"Version\":\"2012-10-17\",\"Statement\":"
	    "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"444455556666\"},"
	    "\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"*\","
	    "\"Condition\":{\"DateLessThan\":{\"aws:CurrentTime\":"
	    "\"2030-01-01T00:00:00Z\"}}}}", POLICY_RESOURCE);
	struct policy *id = tp_parse("{\"Version\":\"2012-10-17\",\"Statement\":"
	    "{\"Effect\":\"Allow\",\"Action\":\"lambda:*\",\"Resource\":\"*\"}}",
	    POLICY_IDENTITY);
	const struct policy *ids[1] = { id };
	struct policy_sim sim = { ids, 1, fn, "lambda:InvokeFunction",
	    "arn:aws:lambda:us-east-1:123456789012:function:f", NULL,
	    "arn:aws:iam::444455556666:user/mallory", NULL, 0, 1700000000 };
	struct policy_result r = POLICY_RESULT_INIT;
	char *cause = NULL;

	CU_ASSERT_EQUAL_FATAL(policy_simulate(&sim, &r, &cause), 0);
	CU_ASSERT_EQUAL(r.decision, POLICY_ALLOW);
	CU_ASSERT_TRUE(r.cross_account);
	policy_result_clear(&r);
	sim.now = 1900000000;	/* 2030-03-17 */
	CU_ASSERT_EQUAL_FATAL(policy_simulate(&sim, &r, &cause), 0);
	CU_ASSERT_EQUAL(r.decision, POLICY_IMPLICIT_DENY);
	HS_ASSERT_STR_EQ(r.reason, "cross-account: the resource policy must "
	    "allow too, and does not");
	policy_result_clear(&r);
	/* --context wins over the clock */
	{
		const char *const ctx[] = { "aws:CurrentTime=2029-12-31T00:00:00Z" };

		sim.context = ctx;
		sim.n_context = 1;
		CU_ASSERT_EQUAL_FATAL(policy_simulate(&sim, &r, &cause), 0);
		CU_ASSERT_EQUAL(r.decision, POLICY_ALLOW);
		policy_result_clear(&r);
	}
	sim.context = NULL;
	sim.n_context = 0;
	sim.resource_owner = "444455556666";
	sim.now = 1700000000;
	CU_ASSERT_EQUAL_FATAL(policy_simulate(&sim, &r, &cause), 0);
	CU_ASSERT_FALSE(r.cross_account);
	policy_result_clear(&r);
	policy_free(fn);
	policy_free(id);
}

static void
test_decision_names(void)
{
	HS_ASSERT_STR_EQ(policy_decision_name(POLICY_ALLOW), "allowed");
	HS_ASSERT_STR_EQ(policy_decision_name(POLICY_EXPLICIT_DENY),
	    "explicitDeny");
	HS_ASSERT_STR_EQ(policy_decision_name(POLICY_IMPLICIT_DENY),
	    "implicitDeny");
}

static const struct hs_unit_case sim_tests[] = {
	{ "blog-question", test_blog_question },
	{ "blog-with-header", test_blog_with_header },
	{ "inputs", test_inputs },
	{ "owner-and-time", test_owner_and_time },
	{ "decision-names", test_decision_names },
};

void
hs_unit_register(void)
{
	hs_unit_add_table("policy-sim", sim_tests, HS_ARRAY_SIZE(sim_tests));
}
