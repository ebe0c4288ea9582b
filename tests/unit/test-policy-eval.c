/*
 * test-policy-eval.c: decisions — explicit deny, allow, implicit deny;
 * identity and resource policies in the same account and across
 * accounts; the examples of AWS's documentation; the blog's policies.
 *
 * Evaluation logic:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 */
#include "hs-common.h"
#include "harness.h"
#include "test-policy-util.h"

#include <pthread.h>

#define ALICE "arn:aws:iam::111122223333:user/alice"
#define BOB "arn:aws:iam::111122223333:user/bob"
#define MALLORY "arn:aws:iam::444455556666:user/mallory"
#define SESSION "arn:aws:sts::111122223333:assumed-role/Analyst/alice"
#define ROOT "arn:aws:iam::111122223333:root"
#define OTHER_ROOT "arn:aws:iam::444455556666:root"

#define IDENTITY(stmts) "{\"Version\":\"2012-10-17\",\"Statement\":[" stmts "]}"
#define RESOURCE(stmts) IDENTITY(stmts)
#define GET_B "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\""

/* The policies of the combination table. */
static const char *const identities[] = {
	NULL,
	/* 1: allows */
	IDENTITY("{\"Sid\":\"IdAllow\",\"Effect\":\"Allow\"," GET_B "}"),
	/* 2: denies */
	IDENTITY("{\"Sid\":\"IdAllow\",\"Effect\":\"Allow\"," GET_B "},"
	    "{\"Sid\":\"IdDeny\",\"Effect\":\"Deny\"," GET_B "}"),
	/* 3: allows something else */
	IDENTITY("{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\","
	    "\"Resource\":\"arn:aws:s3:::b/*\"}"),
};

static const char *const resources[] = {
	NULL,
	/* 1: names alice */
	RESOURCE("{\"Sid\":\"ResUser\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
	    "\"" ALICE "\"}," GET_B "}"),
	/* 2: names alice's account */
	RESOURCE("{\"Sid\":\"ResAccount\",\"Effect\":\"Allow\",\"Principal\":"
	    "{\"AWS\":\"111122223333\"}," GET_B "}"),
	/* 3: names the account's root ARN */
	RESOURCE("{\"Sid\":\"ResRoot\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
	    "\"" ROOT "\"}," GET_B "}"),
	/* 4: everyone */
	RESOURCE("{\"Sid\":\"ResStar\",\"Effect\":\"Allow\",\"Principal\":\"*\","
	    GET_B "}"),
	/* 5: denies everyone */
	RESOURCE("{\"Sid\":\"ResAllowUser\",\"Effect\":\"Allow\",\"Principal\":"
	    "{\"AWS\":\"" ALICE "\"}," GET_B "},{\"Sid\":\"ResDeny\",\"Effect\":"
	    "\"Deny\",\"Principal\":\"*\"," GET_B "}"),
	/* 6: names someone else */
	RESOURCE("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" BOB "\"},"
	    GET_B "}"),
	/* 7: names the Analyst role */
	RESOURCE("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
	    "\"arn:aws:iam::111122223333:role/Analyst\"}," GET_B "}"),
	/* 8: names the S3 service */
	RESOURCE("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
	    "\"s3.amazonaws.com\"}," GET_B "}"),
	/* 9: names mallory's account */
	RESOURCE("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"444455556666\"},"
	    GET_B "}"),
};

struct combo_case {
	const char *name;
	int identity;		/* index into identities */
	int resource;		/* index into resources */
	const char *principal;
	const char *owner;	/* the resource's account */
	enum policy_decision want;
	const char *reason;	/* NULL: not checked */
};

#define A POLICY_ALLOW
#define X POLICY_EXPLICIT_DENY
#define N POLICY_IMPLICIT_DENY
#define SAME "111122223333"
#define CROSS "444455556666"

