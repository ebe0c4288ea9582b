/*
 * s3-authz.c: bucket policies enforced on every S3 request with the
 * policy engine (policy/policy.h) and the request's real condition keys.
 *
 * Who may do what:
 * - the root user of the account that owns the bucket: anything its
 *   bucket policy does not deny explicitly (the engine's rule), and
 *   always Get/Put/DeleteBucketPolicy, as in S3 (no lock-out);
 * - other principals of the credentials file: as if their identity
 *   policy allowed everything (the sandbox has no IAM users' policies
 *   yet), so within their account the bucket policy's denies bind them
 *   and across accounts the bucket policy must allow them;
 * - STS role sessions: what their role's identity policies (IAM: inline
 *   and attached managed policies) and the bucket policy grant them;
 * - anonymous (unsigned) requests: only what the bucket policy grants
 *   to "*".
 * With Block Public Access's RestrictPublicBuckets on, a public bucket
 * policy grants nothing to anonymous callers nor to other accounts.
 */
#include "hs-common.h"
#include "s3.h"
#include "api.h"

#include "policy/policy.h"

/* "Allow everything": the identity policy of credentials-file users. */
static const char s3_admin_policy[] = "{\"Version\":\"2012-10-17\","
	"\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
	"\"Resource\":\"*\"}]}";

/* Add a request header as a condition key when present. */
static void
ctx_header(struct policy_ctx *ctx, struct sbx_call *c, const char *key,
    const char *header)
{
	const char *v = aws_kvlist_get(&c->req.headers, header);

	if (v != NULL)
		policy_ctx_add(ctx, key, v);
}

/* Add a query parameter as a condition key when present. */
static void
ctx_query(struct policy_ctx *ctx, struct sbx_call *c, const char *key,
    const char *param)
{
	const char *v = aws_kvlist_get_exact(&c->req.query, param);

	if (v != NULL)
		policy_ctx_add(ctx, key, v);
}

/* The condition keys of the request. */
static struct policy_ctx *
s3_context(struct sbx_call *c, const struct policy_principal *pp)
{
	struct policy_ctx *ctx = policy_ctx_new();
	const char *presigned = aws_kvlist_get_exact(&c->req.query,
	    "X-Amz-Signature");

	policy_ctx_add(ctx, "aws:SecureTransport", c->secure ? "true" : "false");
	if (c->client_ip != NULL && *c->client_ip != '\0')
		policy_ctx_add(ctx, "aws:SourceIp", c->client_ip);
	ctx_header(ctx, c, "aws:UserAgent", "User-Agent");
	ctx_header(ctx, c, "aws:Referer", "Referer");
	ctx_header(ctx, c, "s3:x-amz-server-side-encryption",
	    "x-amz-server-side-encryption");
	ctx_header(ctx, c, "s3:x-amz-server-side-encryption-aws-kms-key-id",
	    "x-amz-server-side-encryption-aws-kms-key-id");
	ctx_header(ctx, c, "s3:x-amz-acl", "x-amz-acl");
	ctx_header(ctx, c, "s3:x-amz-copy-source", "x-amz-copy-source");
	ctx_header(ctx, c, "s3:x-amz-metadata-directive",
	    "x-amz-metadata-directive");
	ctx_header(ctx, c, "s3:x-amz-storage-class", "x-amz-storage-class");
	ctx_header(ctx, c, "s3:x-amz-content-sha256", "x-amz-content-sha256");
	ctx_query(ctx, c, "s3:prefix", "prefix");
	ctx_query(ctx, c, "s3:delimiter", "delimiter");
	ctx_query(ctx, c, "s3:max-keys", "max-keys");
	if (!c->anonymous) {
		policy_ctx_add(ctx, "s3:signatureversion", "AWS4-HMAC-SHA256");
		policy_ctx_add(ctx, "s3:authType", presigned ? "REST-QUERY-STRING" :
		    "REST-HEADER");
		policy_ctx_add(ctx, "aws:userid", c->who->user_id);
		policy_ctx_add_principal(ctx, pp);
	}
	policy_ctx_add_time(ctx, c->now);
	return ctx;
}

/* The ARN of the bucket or of an object in it. */
static char *
s3_arn(const char *bucket, const char *key)
{
	if (bucket == NULL)
		return NULL;
	return key ? hs_xasprintf("arn:aws:s3:::%s/%s", bucket, key) :
	    hs_xasprintf("arn:aws:s3:::%s", bucket);
}

