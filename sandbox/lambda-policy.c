/*
 * lambda-policy.c: a function's resource policy judged by the policy
 * engine, as Lambda judges it when a service invokes the function: S3
 * (s3.amazonaws.com) may invoke it for a bucket only when a statement
 * allows lambda:InvokeFunction to that service principal with the
 * request's aws:SourceArn (the bucket) and aws:SourceAccount (its
 * owner).
 */
#include "hs-common.h"
#include "lambda.h"

#include "policy/policy.h"

/* Tell whether the policy lets a service invoke the function. */
bool
sbx_lambda_policy_allows(const struct sandbox *sb,
    const struct sbx_lambda_fn *f, const char *service,
    const char *source_arn, const char *source_account, time_t now)
{
	const struct policy_parse_opts opts = { POLICY_RESOURCE, NULL, NULL };
	struct policy_principal pp = { POLICY_PRINCIPAL_SERVICE, service, "" };
	struct policy_set set = { NULL, 0, NULL, false };
	struct policy_request req = { "lambda:InvokeFunction", NULL,
	    sb->account_id, &pp, NULL };
	struct policy_ctx *ctx;
	struct policy *p;
	char *cause = NULL, *arn;
	bool ok;

	if (f->policy == NULL)
		return false;
	p = policy_parse(f->policy, strlen(f->policy), &opts, &cause);
	free(cause);
	if (p == NULL)
		return false;
	ctx = policy_ctx_new();
	if (source_arn != NULL)
		policy_ctx_add(ctx, "aws:SourceArn", source_arn);
	if (source_account != NULL)
		policy_ctx_add(ctx, "aws:SourceAccount", source_account);
	policy_ctx_add_principal(ctx, &pp);
	policy_ctx_add_time(ctx, now);
	arn = sbx_lambda_arn(sb, f, false);
	set.resource = p;
	req.resource = arn;
	req.ctx = ctx;
	ok = policy_evaluate(&set, &req, NULL) == POLICY_ALLOW;
	free(arn);
	policy_ctx_free(ctx);
	policy_free(p);
	return ok;
}