static const struct combo_case combos[] = {
	/* same account: either side may allow */
	{ "same/identity-only", 1, 0, ALICE, SAME, A, "allowed by an identity policy" },
	{ "same/resource-names-user", 0, 1, ALICE, SAME, A,
	    "allowed by the resource policy, which names the principal" },
	{ "same/both", 1, 1, ALICE, SAME, A,
	    "allowed by an identity policy and by the resource policy" },
	{ "same/resource-names-account-only", 0, 2, ALICE, SAME, N,
	    "the resource policy names only the principal's account, which "
	    "leaves the decision to the identity policies, and none allows" },
	{ "same/resource-names-root-only", 0, 3, ALICE, SAME, N, NULL },
	{ "same/account-and-identity", 1, 2, ALICE, SAME, A, NULL },
	{ "same/resource-star", 0, 4, ALICE, SAME, A, NULL },
	{ "same/nothing-allows", 3, 6, ALICE, SAME, N,
	    "no statement allows the request" },
	{ "same/no-policies", 0, 0, ALICE, SAME, N, NULL },
	{ "same/resource-deny-wins", 1, 5, ALICE, SAME, X,
	    "an explicit deny overrides any allow" },
	{ "same/identity-deny-wins", 2, 1, ALICE, SAME, X, NULL },
	{ "same/other-user", 0, 1, BOB, SAME, N, NULL },
	{ "same/role-session", 0, 7, SESSION, SAME, A, NULL },
	{ "same/owner-unknown-is-same", 0, 1, ALICE, NULL, A, NULL },
	/* cross-account: both sides must allow */
	{ "cross/identity-only", 1, 0, MALLORY, SAME, N,
	    "cross-account: the resource policy must allow too, and does not" },
	{ "cross/resource-only", 0, 9, MALLORY, SAME, N,
	    "cross-account: the principal's identity policies must allow too, "
	    "and do not" },
	{ "cross/both-account", 1, 9, MALLORY, SAME, A,
	    "cross-account: both the identity policies and the resource policy "
	    "allow" },
	{ "cross/both-star", 1, 4, MALLORY, SAME, A, NULL },
	{ "cross/neither", 3, 6, MALLORY, SAME, N,
	    "cross-account: neither the identity policies nor the resource "
	    "policy allow" },
	{ "cross/resource-names-other", 1, 1, MALLORY, SAME, N, NULL },
	{ "cross/deny-wins", 1, 5, ALICE, CROSS, X, NULL },
	{ "cross/alice-to-other-owner", 1, 1, ALICE, CROSS, A, NULL },
	{ "cross/alice-identity-only", 1, 0, ALICE, CROSS, N, NULL },
	/* services and anonymous callers: the resource policy alone */
	{ "service/named", 1, 8, "s3.amazonaws.com", SAME, A,
	    "allowed by the resource policy, the only policy for an AWS "
	    "service or an anonymous caller" },
	{ "service/identity-ignored", 1, 0, "s3.amazonaws.com", SAME, N, NULL },
	{ "service/not-named", 0, 1, "lambda.amazonaws.com", SAME, N, NULL },
	{ "anonymous/star", 0, 4, "anonymous", SAME, A, NULL },
	{ "anonymous/named-user", 0, 1, "anonymous", SAME, N, NULL },
	{ "anonymous/identity-ignored", 1, 0, NULL, SAME, N, NULL },
	/* the root user of the resource's account */
	{ "root/no-policies", 0, 0, ROOT, SAME, A,
	    "the root user of the resource's account has full access unless a "
	    "policy denies it" },
	{ "root/denied", 0, 5, ROOT, SAME, X, NULL },
	{ "root/other-account-needs-resource", 0, 0, OTHER_ROOT, SAME, N, NULL },
	{ "root/other-account-allowed", 0, 9, OTHER_ROOT, SAME, A, NULL },
};

static void
test_combinations(void)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(combos); i++) {
		const struct combo_case *c = &combos[i];
		struct policy *id = c->identity ?
		    tp_parse(identities[c->identity], POLICY_IDENTITY) : NULL;
		struct policy *res = c->resource ?
		    tp_parse(resources[c->resource], POLICY_RESOURCE) : NULL;
		struct tp_request req = { c->principal, "s3:GetObject",
		    "arn:aws:s3:::b/k", c->owner, NULL };
		struct policy_result r = POLICY_RESULT_INIT;
		enum policy_decision d = tp_decide(id, res, &req, &r);

		if (d != c->want || (c->reason && strcmp(r.reason, c->reason)))
			printf("# %s: got %s (%s)\n", c->name,
			    policy_decision_name(d), r.reason);
		CU_ASSERT_EQUAL(d, c->want);
		if (c->reason != NULL)
			CU_ASSERT_STRING_EQUAL(r.reason, c->reason);
		policy_result_clear(&r);
		policy_free(id);
		policy_free(res);
	}
}

/* The deciding statements and the per-side decisions. */
static void
test_matched_statements(void)
{
	struct policy *id = tp_parse(identities[2], POLICY_IDENTITY);
	struct policy *res = tp_parse(resources[5], POLICY_RESOURCE);
	struct tp_request req = { ALICE, "s3:GetObject", "arn:aws:s3:::b/k", SAME,
	    NULL };
	struct policy_result r = POLICY_RESULT_INIT;

	CU_ASSERT_EQUAL(tp_decide(id, res, &req, &r), X);
	CU_ASSERT_EQUAL_FATAL(r.n_matched, 2);
	CU_ASSERT_PTR_EQUAL(r.matched[0].policy, id);
	HS_ASSERT_STR_EQ(policy_statement_sid(id, r.matched[0].index), "IdDeny");
	HS_ASSERT_STR_EQ(policy_statement_sid(res, r.matched[1].index), "ResDeny");
	CU_ASSERT_EQUAL(r.identity_decision, X);
	CU_ASSERT_EQUAL(r.resource_decision, X);
	policy_result_clear(&r);
	policy_free(id);
	policy_free(res);

	id = tp_parse(identities[1], POLICY_IDENTITY);
	res = tp_parse(resources[1], POLICY_RESOURCE);
	CU_ASSERT_EQUAL(tp_decide(id, res, &req, &r), A);
	CU_ASSERT_EQUAL_FATAL(r.n_matched, 2);
	HS_ASSERT_STR_EQ(policy_statement_sid(id, r.matched[0].index), "IdAllow");
	HS_ASSERT_STR_EQ(policy_statement_sid(res, r.matched[1].index), "ResUser");
	CU_ASSERT_EQUAL(r.identity_decision, A);
	CU_ASSERT_EQUAL(r.resource_decision, A);
	policy_result_clear(&r);

	req.principal = MALLORY;
	CU_ASSERT_EQUAL(tp_decide(id, res, &req, &r), N);
	CU_ASSERT_EQUAL(r.n_matched, 0);
	CU_ASSERT_TRUE(r.cross_account);
	CU_ASSERT_EQUAL(r.identity_decision, A);
	CU_ASSERT_EQUAL(r.resource_decision, N);
	policy_result_clear(&r);
	policy_free(id);
	policy_free(res);
}