/* True for the caller being the root user of the bucket's account. */
static bool
s3_is_owner_root(const struct sbx_call *c, const struct sbx_bucket *b)
{
	return c->who != NULL && b != NULL && b->owner != NULL &&
	    strcmp(c->who->account, b->owner) == 0 &&
	    hs_ends_with(c->who->arn, ":root");
}

/* Tell whether a policy-configuration action is one root always may do. */
static bool
s3_root_policy_action(const char *action)
{
	return strcmp(action, "s3:GetBucketPolicy") == 0 ||
	    strcmp(action, "s3:PutBucketPolicy") == 0 ||
	    strcmp(action, "s3:DeleteBucketPolicy") == 0;
}

/* Evaluate with the parsed bucket policy (or none). */
static enum policy_decision
s3_evaluate(struct sbx_call *c, const struct sbx_bucket *b,
    const struct policy *bucket_policy, const char *action, const char *key)
{
	struct policy_principal pp = { POLICY_PRINCIPAL_ANONYMOUS, NULL, "" };
	const struct policy *identity[1];
	struct policy_set set = { identity, 0, bucket_policy, false };
	struct policy_request req = { action, NULL, NULL, NULL, NULL };
	struct policy *admin = NULL, **roles = NULL;
	size_t n_roles = 0;
	struct policy_ctx *ctx;
	enum policy_decision d;
	char *arn = s3_arn(b ? b->name : NULL, key);

	if (!c->anonymous) {
		pp.type = POLICY_PRINCIPAL_AWS;
		pp.id = c->who->arn;
		hs_strlcpy(pp.account, c->who->account, sizeof pp.account);
		req.principal = &pp;
		if (c->who->session_token == NULL && (admin = policy_parse(
		    s3_admin_policy, strlen(s3_admin_policy), NULL, NULL)) != NULL)
			identity[set.n_identity++] = admin;
		else if (c->who->session_token != NULL &&
		    (n_roles = sbx_api_session_policies(c->sb, c->who->arn,
		    &roles)) > 0) {
			set.identity = (const struct policy *const *)roles;
			set.n_identity = n_roles;
		}
	}
	ctx = s3_context(c, &pp);
	req.resource = arn;
	req.resource_account = b ? b->owner : NULL;
	req.ctx = ctx;
	d = policy_evaluate(&set, &req, NULL);
	policy_ctx_free(ctx);
	policy_free(admin);
	sbx_api_policies_free(roles, n_roles);
	free(arn);
	return d;
}

/* Tell whether RestrictPublicBuckets shuts this caller out of a public
 * bucket policy: anonymous callers and other accounts. */
static bool
s3_restricted(const struct sbx_call *c, const struct sbx_bucket *b)
{
	if (!c->anonymous && strcmp(c->who->account, b->owner) == 0)
		return false;
	return sbx_s3_pab_flag(b, "RestrictPublicBuckets") &&
	    sbx_s3_policy_public(b->policy);
}

/* The same decision without answering: true when allowed. */
bool
sbx_s3_allowed(struct sbx_call *c, const struct sbx_bucket *b,
    const char *action, const char *key)
{
	const struct policy_parse_opts opts = { POLICY_RESOURCE, NULL, NULL };
	struct policy *bp = NULL;
	char *cause = NULL;
	enum policy_decision d;

	if (s3_is_owner_root(c, b) && s3_root_policy_action(action))
		return true;
	if (b != NULL && b->policy != NULL && s3_restricted(c, b))
		return false;
	if (b != NULL && b->policy != NULL) {
		bp = policy_parse(b->policy, strlen(b->policy), &opts, &cause);
		free(cause);
		if (bp == NULL)
			return false;	/* stored policies were valid */
	}
	d = s3_evaluate(c, b, bp, action, key);
	policy_free(bp);
	return d == POLICY_ALLOW;
}

/* Decide, answering 403 AccessDenied when refused. */
int
sbx_s3_authorize(struct sbx_call *c, const struct sbx_bucket *b,
    const char *action, const char *key)
{
	if (sbx_s3_allowed(c, b, action, key))
		return 0;
	return sbx_fail(c, 403, "AccessDenied", "Access Denied");
}