/* Actions ignore case, resources do not; Not* elements invert. */
static void
test_case_and_not_elements(void)
{
	static const struct {
		const char *stmt;
		const char *action;
		const char *resource;
		enum policy_decision want;
	} t[] = {
		{ "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":"
		    "\"arn:aws:s3:::b/*\"}", "S3:getobject", "arn:aws:s3:::b/k", A },
		{ "{\"Effect\":\"Allow\",\"Action\":\"S3:GETOBJECT\",\"Resource\":"
		    "\"arn:aws:s3:::b/*\"}", "s3:GetObject", "arn:aws:s3:::b/k", A },
		{ "{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":"
		    "\"arn:aws:s3:::b/*\"}", "s3:getobjectacl", "arn:aws:s3:::b/k", A },
		{ "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":"
		    "\"arn:aws:s3:::b/*\"}", "s3:GetObject", "arn:aws:s3:::B/k", N },
		{ "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":"
		    "\"arn:aws:s3:::b/Data/*\"}", "s3:GetObject",
		    "arn:aws:s3:::b/data/k", N },
		{ "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":"
		    "\"arn:aws:s3:::b/*\"}", "s3:GetObjectAcl", "arn:aws:s3:::b/k", N },
		{ "{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}",
		    "s3:GetObject", "arn:aws:s3:::b/k", A },
		{ "{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}",
		    "IAM:CreateUser", "arn:aws:iam::111122223333:user/x", N },
		{ "{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"NotResource\":"
		    "\"arn:aws:s3:::phi-*\"}", "s3:GetObject", "arn:aws:s3:::b/k", A },
		{ "{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"NotResource\":"
		    "\"arn:aws:s3:::phi-*\"}", "s3:GetObject",
		    "arn:aws:s3:::phi-demo/k", N },
		{ "{\"Effect\":\"Allow\",\"Action\":\"s3:ListAllMyBuckets\","
		    "\"Resource\":\"*\"}", "s3:ListAllMyBuckets", NULL, A },
		{ "{\"Effect\":\"Allow\",\"Action\":\"s3:ListAllMyBuckets\","
		    "\"Resource\":\"arn:aws:s3:::*\"}", "s3:ListAllMyBuckets", NULL,
		    N },
		{ "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}",
		    "kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/k", A },
		{ "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":"
		    "\"arn:aws:s3:::b/${aws:username}/*\"}", "s3:GetObject",
		    "arn:aws:s3:::b/alice/k", A },
		{ "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":"
		    "\"arn:aws:s3:::b/${aws:username}/*\"}", "s3:GetObject",
		    "arn:aws:s3:::b/bob/k", N },
		/* a variable whose key is absent matches no resource... */
		{ "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":"
		    "\"arn:aws:s3:::b/${aws:PrincipalTag/team}/*\"}", "s3:GetObject",
		    "arn:aws:s3:::b/x/k", N },
		/* ...so NotResource with it excludes nothing */
		{ "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"NotResource\":"
		    "\"arn:aws:s3:::b/${aws:PrincipalTag/team}/*\"}", "s3:GetObject",
		    "arn:aws:s3:::b/x/k", A },
	};
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(t); i++) {
		char *json = hs_xasprintf(IDENTITY("%s"), t[i].stmt);
		struct policy *p = tp_parse(json, POLICY_IDENTITY);
		struct tp_request req = { ALICE, t[i].action, t[i].resource, SAME,
		    NULL };
		enum policy_decision d = tp_decide(p, NULL, &req, NULL);

		if (d != t[i].want)
			printf("# %zu: %s %s %s: got %s\n", i, t[i].stmt,
			    t[i].action, t[i].resource ? t[i].resource : "*",
			    policy_decision_name(d));
		CU_ASSERT_EQUAL(d, t[i].want);
		policy_free(p);
		free(json);
	}
}

/* NotPrincipal: Deny everyone except the principals listed. */
static void
test_not_principal(void)
{
	struct policy *res = tp_parse(RESOURCE("{\"Effect\":\"Allow\",\"Principal\":"
	    "\"*\"," GET_B "},{\"Sid\":\"OnlyAlice\",\"Effect\":\"Deny\","
	    "\"NotPrincipal\":{\"AWS\":[\"" ALICE "\",\"111122223333\"]}," GET_B "}"),
	    POLICY_RESOURCE);
	struct tp_request req = { ALICE, "s3:GetObject", "arn:aws:s3:::b/k", SAME,
	    NULL };

	CU_ASSERT_EQUAL(tp_decide(NULL, res, &req, NULL), A);
	req.principal = BOB;	/* the account entry does not exempt bob */
	CU_ASSERT_EQUAL(tp_decide(NULL, res, &req, NULL), X);
	req.principal = ROOT;
	CU_ASSERT_EQUAL(tp_decide(NULL, res, &req, NULL), A);
	req.principal = "anonymous";
	CU_ASSERT_EQUAL(tp_decide(NULL, res, &req, NULL), X);
	policy_free(res);
}

/* Role trust policies (and key policies) must allow, even in the account. */
static void
test_trust_and_key_policies(void)
{
	struct policy *id = tp_parse(IDENTITY("{\"Effect\":\"Allow\",\"Action\":"
	    "[\"sts:AssumeRole\",\"kms:Decrypt\"],\"Resource\":\"*\"}"),
	    POLICY_IDENTITY);
	struct policy *lambda_only = tp_parse(IDENTITY("{\"Effect\":\"Allow\","
	    "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":"
	    "\"sts:AssumeRole\"}"), POLICY_TRUST);
	struct policy *account = tp_parse(IDENTITY("{\"Effect\":\"Allow\","
	    "\"Principal\":{\"AWS\":\"" ROOT "\"},\"Action\":\"sts:AssumeRole\"}"),
	    POLICY_TRUST);
	struct policy *alice = tp_parse(IDENTITY("{\"Effect\":\"Allow\","
	    "\"Principal\":{\"AWS\":\"" ALICE "\"},\"Action\":\"sts:AssumeRole\"}"),
	    POLICY_TRUST);
	struct tp_request req = { ALICE, "sts:AssumeRole",
	    "arn:aws:iam::111122223333:role/R", SAME, NULL };
	const struct policy *ids[1] = { id };
	struct policy_set set = { ids, 1, NULL, true };
	struct policy_principal pp;
	struct policy_request kreq = { "kms:Decrypt",
	    "arn:aws:kms:us-east-1:111122223333:key/k", SAME, &pp, NULL };
	char *cause = NULL;

	CU_ASSERT_EQUAL(tp_decide(id, lambda_only, &req, NULL), N);
	CU_ASSERT_EQUAL(tp_decide(id, account, &req, NULL), A);
	CU_ASSERT_EQUAL(tp_decide(NULL, account, &req, NULL), N);
	CU_ASSERT_EQUAL(tp_decide(NULL, alice, &req, NULL), A);
	req.principal = ROOT;
	CU_ASSERT_EQUAL(tp_decide(NULL, lambda_only, &req, NULL), N);
	CU_ASSERT_EQUAL(tp_decide(NULL, account, &req, NULL), A);
	req.principal = "lambda.amazonaws.com";
	CU_ASSERT_EQUAL(tp_decide(NULL, lambda_only, &req, NULL), A);
	/* a KMS key without a key policy allowing alice: the flag */
	CU_ASSERT_EQUAL(policy_principal_init(&pp, ALICE, &cause), 0);
	CU_ASSERT_EQUAL(policy_evaluate(&set, &kreq, NULL), N);
	set.resource_must_allow = false;
	CU_ASSERT_EQUAL(policy_evaluate(&set, &kreq, NULL), A);
	policy_free(id);
	policy_free(lambda_only);
	policy_free(account);
	policy_free(alice);
}

/*
 * The example of "Policy evaluation for requests within a single account"
 * (reference_policies_evaluation-logic_policy-eval-basics.html): Carlos may
 * not save to the -logs bucket (DenyS3Logs), may save to his own bucket.
 */
static void
test_docs_single_account_example(void)
{
	struct policy *id = tp_fixture("docs-carlos-identity-policy.json",
	    POLICY_IDENTITY, "carlossalazar");
	struct policy *bucket = tp_fixture("docs-carlos-bucket-policy.json",
	    POLICY_RESOURCE, "amzn-s3-demo-bucket-carlossalazar");
	struct tp_request req = { "arn:aws:iam::123456789012:user/carlossalazar",
	    "s3:PutObject",
	    "arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs/file.txt",
	    "123456789012", NULL };
	struct policy_result r = POLICY_RESULT_INIT;

	CU_ASSERT_PTR_NOT_NULL_FATAL(id);
	CU_ASSERT_PTR_NOT_NULL_FATAL(bucket);
	/* the -logs bucket has no policy of its own */
	CU_ASSERT_EQUAL(tp_decide(id, NULL, &req, &r), X);
	CU_ASSERT_EQUAL_FATAL(r.n_matched, 1);
	HS_ASSERT_STR_EQ(policy_statement_sid(id, r.matched[0].index),
	    "DenyS3Logs");
	policy_result_clear(&r);
	req.resource = "arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar/file.txt";
	CU_ASSERT_EQUAL(tp_decide(id, bucket, &req, &r), A);
	CU_ASSERT_EQUAL(r.n_matched, 2);
	policy_result_clear(&r);
	/* either policy alone allows it in the same account */
	CU_ASSERT_EQUAL(tp_decide(id, NULL, &req, NULL), A);
	CU_ASSERT_EQUAL(tp_decide(NULL, bucket, &req, NULL), A);
	req.action = "s3:GetBucketLocation";
	req.resource = "arn:aws:s3:::any-bucket";
	CU_ASSERT_EQUAL(tp_decide(id, NULL, &req, NULL), A);
	req.resource = "arn:aws:s3:::my-logbook";
	CU_ASSERT_EQUAL(tp_decide(id, NULL, &req, NULL), X);
	req.principal = "arn:aws:iam::123456789012:user/someone-else";
	req.action = "s3:GetObject";
	req.resource = "arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar/file.txt";
	CU_ASSERT_EQUAL(tp_decide(NULL, bucket, &req, NULL), N);
	policy_free(id);
	policy_free(bucket);
}

/* One example of the documentation: a policy and the requests it judges. */
struct doc_request {
	const char *principal;
	const char *action;
	const char *resource;
	const char *const *ctx;
	enum policy_decision want;
};

struct doc_example {
	const char *name;
	enum policy_type type;
	const char *policy;
	struct doc_request req[4];
};

#define DOC_OWNER "123456789012"
#define DOC_USER "arn:aws:iam::123456789012:user/alice"

/*
 * The examples of "IAM JSON policy elements: Condition operators"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html),
 * of "Conditions with multiple context keys or values"
 * (reference_policies_multi-value-conditions.html) and its single-valued
 * and multivalued example pages, and of "IAM policy elements: Variables
 * and tags" (reference_policies_variables.html).
 */
static const struct doc_example docs[] = {
	{ "string: aws:PrincipalTag/job-category", POLICY_IDENTITY,
	    IDENTITY("{\"Effect\":\"Allow\",\"Action\":\"iam:*AccessKey*\","
	    "\"Resource\":\"arn:aws:iam::123456789012:user/*\",\"Condition\":"
	    "{\"StringEquals\":{\"aws:PrincipalTag/job-category\":"
	    "\"iamuser-admin\"}}}"), {
		{ DOC_USER, "iam:CreateAccessKey",
		    "arn:aws:iam::123456789012:user/bob",
		    TP_KV("aws:PrincipalTag/job-category=iamuser-admin"), A },
		{ DOC_USER, "iam:ListAccessKeys",
		    "arn:aws:iam::123456789012:user/bob", NULL, N },
		{ DOC_USER, "iam:CreateAccessKey",
		    "arn:aws:iam::123456789012:user/bob",
		    TP_KV("aws:PrincipalTag/job-category=dev"), N },
	} },
	{ "string: home folder with ${aws:username}", POLICY_IDENTITY,
	    IDENTITY("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\","
	    "\"Resource\":\"arn:aws:s3:::amzn-s3-demo-bucket\",\"Condition\":"
	    "{\"StringLike\":{\"s3:prefix\":[\"\",\"home/\","
	    "\"home/${aws:username}/\"]}}},{\"Effect\":\"Allow\",\"Action\":"
	    "[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":"
	    "\"arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*\"}"), {
		{ DOC_USER, "s3:ListBucket", "arn:aws:s3:::amzn-s3-demo-bucket",
		    TP_KV("s3:prefix=home/alice/"), A },
		{ DOC_USER, "s3:ListBucket", "arn:aws:s3:::amzn-s3-demo-bucket",
		    TP_KV("s3:prefix=home/bob/"), N },
		{ DOC_USER, "s3:PutObject",
		    "arn:aws:s3:::amzn-s3-demo-bucket/home/alice/cv.txt", NULL, A },
		{ DOC_USER, "s3:GetObject",
		    "arn:aws:s3:::amzn-s3-demo-bucket/home/bob/cv.txt", NULL, N },
	} },
	{ "numeric: s3:max-keys", POLICY_IDENTITY,
	    IDENTITY("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\","
	    "\"Resource\":\"arn:aws:s3:::amzn-s3-demo-bucket\",\"Condition\":"
	    "{\"NumericLessThanEquals\":{\"s3:max-keys\":\"10\"}}}"), {
		{ DOC_USER, "s3:ListBucket", "arn:aws:s3:::amzn-s3-demo-bucket",
		    TP_KV("s3:max-keys=10"), A },
		{ DOC_USER, "s3:ListBucket", "arn:aws:s3:::amzn-s3-demo-bucket",
		    TP_KV("s3:max-keys=11"), N },
		{ DOC_USER, "s3:ListBucket", "arn:aws:s3:::amzn-s3-demo-bucket",
		    NULL, N },
	} },
	{ "date: aws:TokenIssueTime", POLICY_IDENTITY,
	    IDENTITY("{\"Effect\":\"Allow\",\"Action\":\"iam:*AccessKey*\","
	    "\"Resource\":\"arn:aws:iam::123456789012:user/*\",\"Condition\":"
	    "{\"DateGreaterThan\":{\"aws:TokenIssueTime\":"
	    "\"2020-01-01T00:00:01Z\"}}}"), {
		{ DOC_USER, "iam:CreateAccessKey",
		    "arn:aws:iam::123456789012:user/alice",
		    TP_KV("aws:TokenIssueTime=2024-05-01T10:00:00Z"), A },
		{ DOC_USER, "iam:CreateAccessKey",
		    "arn:aws:iam::123456789012:user/alice",
		    TP_KV("aws:TokenIssueTime=2019-05-01T10:00:00Z"), N },
		{ DOC_USER, "iam:CreateAccessKey",
		    "arn:aws:iam::123456789012:user/alice", NULL, N },
	} },
	{ "boolean: deny aws:SecureTransport false", POLICY_RESOURCE,
	    RESOURCE("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" DOC_USER
	    "\"},\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::amzn-s3-demo-"
	    "bucket/*\"},{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":"
	    "\"s3:*\",\"Resource\":[\"arn:aws:s3:::amzn-s3-demo-bucket\","
	    "\"arn:aws:s3:::amzn-s3-demo-bucket/*\"],\"Condition\":{\"Bool\":"
	    "{\"aws:SecureTransport\":\"false\"}}}"), {
		{ DOC_USER, "s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/k",
		    TP_KV("aws:SecureTransport=true"), A },
		{ DOC_USER, "s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/k",
		    TP_KV("aws:SecureTransport=false"), X },
	} },
	/* the page writes the key as "key"; IAM wants SERVICE:NAME keys */
	{ "binary: BinaryEquals", POLICY_IDENTITY,
	    IDENTITY("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
	    "\"Resource\":\"*\",\"Condition\":{\"BinaryEquals\":{\"ex:key\":"
	    "\"QmluYXJ5VmFsdWVJbkJhc2U2NA==\"}}}"), {
		{ DOC_USER, "s3:GetObject", "arn:aws:s3:::b/k",
		    TP_KV("ex:key=QmluYXJ5VmFsdWVJbkJhc2U2NA=="), A },
		{ DOC_USER, "s3:GetObject", "arn:aws:s3:::b/k",
		    TP_KV("ex:key=QmluYXJ5"), N },
	} },
	{ "ip: IPv4 and IPv6 aws:SourceIp", POLICY_IDENTITY,
	    IDENTITY("{\"Effect\":\"Allow\",\"Action\":\"iam:*AccessKey*\","
	    "\"Resource\":\"arn:aws:iam::123456789012:user/*\",\"Condition\":"
	    "{\"IpAddress\":{\"aws:SourceIp\":[\"203.0.113.0/24\","
	    "\"2001:DB8:1234:5678::/64\"]}}}"), {
		{ DOC_USER, "iam:CreateAccessKey",
		    "arn:aws:iam::123456789012:user/alice",
		    TP_KV("aws:SourceIp=203.0.113.10"), A },
		{ DOC_USER, "iam:CreateAccessKey",
		    "arn:aws:iam::123456789012:user/alice",
		    TP_KV("aws:SourceIp=2001:db8:1234:5678::a"), A },
		{ DOC_USER, "iam:CreateAccessKey",
		    "arn:aws:iam::123456789012:user/alice",
		    TP_KV("aws:SourceIp=198.51.100.7"), N },
	} },
	{ "arn: SNS topic may send to the queue", POLICY_RESOURCE,
	    RESOURCE("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
	    "\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":"
	    "\"arn:aws:sqs:us-east-1:123456789012:QUEUE-ID\",\"Condition\":"
	    "{\"ArnEquals\":{\"aws:SourceArn\":"
	    "\"arn:aws:sns:us-east-1:123456789012:TOPIC-ID\"}}}"), {
		{ "sns.amazonaws.com", "sqs:SendMessage",
		    "arn:aws:sqs:us-east-1:123456789012:QUEUE-ID",
		    TP_KV("aws:SourceArn=arn:aws:sns:us-east-1:123456789012:TOPIC-ID"),
		    A },
		{ "sns.amazonaws.com", "sqs:SendMessage",
		    "arn:aws:sqs:us-east-1:123456789012:QUEUE-ID",
		    TP_KV("aws:SourceArn=arn:aws:sns:us-east-1:444455556666:TOPIC-ID"),
		    N },
		{ "sns.amazonaws.com", "sqs:SendMessage",
		    "arn:aws:sqs:us-east-1:123456789012:QUEUE-ID", NULL, N },
	} },
	{ "...IfExists: ec2:InstanceType", POLICY_IDENTITY,
	    IDENTITY("{\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"Resource\":"
	    "\"*\",\"Condition\":{\"StringLikeIfExists\":{\"ec2:InstanceType\":"
	    "[\"t1.*\",\"t2.*\",\"m3.*\"]}}}"), {
		{ DOC_USER, "ec2:RunInstances", "arn:aws:ec2:us-east-1:123456789012:"
		    "instance/*", TP_KV("ec2:InstanceType=t2.micro"), A },
		{ DOC_USER, "ec2:RunInstances", "arn:aws:ec2:us-east-1:123456789012:"
		    "instance/*", TP_KV("ec2:InstanceType=c5.large"), N },
		{ DOC_USER, "ec2:CreateVolume", "arn:aws:ec2:us-east-1:123456789012:"
		    "volume/*", NULL, A },
	} },
	{ "null: only long-term credentials", POLICY_IDENTITY,
	    IDENTITY("{\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"Resource\":"
	    "\"*\",\"Condition\":{\"Null\":{\"aws:TokenIssueTime\":\"true\"}}}"), {
		{ DOC_USER, "ec2:DescribeInstances", NULL, NULL, A },
		{ DOC_USER, "ec2:DescribeInstances", NULL,
		    TP_KV("aws:TokenIssueTime=2024-05-01T10:00:00Z"), N },
	} },
	{ "multiple keys and values: AND of keys, OR of values", POLICY_IDENTITY,
	    IDENTITY("{\"Effect\":\"Allow\",\"Action\":\"iam:GetUser\","
	    "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":"
	    "{\"aws:PrincipalTag/department\":[\"finance\",\"hr\",\"legal\"],"
	    "\"aws:PrincipalTag/role\":[\"audit\",\"security\"]}}}"), {
		{ DOC_USER, "iam:GetUser", NULL,
		    TP_KV("aws:PrincipalTag/department=finance",
		    "aws:PrincipalTag/role=audit"), A },
		{ DOC_USER, "iam:GetUser", NULL,
		    TP_KV("aws:PrincipalTag/department=hr",
		    "aws:PrincipalTag/role=dev"), N },
		{ DOC_USER, "iam:GetUser", NULL,
		    TP_KV("aws:PrincipalTag/role=audit"), N },
	} },
	{ "single-valued: CreateTags needs a project, not production",
	    POLICY_IDENTITY,
	    IDENTITY("{\"Effect\":\"Allow\",\"Action\":\"ec2:CreateVolume\","
	    "\"Resource\":\"*\"},{\"Effect\":\"Allow\",\"Action\":"
	    "\"ec2:CreateTags\",\"Resource\":"
	    "\"arn:aws:ec2:us-east-1:123456789012:volume/*\",\"Condition\":"
	    "{\"StringLike\":{\"aws:RequestTag/project\":\"*\"}}},{\"Effect\":"
	    "\"Allow\",\"Action\":\"ec2:CreateTags\",\"Resource\":"
	    "\"arn:aws:ec2:us-east-1:123456789012:*/*\",\"Condition\":"
	    "{\"StringNotEquals\":{\"aws:ResourceTag/environment\":"
	    "\"production\"}}}"), {
		{ DOC_USER, "ec2:CreateTags",
		    "arn:aws:ec2:us-east-1:123456789012:volume/v-1",
		    TP_KV("aws:RequestTag/project=phi"), A },
		/* the third statement: no environment tag is not production */
		{ DOC_USER, "ec2:CreateTags",
		    "arn:aws:ec2:us-east-1:123456789012:instance/i-1", NULL, A },
		{ DOC_USER, "ec2:CreateTags",
		    "arn:aws:ec2:us-east-1:123456789012:instance/i-1",
		    TP_KV("aws:ResourceTag/environment=production"), N },
	} },
	{ "multivalued: deny tag keys starting key1 (ForAllValues)",
	    POLICY_IDENTITY,
	    IDENTITY("{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":"
	    "\"*\"},{\"Effect\":\"Deny\",\"Action\":[\"iam:Tag*\","
	    "\"iam:UnTag*\"],\"Resource\":\"*\",\"Condition\":"
	    "{\"ForAllValues:StringLike\":{\"aws:TagKeys\":\"key1*\"}}}"), {
		{ DOC_USER, "iam:TagUser", NULL,
		    TP_KV("aws:TagKeys=key1:legal"), X },
		{ DOC_USER, "iam:TagUser", NULL,
		    TP_KV("aws:TagKeys=key1:hr", "aws:TagKeys=key1:personnel"), X },
		{ DOC_USER, "iam:TagUser", NULL,
		    TP_KV("aws:TagKeys=key1:hr", "aws:TagKeys=key2:audit"), A },
		/* ForAllValues is true when the request has no tag keys */
		{ DOC_USER, "iam:TagUser", NULL, NULL, X },
	} },
};

static void
test_docs_examples(void)
{
	size_t i, j;

	for (i = 0; i < HS_ARRAY_SIZE(docs); i++) {
		struct policy *p = tp_parse(docs[i].policy, docs[i].type);
		bool res = docs[i].type != POLICY_IDENTITY;

		CU_ASSERT_PTR_NOT_NULL_FATAL(p);
		for (j = 0; j < 4 && docs[i].req[j].action != NULL; j++) {
			const struct doc_request *d = &docs[i].req[j];
			struct tp_request req = { d->principal, d->action,
			    d->resource, DOC_OWNER, d->ctx };
			enum policy_decision got = tp_decide(res ? NULL : p,
			    res ? p : NULL, &req, NULL);

			if (got != d->want)
				printf("# %s, request %zu: got %s\n",
				    docs[i].name, j, policy_decision_name(got));
			CU_ASSERT_EQUAL(got, d->want);
		}
		policy_free(p);
	}
}

#define PHI_ROLE "arn:aws:sts::123456789012:assumed-role/phi-app/i-0123"
#define PHI_OBJECT "arn:aws:s3:::phi-demo/data/x.phi"

/*
 * The blog's question: may an upload without x-amz-server-side-encryption:
 * AES256 go into phi-demo? No: an explicit deny by
 * DenyUnEncryptedObjectUploads.
 */
static void
test_blog_bucket_policy(void)
{
	struct policy *bucket = tp_fixture("blog-bucket-policy.json",
	    POLICY_RESOURCE, "phi-demo");
	struct policy *role = tp_fixture("blog-role-policy.json", POLICY_IDENTITY,
	    "phi-app");
	struct policy *fixed = tp_parse(IDENTITY("{\"Effect\":\"Allow\","
	    "\"Action\":[\"s3:GetObject\",\"s3:PutObject\",\"s3:DeleteObject\"],"
	    "\"Resource\":\"arn:aws:s3:::phi-demo/*\"}"), POLICY_IDENTITY);
	struct tp_request req = { PHI_ROLE, "s3:PutObject", PHI_OBJECT,
	    "123456789012", NULL };
	struct policy_result r = POLICY_RESULT_INIT;
	size_t i;
	bool named = false;

	CU_ASSERT_PTR_NOT_NULL_FATAL(bucket);
	CU_ASSERT_PTR_NOT_NULL_FATAL(role);
	CU_ASSERT_EQUAL(tp_decide(role, bucket, &req, &r), X);
	for (i = 0; i < r.n_matched; i++) {
		CU_ASSERT_PTR_EQUAL(r.matched[i].policy, bucket);
		if (strcmp(policy_statement_sid(bucket, r.matched[i].index),
		    "DenyUnEncryptedObjectUploads") == 0)
			named = true;
	}
	CU_ASSERT_TRUE(named);
	/* StringNotEquals holds for the absent header too */
	CU_ASSERT_EQUAL(r.n_matched, 2);
	CU_ASSERT_EQUAL_FATAL(r.n_missing, 1);
	HS_ASSERT_STR_EQ(r.missing[0], "s3:x-amz-server-side-encryption");
	policy_result_clear(&r);

	/* aws:kms: only the header check denies */
	req.ctx = TP_KV("s3:x-amz-server-side-encryption=aws:kms");
	CU_ASSERT_EQUAL(tp_decide(role, bucket, &req, &r), X);
	CU_ASSERT_EQUAL_FATAL(r.n_matched, 1);
	HS_ASSERT_STR_EQ(policy_statement_sid(bucket, r.matched[0].index),
	    "DenyIncorrectEncryptionHeader");
	CU_ASSERT_EQUAL(r.n_missing, 0);
	policy_result_clear(&r);

	/* AES256: no deny, but the role policy grants on the bucket ARN only */
	req.ctx = TP_KV("s3:x-amz-server-side-encryption=AES256");
	CU_ASSERT_EQUAL(tp_decide(role, bucket, &req, &r), N);
	policy_result_clear(&r);
	CU_ASSERT_EQUAL(tp_decide(fixed, bucket, &req, &r), A);
	policy_result_clear(&r);
	req.ctx = NULL;
	CU_ASSERT_EQUAL(tp_decide(fixed, bucket, &req, NULL), X);
	/* the denials cover objects only: a bucket action is not theirs */
	req.action = "s3:PutObject";
	req.resource = "arn:aws:s3:::other-bucket/x";
	CU_ASSERT_EQUAL(tp_decide(NULL, bucket, &req, NULL), N);
	policy_free(bucket);
	policy_free(role);
	policy_free(fixed);
}

/* Version 2008-10-17: ${aws:username} in a Resource is text. */
static void
test_version_2008_resource(void)
{
	struct policy *p = tp_parse("{\"Version\":\"2008-10-17\",\"Statement\":"
	    "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":"
	    "\"arn:aws:s3:::b/${aws:username}/*\"}}", POLICY_IDENTITY);
	struct tp_request req = { ALICE, "s3:GetObject", "arn:aws:s3:::b/alice/k",
	    SAME, NULL };

	CU_ASSERT_EQUAL(tp_decide(p, NULL, &req, NULL), N);
	req.resource = "arn:aws:s3:::b/${aws:username}/k";
	CU_ASSERT_EQUAL(tp_decide(p, NULL, &req, NULL), A);
	policy_free(p);
}

struct thread_arg {
	const struct policy_set *set;
	const struct policy_request *req;
	int mismatches;
};

static void *
evaluate_many(void *v)
{
	struct thread_arg *a = v;
	int i;

	for (i = 0; i < 2000; i++) {
		struct policy_result r = POLICY_RESULT_INIT;

		if (policy_evaluate(a->set, a->req, i % 2 ? &r : NULL) !=
		    POLICY_EXPLICIT_DENY)
			a->mismatches++;
		if (i % 2 && r.n_matched != 2)
			a->mismatches++;
		policy_result_clear(&r);
	}
	return NULL;
}

/* Concurrent readers of the same policies and context agree. */
static void
test_concurrent_readers(void)
{
	struct policy *bucket = tp_fixture("blog-bucket-policy.json",
	    POLICY_RESOURCE, "phi-demo");
	struct policy_set set = { NULL, 0, bucket, false };
	struct policy_principal pp;
	struct policy_ctx *ctx = policy_ctx_new();
	struct policy_request req = { "s3:PutObject", PHI_OBJECT, "123456789012",
	    &pp, ctx };
	struct thread_arg args[4];
	pthread_t t[4];
	char *cause = NULL;
	int i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(bucket);
	CU_ASSERT_EQUAL(policy_principal_init(&pp, PHI_ROLE, &cause), 0);
	policy_ctx_add_principal(ctx, &pp);
	for (i = 0; i < 4; i++) {
		args[i].set = &set;
		args[i].req = &req;
		args[i].mismatches = 0;
		CU_ASSERT_EQUAL(pthread_create(&t[i], NULL, evaluate_many,
		    &args[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		CU_ASSERT_EQUAL(args[i].mismatches, 0);
	}
	policy_ctx_free(ctx);
	policy_free(bucket);
}

static const struct hs_unit_case eval_tests[] = {
	{ "identity-resource-combinations", test_combinations },
	{ "matched-statements", test_matched_statements },
	{ "case-and-not-elements", test_case_and_not_elements },
	{ "not-principal", test_not_principal },
	{ "trust-and-key-policies", test_trust_and_key_policies },
	{ "docs-single-account-example", test_docs_single_account_example },
	{ "docs-condition-examples", test_docs_examples },
	{ "blog-bucket-policy", test_blog_bucket_policy },
	{ "version-2008-resource", test_version_2008_resource },
	{ "concurrent-readers", test_concurrent_readers },
};

void
hs_unit_register(void)
{
	hs_unit_add_table("policy-eval", eval_tests, HS_ARRAY_SIZE(eval_tests));
}
